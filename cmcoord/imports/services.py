"""An import from upload to undo: read the file, check every row through the record's own form (the preview, which
writes nothing), write the valid rows in one transaction through the app's services, undo the batch.

Rows are matched to records by their reference: a row naming a record the user may change updates it (or leaves
it alone when nothing differs: our own export re-imports as "unchanged"), a row with no reference creates one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from cmcoord.core.access import Action, can
from cmcoord.core.scoping import OutOfScope
from cmcoord.exports.registry import is_formula_like

from .models import BatchStatus, ImportBatch, ImportedRecord
from .parsing import DATE_ORDERS, DateOrder, date_order_needed, slashed_parts, to_iso_date, to_number
from .readers import ImportRefused, Sheet, read_sheet
from .registry import Importer, Kind, get_importer

UNDO_WINDOW = datetime.timedelta(hours=24)


class RowStatus:
    NEW = "new"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    ERROR = "error"


@dataclass
class RowResult:
    number: int
    status: str
    title: str = ""
    changes: list[str] = field(default_factory=list)  # the fields an update changes, by their labels
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column header, message)
    form: object = None
    instance: object = None
    detail: str = ""  # what the importer says of the row beside its title (ACLED: the actor's events)


@dataclass
class Preview:
    importer: Importer
    headers: list[str]
    matched: dict  # column index -> ImportColumn
    unknown: list[str]
    date_order_choice: bool  # a date column could be read day-first or month-first: the user says which
    rows: list[RowResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the importer says of the file (rows it skipped …)

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def counts(self) -> dict:
        return {s: self.count(s) for s in (RowStatus.NEW, RowStatus.UPDATE, RowStatus.UNCHANGED, RowStatus.ERROR)}

    @property
    def valid_rows(self) -> list[RowResult]:
        return [row for row in self.rows if row.status in (RowStatus.NEW, RowStatus.UPDATE)]


def check_standing(user, operation) -> None:
    if not can(user, Action.CHANGE, operation):
        raise PermissionDenied(_("You cannot import into this operation."))


def start_batch(*, user, operation, kind: str, file_name: str, data: bytes) -> ImportBatch:
    """Keep the uploaded file with a new batch (status "preview"), after it has been read once: a file the reader
    refuses is never kept. Raises :class:`ImportRefused` with the reason."""
    check_standing(user, operation)
    importer = get_importer(kind)
    if importer is None:
        raise ImportRefused(_("Nothing called “%(kind)s” can be imported.") % {"kind": kind})
    read_sheet(file_name, data, importer.knows)
    batch = ImportBatch(operation=operation, user=user, kind=kind, file_name=file_name[:255])
    batch.file.save(file_name[-100:] or "import", ContentFile(data), save=False)
    batch.save()
    return batch


def sheet_of(batch: ImportBatch) -> Sheet:
    importer = get_importer(batch.kind)
    if importer is None:
        raise ImportRefused(_("Nothing called “%(kind)s” can be imported.") % {"kind": batch.kind})
    try:
        with batch.file.open("rb") as handle:
            data = handle.read()
    except OSError:
        raise ImportRefused(_("The file of this import is no longer stored: upload it again.")) from None
    return read_sheet(batch.file_name, data, importer.knows)


def preview(batch: ImportBatch, user, date_order: str = "") -> Preview:
    """Every row checked through the record's form, nothing written."""
    check_standing(user, batch.operation)
    importer = get_importer(batch.kind)
    sheet = sheet_of(batch)
    matched = importer.match(sheet.headers, sheet.hashtags)
    unknown = [h for i, h in enumerate(sheet.headers) if i not in matched and h]
    order = DateOrder(date_order) if date_order in DATE_ORDERS else None
    ambiguous = False
    orders = {}  # a date column whose own dates settle the order (25/12/2026 is day first) is read that way
    for index, column in matched.items():
        if column.kind is Kind.DATE:
            verdict = date_order_needed(row[index] for _n, row in sheet.rows)
            ambiguous = ambiguous or (verdict is True and order is None)
            orders[index] = verdict if isinstance(verdict, DateOrder) else order
    result = Preview(importer, sheet.headers, matched, unknown, date_order_choice=ambiguous or order is not None)
    context = importer.prepare(user, batch.operation)
    header_of = {column.key: sheet.headers[index] or column.hxl for index, column in matched.items()}
    parsed = []
    for number, cells in sheet.rows:
        values = {}
        unsettled = False
        for index, column in matched.items():
            value = cells[index]
            if column.kind is Kind.DATE:
                value = to_iso_date(value, orders[index])
                unsettled = unsettled or (isinstance(value, str) and slashed_parts(value) is not None)
            elif column.kind is Kind.NUMBER:
                value = to_number(value)
            else:
                value = unneutralised(str(value).strip() if value is not None else "")
            values[column.key] = value
        parsed.append((number, values, unsettled))
    for number, values, unsettled in importer.rows(context, parsed):  # as they are, or regrouped (ACLED)
        result.rows.append(_check_row(importer, context, number, values, header_of, unsettled))
    result.notes = importer.notes(context)
    return result


def unneutralised(text: str) -> str:
    """Text as it was before an export neutralised it: our exports put an apostrophe before text a spreadsheet
    would run as a formula ("'=1+1"); the apostrophe is not part of the value. The text is kept as text either way:
    nothing imported is ever evaluated."""
    if text.startswith("'") and is_formula_like(text[1:]):
        return text[1:]
    return text


