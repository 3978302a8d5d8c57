"""The registry of exports and the SQL each column becomes (see the package's docstring for the API)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import BooleanField, Case, CharField, Expression, F, Func, IntegerField, Value, When
from django.db.models.functions import Cast, Concat, Left, NullIf
from django.db.models.lookups import Exact, In
from django.utils.translation import gettext_lazy as _

# A text cell is run as a formula by spreadsheets (OWASP "CSV injection") when it starts with one of these, also
# after leading blanks (Excel and LibreOffice skip spaces, line feeds and no-break spaces before "="), full-width
# forms included (an East Asian input method types U+FF1D); "|" and ";" start DDE and command cells in some of them.
FORMULA_STARTS = ("=", "+", "-", "@", "|", ";", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# Blanks a spreadsheet skips before reading the first of FORMULA_STARTS; a tab or carriage return first is
# neutralised in any case (some programs split cells on them).
FORMULA_BLANKS = " \t\r\n\u00a0\u2007\u202f\u3000"
ALWAYS_NEUTRALISED = ("\t", "\r")


class Kind(StrEnum):
    TEXT = "text"  # empty text reads as an empty cell; formula-like text is neutralised in CSV and XLSX
    CHOICE = "choice"  # a stored choice shown by its (translated) label
    INTEGER = "integer"
    BOOLEAN = "boolean"  # "Yes"/"No" in CSV and XLSX, true/false in JSON
    DATE = "date"  # ISO 8601 (2026-11-21)


class _IsoDatePostgres(Func):
    function = "TO_CHAR"
    output_field = CharField()


class IsoDate(Func):
    """A date as ISO 8601 text whatever PostgreSQL's ``DateStyle``; SQLite stores dates in that form already."""

    output_field = CharField()

    def as_sql(self, compiler, connection, **extra_context):
        # As text: SQLite's driver would turn a column declared "date" back into a Python date.
        return compiler.compile(Cast(self.source_expressions[0], CharField()))

    def as_postgresql(self, compiler, connection, **extra_context):
        return compiler.compile(_IsoDatePostgres(self.source_expressions[0], Value("YYYY-MM-DD")))


class LTrimCharacters(Func):
    """``LTRIM(text, characters)``: the text without the given characters at its start (PostgreSQL and SQLite)."""

    function = "LTRIM"
    output_field = CharField()


def neutralised(expression) -> Expression:
    """Text that a spreadsheet would run as a formula, prefixed with an apostrophe; other text unchanged.

    The CSV of PostgreSQL's ``COPY`` and of the portable path both come from this SQL: they neutralise alike.
    """
    first_shown = Left(LTrimCharacters(expression, Value(FORMULA_BLANKS)), 1)
    return Case(
        When(In(Left(expression, 1), list(ALWAYS_NEUTRALISED)), then=Concat(Value("'"), expression)),
        When(In(first_shown, list(FORMULA_STARTS)), then=Concat(Value("'"), expression)),
        default=expression,
        output_field=CharField(),
    )


def is_formula_like(value: str) -> bool:
    """Whether a spreadsheet would run ``value`` as a formula (the rule of :func:`neutralised`, in Python)."""
    return value.startswith(ALWAYS_NEUTRALISED) or value.lstrip(FORMULA_BLANKS).startswith(FORMULA_STARTS)


def neutralise_cell(value):
    """The same rule in Python, for the XLSX writer's last guard."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def _as_expression(value) -> Expression:
    return F(value) if isinstance(value, str) else value


@dataclass(frozen=True)
class Column:
    """One column of an export: a stable ``key`` (the JSON key), a translated ``header``, its ``hxl`` hashtag and
    the ``value``, a lookup (``"activity__area__name"``) or an expression evaluated by the database."""

    key: str
    header: str
    hxl: str
    value: str | Expression
    kind: Kind = Kind.TEXT
    choices: Sequence[tuple] = ()

    def __post_init__(self):
        if self.choices and self.kind is Kind.TEXT:
            object.__setattr__(self, "kind", Kind.CHOICE)
        if self.kind is Kind.CHOICE and not (self.choices and isinstance(self.value, str)):
            raise ValueError(f"Column {self.key}: a choice column names a lookup and its choices.")

    def expression(self, *, for_json: bool = False) -> Expression:
        """The SQL of the cell: text (labels, ISO dates), integers, or booleans for JSON."""
        source = _as_expression(self.value)
        if self.kind is Kind.INTEGER:
            return Cast(source, IntegerField())
        if self.kind is Kind.DATE:
            return IsoDate(source)
        if self.kind is Kind.BOOLEAN:
            if for_json:
                return Cast(source, BooleanField())
            return Case(
                When(Exact(source, True), then=Value(str(_("Yes")))),
                When(Exact(source, False), then=Value(str(_("No")))),
                default=None,
                output_field=CharField(),
            )
        if self.kind is Kind.CHOICE:
            text = Case(
                *(When(**{self.value: value}, then=Value(str(label))) for value, label in self.choices),
                default=Cast(source, CharField()),
                output_field=CharField(),
            )
        else:
            text = NullIf(Cast(source, CharField()), Value(""))
        return text if for_json else neutralised(text)


@dataclass(frozen=True)
class Export:
    """A registered export. ``build(request, operation)`` returns the scoped, filtered, ordered queryset."""

    name: str
    title: str
    columns: tuple[Column, ...]
    build: Callable
    per_operation: bool = True
    description: str = ""
    keys: tuple[str, ...] = field(init=False)

    def __post_init__(self):
        keys = tuple(column.key for column in self.columns)
        if len(set(keys)) != len(keys):
            raise ValueError(f"Export {self.name}: column keys repeat.")
        object.__setattr__(self, "keys", keys)

    def headers(self) -> list[str]:
        return [str(column.header) for column in self.columns]

    def hashtags(self) -> list[str]:
        return [column.hxl for column in self.columns]

    def rows(self, queryset, *, for_json: bool = False):
        """``queryset`` as tuples of cells, one per column, in the column order (still lazy)."""
        aliases = {f"export_{n}": column.expression(for_json=for_json) for n, column in enumerate(self.columns)}
        return queryset.annotate(**aliases).values_list(*aliases)


_EXPORTS: dict[str, Export] = {}


def register(
    name: str, *, title: str, columns: Iterable[Column], per_operation: bool = True, description: str = ""
) -> Callable[[Callable], Callable]:
    """Decorator: register the function building an export's queryset under ``name`` (its address)."""

    def decorator(build: Callable) -> Callable:
        _EXPORTS[name] = Export(
            name=name,
            title=title,
            columns=tuple(columns),
            build=build,
            per_operation=per_operation,
            description=description,
        )
        return build

    return decorator


def unregister(name: str) -> None:
    _EXPORTS.pop(name, None)


def get_export(name: str, *, per_operation: bool | None = None) -> Export | None:
    export = _EXPORTS.get(name)
    if export is None or (per_operation is not None and export.per_operation != per_operation):
        return None
    return export


def registered_exports() -> list[Export]:
    return list(_EXPORTS.values())
