"""Reading an import's file: what each header stands for (the importer's own labels, or a mapping the operation
saved once), the file opened again from its batch, its columns matched with their date order, and its rows parsed
into values. :mod:`cmcoord.imports.services` checks and writes the rows read here.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from cmcoord.core.access import Action, can
from cmcoord.exports.registry import is_formula_like

from .models import HeaderMapping, ImportBatch
from .parsing import DATE_ORDERS, DateOrder, date_order_needed, header_key, slashed_parts, to_iso_date, to_number
from .readers import ImportRefused, Sheet, SheetStream, open_sheet
from .registry import Importer, Kind, get_importer


def check_standing(user, operation) -> None:
    if not can(user, Action.CHANGE, operation):
        raise PermissionDenied(_("You cannot import into this operation."))


# --- Headers mapped once per operation -------------------------------------------------------------------------

IGNORE = "-"  # the choice, on the preview, of a header the operation's files carry and nobody imports


def saved_mappings(operation, kind: str) -> dict[str, str]:
    """The operation's saved choices for ``kind``: header as compared -> column key ("" for "not imported")."""
    return dict(HeaderMapping.objects.filter(operation=operation, kind=kind).values_list("header_key", "column"))


def knows_with(importer: Importer, saved: dict[str, str]):
    """Whether a header cell names a column: by the importer's own labels, or by a mapping the operation saved."""
    return lambda cell: importer.knows(cell) or bool(saved.get(header_key(cell)))


def match_columns(importer: Importer, sheet: Sheet, saved: dict[str, str]):
    """(matched, mapped, ignored): the importer's own matching first; a header it does not know then takes the
    column the operation saved for it, unless another header of the file already has that column."""
    matched = importer.match(sheet.headers, sheet.hashtags)
    columns = {column.key: column for column in importer.columns}
    taken = {column.key for column in matched.values()}
    mapped, ignored = {}, []
    for index, header in enumerate(sheet.headers):
        if index in matched or not header:
            continue
        key = header_key(header)
        if key not in saved:
            continue
        column = columns.get(saved[key])
        if saved[key] == "":
            ignored.append(index)
        elif column is not None and column.key not in taken:
            matched[index] = mapped[index] = column
            taken.add(column.key)
    return matched, mapped, ignored


def save_mappings(user, batch: ImportBatch, choices: dict[str, str]) -> int:
    """Save, for the batch's operation and record type, what each header stands for (``choices``: header as in the
    file -> column key, :data:`IGNORE`, or "" to forget an earlier choice). Returns how many were saved."""
    check_standing(user, batch.operation)
    importer = get_importer(batch.kind)
    keys = {column.key for column in importer.columns} if importer else set()
    saved = 0
    with transaction.atomic():
        for header, choice in choices.items():
            key = header_key(header)[:255]
            if not key:
                continue
            if not choice:
                HeaderMapping.objects.filter(operation=batch.operation, kind=batch.kind, header_key=key).delete()
                continue
            if choice != IGNORE and choice not in keys:
                raise ImportRefused(_("“%(column)s” is no column of this import.") % {"column": choice})
            HeaderMapping.objects.update_or_create(
                operation=batch.operation,
                kind=batch.kind,
                header_key=key,
                defaults={"header": header[:255], "column": "" if choice == IGNORE else choice, "user": user},
            )
            saved += 1
    return saved


@contextmanager
def opened(batch: ImportBatch, saved: dict[str, str]):
    """The batch's stored file as a :class:`SheetStream`, the file kept open while the block runs."""
    importer = get_importer(batch.kind)
    if importer is None:
        raise ImportRefused(_("Nothing called “%(kind)s” can be imported.") % {"kind": batch.kind})
    try:
        handle = batch.file.open("rb")
    except (OSError, ValueError):
        raise ImportRefused(_("The file of this import is no longer stored: upload it again.")) from None
    try:
        yield open_sheet(batch.file_name, handle, knows_with(importer, saved))
    finally:
        handle.close()