def _check_row(importer, context, number, values, header_of, dates_unsettled) -> RowResult:
    try:
        instance = importer.existing(context, values)
    except ValidationError as error:
        return RowResult(number, RowStatus.ERROR, errors=[("", message) for message in error.messages])
    form = importer.form(context, values, instance)
    row = RowResult(number, RowStatus.ERROR, title=values.get("title", ""), form=form, instance=instance)
    row.detail = importer.detail(context, values)
    if dates_unsettled:
        row.errors.append(("", _("Choose whether dates are written day first or month first.")))
    if not form.is_valid():
        for name, messages in form.errors.items():
            key = importer.cell_of(name)
            header = header_of.get(key, "") if key else ""
            for message in messages:
                row.errors.append((header, message))
    if row.errors:
        return row
    if instance is None:
        row.status = RowStatus.NEW
    else:
        row.changes = importer.changes(context, form, instance)
        row.status = RowStatus.UPDATE if row.changes else RowStatus.UNCHANGED
    return row


def run_import(batch: ImportBatch, user, *, date_order: str = "", only_valid: bool = True) -> Preview:
    """Write the batch's valid rows in one transaction (all or nothing); with ``only_valid=False`` a single row
    with an error writes nothing at all. The rows are checked again, as the preview did, right before writing."""
    if batch.status != BatchStatus.PREVIEW:
        raise ImportRefused(_("This file has been imported already."))
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status != BatchStatus.PREVIEW:
            raise ImportRefused(_("This file has been imported already."))
        result = preview(batch, user, date_order)
        if result.count(RowStatus.ERROR) and not only_valid:
            raise ImportRefused(_("Some rows have errors: correct them, or import only the valid rows."))
        if not result.valid_rows:
            raise ImportRefused(_("No row can be imported."))
        importer = result.importer
        context = importer.prepare(user, batch.operation)
        content_type = ContentType.objects.get_for_model(importer.model)
        for row in result.valid_rows:
            before = getattr(row.form, "import_before", {})
            try:
                record = importer.save(context, row.form, row.instance)
            except (ValidationError, OutOfScope) as error:
                raise ImportRefused(
                    _("Row %(row)s could not be saved: %(error)s")
                    % {"row": row.number, "error": " ".join(getattr(error, "messages", [str(error)]))}
                ) from None
            ImportedRecord.objects.create(
                batch=batch,
                content_type=content_type,
                object_id=record.pk,
                row_number=row.number,
                created=row.instance is None,
                version=record.version,
                before=_jsonable(before),
            )
        batch.status = BatchStatus.IMPORTED
        batch.imported_at = timezone.now()
        batch.date_order = date_order if date_order in DATE_ORDERS else ""
        batch.row_count = len(result.rows)
        batch.created_count = result.count(RowStatus.NEW)
        batch.updated_count = result.count(RowStatus.UPDATE)
        batch.unchanged_count = result.count(RowStatus.UNCHANGED)
        batch.error_count = result.count(RowStatus.ERROR)
        batch._history_user = user
        batch.save()
    return result


def _jsonable(values: dict) -> dict:
    encoder = DjangoJSONEncoder()
    return {
        key: value if isinstance(value, (str, int, bool, type(None))) else encoder.default(value)
        for key, value in values.items()
    }


def undo_refusal(batch: ImportBatch) -> str:
    """Why the batch cannot be undone now, or "" when it can."""
    if batch.status != BatchStatus.IMPORTED:
        return _("Only an imported batch can be undone.")
    if timezone.now() - batch.imported_at > UNDO_WINDOW:
        return _("An import can be undone within 24 hours only.")
    importer = get_importer(batch.kind)
    versions = dict(
        importer.model._base_manager.filter(pk__in=[r.object_id for r in batch.records.all()]).values_list(
            "pk", "version"
        )
    )
    for record in batch.records.all():
        if versions.get(record.object_id) != record.version:
            return _("A record of this import (row %(row)s) has been edited or deleted since: it cannot be undone.") % {
                "row": record.row_number
            }
    return ""


def undo_batch(batch: ImportBatch, user) -> None:
    """Delete what the batch created and restore what it changed, all or nothing."""
    check_standing(user, batch.operation)
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        reason = undo_refusal(batch)
        if reason:
            raise ImportRefused(reason)
        importer = get_importer(batch.kind)
        records = importer.model._base_manager.in_bulk([r.object_id for r in batch.records.all()])
        for imported in batch.records.all():
            try:
                importer.undo(user, records[imported.object_id], imported.created, imported.before)
            except ProtectedError:
                raise ImportRefused(
                    _("A record of this import (row %(row)s) is in use by another record: it cannot be undone.")
                    % {"row": imported.row_number}
                ) from None
            except (ValidationError, OutOfScope) as error:  # e.g. a status the workflow cannot go back to
                raise ImportRefused(
                    _("Row %(row)s cannot be undone: %(error)s")
                    % {"row": imported.row_number, "error": " ".join(getattr(error, "messages", [str(error)]))}
                ) from None
        batch.status = BatchStatus.UNDONE
        batch.undone_at = timezone.now()
        batch._history_user = user
        batch.save()
