"""Text search over tasks: PostgreSQL full-text search served by a GIN index, substring matching elsewhere; both
ignore case and accents ("eleveurs" finds "Éleveurs").

The document is the same Django expression in the index (created on PostgreSQL only, by migration 0001) and in
the query, so PostgreSQL uses the index: ``to_tsvector('simple_unaccent', translate(title, …) || …)``, each column
with Arabic folded first (``translate``: the alef forms, taa marbuta, alef maqsura, tatweel and diacritics,
:mod:`cmcoord.core.search`), as the words searched are. ``simple_unaccent`` is ``simple`` with the ``unaccent``
dictionary first (the same migration): it does not stem, so it treats every language the product ships in
alike, and it takes accents off the document and the query alike. Each word the user types must start a word of
the task (``brie`` finds "briefing"); SQLite, the embedded default, matches substrings (:mod:`cmcoord.core.search`).
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection

from cmcoord.core.search import ArabicFolded, fold_arabic, folded_contains

MAX_WORDS = 8
CONFIG = "simple_unaccent"  # the text search configuration of the index and the query (migration 0001)
DOCUMENT_FIELDS = ("title", "description", "reference", "outcome")
FEW_MATCHES = 2000  # up to this many matches are read by the text index first, then sorted


def task_document():
    """The task's search document: the same expression as the ``task_text_search`` index (PostgreSQL)."""
    return SearchVector(*(ArabicFolded(field) for field in DOCUMENT_FIELDS), config=CONFIG)


def words_of(text: str) -> list[str]:
    """The words of a search, lower-cased, Arabic folded (before the split: a diacritic is no letter and would cut
    a word in two), without punctuation (which could be tsquery syntax)."""
    return re.findall(r"\w+", fold_arabic(text).lower())[:MAX_WORDS]


def search_tasks(queryset, text: str):
    """``queryset`` narrowed to tasks matching every word of ``text``."""
    words = words_of(text)
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        query = SearchQuery(" & ".join(f"{word}:*" for word in words), config=CONFIG, search_type="raw")
        matching = queryset.annotate(document=task_document()).filter(document=query)
        # Rare words: the GIN index finds the few matches, which the page then sorts. Left to itself, the planner
        # walks the sort order's index and filters row by row, which for a rare word reads the whole operation.
        found = list(matching.order_by().values_list("pk", flat=True)[: FEW_MATCHES + 1])
        if len(found) <= FEW_MATCHES:
            return queryset.filter(pk__in=found)
        return matching  # common words: walking the sort order finds a page of matches quickly
    for word in words:
        queryset = queryset.filter(folded_contains(DOCUMENT_FIELDS, word))
    return queryset