def sheet_of(batch: ImportBatch, saved: dict[str, str] | None = None) -> Sheet:
    """The batch's whole sheet in memory (a small file)."""
    with opened(batch, saved or {}) as stream:
        return Sheet(headers=stream.headers, hashtags=stream.hashtags, rows=list(stream.rows()))


@dataclass
class Columns:
    """What the file's header rows say: which column is which, and how its dates are read."""

    matched: dict
    mapped: dict
    ignored_at: list
    unknown_at: list
    orders: dict  # date column index -> DateOrder or None
    ambiguous: bool
    order: DateOrder | None
    header_of: dict  # column key -> the file's header, for error messages
    verdicts: dict = field(default_factory=dict)  # what each date column says (``ImportBatch.date_verdicts``)


AMBIGUOUS = "ambiguous"  # a verdict: every slashed date of the column reads either way


def columns_of(
    importer: Importer, stream: SheetStream, saved: dict, date_order: str, scan_dates=True, known: dict | None = None
) -> Columns:
    """Which column is which, and how each date column is read. A date column's verdict is read from its dates in one
    streamed pass over the file, unless ``known`` (the batch's ``date_verdicts``, by column index) has it already:
    the file never changes, so neither does what a column of it says."""
    matched, mapped, ignored = match_columns(importer, stream, saved)
    unknown_at = [i for i, h in enumerate(stream.headers) if i not in matched and h and i not in ignored]
    order = DateOrder(date_order) if date_order in DATE_ORDERS else None
    known = known or {}
    dates = [index for index, column in matched.items() if column.kind is Kind.DATE]
    verdicts = {index: known[str(index)] for index in dates if str(index) in known}
    unread = [index for index in dates if index not in verdicts]
    if unread and scan_dates:
        reading = {index: _DateVerdict() for index in unread}
        for _number, row in stream.rows():  # one streamed pass for all date columns
            for index, verdict in reading.items():
                verdict.see(row[index])
        verdicts.update({index: verdict.result() for index, verdict in reading.items()})
    ambiguous = False
    orders = {}  # a date column whose own dates settle the order (25/12/2026 is day first) is read that way
    for index in dates:
        result = verdicts.get(index, "")
        ambiguous = ambiguous or (result == AMBIGUOUS and order is None)
        orders[index] = DateOrder(result) if result in DATE_ORDERS else order
    header_of = {column.key: stream.headers[index] or column.hxl for index, column in matched.items()}
    return Columns(matched, mapped, ignored, unknown_at, orders, ambiguous, order, header_of, verdicts)


class _DateVerdict:
    """:func:`date_order_needed` one cell at a time: settled by the first date that only one order can read."""

    def __init__(self):
        self.settled = None
        self.ambiguous = False

    def see(self, value):
        if self.settled is None:
            verdict = date_order_needed([value])
            if isinstance(verdict, DateOrder):
                self.settled = verdict
            elif verdict is True:
                self.ambiguous = True

    def result(self) -> str:
        """The order the column's dates settle, :data:`AMBIGUOUS`, or "" when it has no slashed date."""
        return self.settled.value if self.settled else (AMBIGUOUS if self.ambiguous else "")


def parsed_rows(stream: SheetStream, columns: Columns):
    """Each row of the file as ``(row number, values by column key, dates unsettled)``, one at a time."""
    for number, cells in stream.rows():
        values = {}
        unsettled = False
        for index, column in columns.matched.items():
            value = cells[index]
            if column.kind is Kind.DATE:
                value = to_iso_date(value, columns.orders[index])
                unsettled = unsettled or (isinstance(value, str) and slashed_parts(value) is not None)
            elif column.kind is Kind.NUMBER:
                value = to_number(value)
            else:
                value = unneutralised(str(value).strip() if value is not None else "")
            values[column.key] = value
        yield number, values, unsettled


def unneutralised(text: str) -> str:
    """Text as it was before an export neutralised it: our exports put an apostrophe before text a spreadsheet
    would run as a formula ("'=1+1"); the apostrophe is not part of the value. The text is kept as text either way:
    nothing imported is ever evaluated."""
    if text.startswith("'") and is_formula_like(text[1:]):
        return text[1:]
    return text
