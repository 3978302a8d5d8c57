"""Text search that ignores case and accents, on PostgreSQL and SQLite alike: "Éleveurs", "eleveurs" and
"ÉLEVEURS" all find "Éleveurs".

:func:`unaccented` is the Python side (accents taken off, lower case); :class:`Folded` the database side of the
same thing: ``lower(unaccent(…))`` on PostgreSQL (the ``unaccent`` extension, created by ``core`` migration 0002), and
on SQLite a function of the same meaning registered on each new connection (:func:`register_sqlite_function`).
:func:`folded_contains` gives the condition a search filter writes, over one field or several.
"""

from __future__ import annotations

import unicodedata

from django.db.models import CharField, Func, Q
from django.db.models.lookups import Contains

SQLITE_FUNCTION = "cmcoord_fold"


def unaccented(text: str) -> str:
    """What :class:`Folded` makes of a column, in Python: accents taken off, lower case (``lower(unaccent(…))``)."""
    text = unicodedata.normalize("NFKD", str(text))
    return "".join(character for character in text if not unicodedata.combining(character)).lower()


def fold(text: str) -> str:
    """A name as people type it, to compare names (the place picker): :func:`unaccented`, case folded, typographic
    apostrophes alike, single spaces."""
    return " ".join(unaccented(str(text).replace("\u2019", "'")).casefold().split())


def _unaccented_or_none(text):
    return None if text is None else unaccented(text)


class Folded(Func):
    """A text column as :func:`unaccented` writes text."""

    output_field = CharField()

    def as_sql(self, compiler, connection, **extra_context):  # SQLite and others: the registered function
        return super().as_sql(compiler, connection, function=SQLITE_FUNCTION, **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, template="lower(unaccent(%(expressions)s))", **extra_context)


def folded_contains(fields, value: str) -> Q:
    """Rows where any of ``fields`` holds ``value``, whatever their accents and case."""
    wanted = unaccented(value.strip())
    condition = Q()
    for field in fields:
        condition |= Q(Contains(Folded(field), wanted))
    return condition


def register_sqlite_function(sender, connection, **kwargs) -> None:
    """``connection_created``: give a new SQLite connection the folding function (deterministic, so SQLite may use
    it anywhere)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 1, _unaccented_or_none, deterministic=True)
