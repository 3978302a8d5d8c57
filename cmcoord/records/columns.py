"""A record type's columns, declared once: the list page shows some, the export carries others, the API reads the
model fields among them.

A :class:`Column` is listed (``listed``, the default), exported (when it has an HXL hashtag and a ``value``), or
both. A listed column shows the record's ``value`` (a lookup through the record's attributes: choices by their
label, dates in the short format, nothing as "—"), linked to the record where ``link``; or ``cell``, a template
rendered with ``record``, for what a lookup cannot say (two dates as a range, a title with its topics).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Expression
from django.template.loader import render_to_string
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cmcoord.core.choices import Sensitivity
from cmcoord.exports import Column as ExportColumn
from cmcoord.exports import Kind

EMPTY = "—"


@dataclass(frozen=True)
class Column:
    key: str  # stable: the export's JSON key
    header: str  # translated: the export's header and, unless ``heading``, the list's
    hxl: str = ""  # the HXL hashtag: with ``value``, the column is exported
    value: str | Expression = ""  # a lookup ("actor__name") or an expression the database evaluates
    kind: Kind = Kind.TEXT
    choices: Sequence[tuple] = ()
    listed: bool = True  # a column of the list page
    heading: str = ""  # the list's heading where it differs from the export's header
    cell: str = ""  # a template for the list's cell (context: ``record``)
    link: bool = False  # the cell links to the record
    head: bool = False  # the row's title: on a phone, the head of the row's card (link implies it)

    @property
    def exported(self) -> bool:
        return bool(self.hxl and self.value != "")

    def export_column(self) -> ExportColumn:
        return ExportColumn(self.key, self.header, self.hxl, self.value, kind=self.kind, choices=self.choices)

    @property
    def is_head(self) -> bool:
        return self.head or self.link

    @property
    def list_heading(self) -> str:
        return self.heading or self.header

    def render(self, record) -> str:
        """The list's cell for ``record`` (HTML, escaped)."""
        if self.cell:
            return render_to_string(self.cell, {"record": record, "column": self})
        value = _lookup(record, self.value) if isinstance(self.value, str) else None
        if value is None or value == "":
            text = EMPTY
        elif self.kind is Kind.DATE or isinstance(value, datetime.date):
            text = formats.date_format(value, "SHORT_DATE_FORMAT")
        elif self.kind is Kind.BOOLEAN:
            text = gettext("Yes") if value else gettext("No")
        else:
            # Text (a title, a name, a place) is set by its own direction: Arabic reads right to left on any page.
            text = format_html('<span dir="auto">{}</span>', value)
        if self.link:
            return format_html('<a href="{}">{}</a>', record.get_absolute_url(), text)
        return format_html("{}", text)


def _lookup(record, path: str):
    """``record``'s value at ``path`` (``a__b``), a choice by its label; None where a step is missing."""
    *steps, last = path.split("__")
    target = record
    for step in steps:
        target = getattr(target, step, None)
        if target is None:
            return None
    display = getattr(target, f"get_{last}_display", None)
    return display() if display is not None else getattr(target, last, None)


class Table:
    """The columns of one record type, in their order."""

    def __init__(self, columns: Sequence[Column]):
        self.columns = tuple(columns)
        keys = [column.key for column in self.columns]
        if len(set(keys)) != len(keys):
            raise ValueError("Column keys repeat.")

    def listed(self) -> list[Column]:
        return [column for column in self.columns if column.listed]

    def export_columns(self) -> list[ExportColumn]:
        return [column.export_column() for column in self.columns if column.exported]

    def model_fields(self, model) -> list[str]:
        """The exported columns that are the model's own fields, by their names (the API's fields)."""
        names = []
        for column in self.columns:
            if not (column.exported and isinstance(column.value, str)) or "__" in column.value:
                continue
            try:
                field = model._meta.get_field(column.value)
            except FieldDoesNotExist:
                continue
            if field.concrete and not field.primary_key and field.name not in names:
                names.append(field.name)
        return names


def number_column(key: str, header: str, hxl: str, value: str) -> Column:
    """An export-only whole-number column (people affected, participants by sex …)."""
    return Column(key, header, hxl, value, kind=Kind.INTEGER, listed=False)


# The columns every record type's export carries: its operation's country, its identifier, its level (listed too).
COUNTRY_CODE = Column("country_code", _("Country code"), "#country+code+v_iso3", "country_code", listed=False)
IDENTIFIER = Column("id", _("Identifier"), "#meta+id", "pk", kind=Kind.INTEGER, listed=False)
SENSITIVITY = Column(
    "sensitivity",
    _("Sensitivity"),
    "#meta+sensitivity",
    "sensitivity",
    choices=Sensitivity.choices,
    cell="records/cells/sensitivity.html",
)
