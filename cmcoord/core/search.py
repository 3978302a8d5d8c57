"""Text search that ignores case and accents, on PostgreSQL and SQLite alike: "Éleveurs", "eleveurs" and
"ÉLEVEURS" all find "Éleveurs"; and Arabic written as people write it: "جماعه الامل" finds "جماعة الأمل".

:func:`unaccented` is the Python side (accents taken off, lower case, Arabic folded); :class:`Folded` the database
side of the same thing: ``translate(lower(unaccent(…)), …)`` on PostgreSQL (the ``unaccent`` extension, created by
``core`` migration 0001; ``translate`` for Arabic, which ``unaccent``'s rules leave alone), and on SQLite a function
of the same meaning registered on each new connection (:func:`register_sqlite_function`). :func:`folded_contains`
gives the condition a search filter writes, over one field or several.

Arabic folding (:data:`ARABIC_FROM`, :data:`ARABIC_TO`): the alef forms (with hamza above or below, with madda,
wasla) are alef, taa marbuta is haa, alef maqsura is yaa, hamza on waw and yaa is the bare letter, and the tatweel
and the diacritics (harakat U+064B to U+0652, superscript alef U+0670, madda and hamza marks U+0653 to U+0655) are
dropped: writers differ on all of these, so none may stop a match.
"""

from __future__ import annotations

import unicodedata

from django.db.models import CharField, Func, Q, TextField, Value
from django.db.models.lookups import Contains

SQLITE_FUNCTION = "cmcoord_fold"

# PostgreSQL's translate(text, from, to): each character of ``from`` becomes the one at its place in ``to``; those past
# the end of ``to`` are dropped. The same table serves Python (``str.translate``).
ARABIC_FROM = "أإآٱؤئةى" + "\u0640" + "".join(chr(code) for code in range(0x064B, 0x0656)) + "\u0670"
ARABIC_TO = "ااااويهي"
_ARABIC_TABLE = str.maketrans(
    {source: (ARABIC_TO[index] if index < len(ARABIC_TO) else None) for index, source in enumerate(ARABIC_FROM)}
)


def fold_arabic(text: str) -> str:
    """``text`` with the Arabic letters writers vary on made one, and the tatweel and diacritics dropped (alone:
    the words of a text search, which PostgreSQL's text search configuration unaccents itself)."""
    return str(text).translate(_ARABIC_TABLE)


def unaccented(text: str) -> str:
    """What :class:`Folded` makes of a column, in Python: accents taken off, lower case, Arabic folded
    (``translate(lower(unaccent(…)), ARABIC_FROM, ARABIC_TO)``)."""
    text = unicodedata.normalize("NFKD", str(text))
    return fold_arabic("".join(character for character in text if not unicodedata.combining(character)).lower())


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
        sql, params = super().as_sql(compiler, connection, template="lower(unaccent(%(expressions)s))", **extra_context)
        return f"translate({sql}, %s, %s)", (*params, ARABIC_FROM, ARABIC_TO)


class ArabicFolded(Func):
    """A text column with Arabic folded as :func:`fold_arabic` folds it (PostgreSQL's ``translate``): for the text
    search document of tasks, whose configuration unaccents and lower-cases the rest."""

    function = "translate"
    output_field = TextField()

    def __init__(self, expression, **extra):
        super().__init__(expression, Value(ARABIC_FROM), Value(ARABIC_TO), **extra)


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
