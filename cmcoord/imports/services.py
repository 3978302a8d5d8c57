"""An import from upload to undo: read the file, check every row through the record's own form (the preview, which
writes nothing), write the valid rows in one transaction through the app's services, undo the batch.

Rows are matched to records by their reference: a row naming a record the user may change updates it (or leaves
it alone when nothing differs: our own export re-imports as "unchanged"), a row with no reference creates one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cmcoord.core.outage import queue
from cmcoord.core.scoping import OutOfScope

from .models import BatchStatus, ImportBatch, ImportedRecord, JobState
from .parsing import (
    DATE_ORDERS,
)
from .readers import ImportRefused, SheetStream, open_sheet
from .reading import Columns, check_standing, columns_of, knows_with, opened, parsed_rows, saved_mappings
from .registry import Importer, get_importer

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
    mapped: dict = field(default_factory=dict)  # column index -> ImportColumn, of those matched by a saved mapping
    ignored_at: list[int] = field(default_factory=list)  # columns a saved mapping says the operation never imports
    unknown_at: list[int] = field(default_factory=list)  # the column index of each unknown header
    notes: list[str] = field(default_factory=list)  # what the importer says of the file (rows it skipped …)

    @property
    def saved_matches(self) -> list[tuple[str, str]]:
        """(header, the column it was matched to, or "" for "not imported") of each header a saved mapping decided."""
        found = [(index, str(column.header)) for index, column in self.mapped.items()]
        found += [(index, "") for index in self.ignored_at]
        return [(self.headers[index], label) for index, label in sorted(found)]

    @property
    def ignored(self) -> list[str]:
        return [self.headers[index] for index in self.ignored_at]

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def counts(self) -> dict:
        return {s: self.count(s) for s in (RowStatus.NEW, RowStatus.UPDATE, RowStatus.UNCHANGED, RowStatus.ERROR)}

    @property
    def valid_rows(self) -> list[RowResult]:
        return [row for row in self.rows if row.status in (RowStatus.NEW, RowStatus.UPDATE)]


def background_rows() -> int:
    """Past this many rows a file is checked and written by a worker, the page showing its progress."""
    return int(getattr(settings, "IMPORT_BACKGROUND_ROWS", 10_000))


def start_batch(*, user, operation, kind: str, file_name: str, data=None, upload=None) -> ImportBatch:
    """Keep the uploaded file (``data`` bytes, or ``upload``, a file) with a new batch (status "preview"), after it
    has been read once, row by row: a file the reader refuses is never kept. A file of more rows than
    :func:`background_rows` is marked for a worker (queue it with :func:`queue_check`). Raises
    :class:`ImportRefused` with the reason."""
    check_standing(user, operation)
    importer = get_importer(kind)
    if importer is None:
        raise ImportRefused(_("Nothing called “%(kind)s” can be imported.") % {"kind": kind})
    source = data if upload is None else upload
    saved = saved_mappings(operation, kind)
    rows = open_sheet(file_name, source, knows_with(importer, saved)).count()
    batch = ImportBatch(
        operation=operation,
        user=user,
        kind=kind,
        file_name=file_name[:255],
        rows_total=rows,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    if rows > background_rows():
        batch.background, batch.state, batch.state_changed_at = True, JobState.QUEUED, timezone.now()
    if upload is None:
        batch.file.save(file_name[-100:] or "import", ContentFile(data), save=False)
    else:
        upload.seek(0)
        batch.file.save(file_name[-100:] or "import", File(upload), save=False)
    batch.save()
    return batch


def checked_rows(importer: Importer, context: dict, stream: SheetStream, columns: Columns):
    """Each row checked through the record's form, one at a time (a :class:`RowResult` with its form): the file's
    rows as they are, or as the importer regroups them (ACLED: one row per actor)."""
    for number, values, unsettled in importer.rows(context, parsed_rows(stream, columns)):
        yield _check_row(importer, context, number, values, columns.header_of, unsettled)


def _preview_of(importer, stream, columns: Columns) -> Preview:
    result = Preview(
        importer,
        stream.headers,
        columns.matched,
        [stream.headers[i] for i in columns.unknown_at],
        date_order_choice=columns.ambiguous or columns.order is not None,
    )
    result.mapped, result.ignored_at, result.unknown_at = columns.mapped, columns.ignored_at, columns.unknown_at
    return result


def preview(batch: ImportBatch, user, date_order: str = "", *, rows: bool = True) -> Preview:
    """Every row checked through the record's form, nothing written. ``rows=False``: the header only (which column
    is which), the rows left unread."""
    check_standing(user, batch.operation)
    importer = get_importer(batch.kind)
    saved = saved_mappings(batch.operation, batch.kind)
    with opened(batch, saved) as stream:
        columns = _columns(batch, importer, stream, saved, date_order, scan_dates=rows)
        result = _preview_of(importer, stream, columns)
        if rows:
            context = importer.prepare(user, batch.operation)
            for row in checked_rows(importer, context, stream, columns):
                row.form = row.instance = None  # what the page shows only: the rows are checked again to be written
                result.rows.append(row)
            result.notes = importer.notes(context)
    return result


def _columns(batch: ImportBatch, importer, stream, saved, date_order: str, scan_dates: bool = True) -> Columns:
    """:func:`columns_of` the batch's file, reading its date columns only the first time: what they say is kept on
    the batch (the check reads them, the import that follows does not)."""
    columns = columns_of(importer, stream, saved, date_order, scan_dates=scan_dates, known=batch.date_verdicts)
    verdicts = {**batch.date_verdicts, **{str(index): verdict for index, verdict in columns.verdicts.items()}}
    if verdicts != batch.date_verdicts:
        ImportBatch.objects.filter(pk=batch.pk).update(date_verdicts=verdicts)
        batch.date_verdicts = verdicts
    return columns


def queue_check(batch: ImportBatch, date_order: str = "") -> bool:
    """Queue the check of a large file (again, after a choice of columns or date order): False when the broker
    cannot be reached (the page then says so; the batch waits, and a new choice queues it again)."""
    from .tasks import check_batch

    ImportBatch.objects.filter(pk=batch.pk).update(
        state=JobState.QUEUED,
        state_changed_at=timezone.now(),
        date_order=date_order if date_order in DATE_ORDERS else "",
        rows_done=0,
        failure="",
    )
    if queue(check_batch, batch.pk):
        return True
    # Not left waiting for a message that was never sent: the page offers to check it again.
    ImportBatch.objects.filter(pk=batch.pk, state=JobState.QUEUED).update(
        state=JobState.FAILED,
        failure=_("The service that handles large files could not be reached. Check the file again in a few minutes."),
    )
    return False


def queue_import(batch: ImportBatch, only_valid: bool) -> bool:
    """Queue the writing of a checked large file; raises :class:`ImportRefused` if it is not ready to import."""
    from .tasks import import_batch

    taken = ImportBatch.objects.filter(pk=batch.pk, status=BatchStatus.PREVIEW, state=JobState.READY).update(
        state=JobState.IMPORTING, state_changed_at=timezone.now(), rows_done=0, failure=""
    )
    if not taken:
        raise ImportRefused(_("This file is not ready to import: wait until its rows are checked."))
    return queue(import_batch, batch.pk, only_valid)


ERRORS_KEPT = 200  # a large file's check keeps this many rows' errors to show


def check_large(batch: ImportBatch, user, date_order: str = "", progress=None) -> dict:
    """A large file's preview, row by row, keeping only the counts and the first rows' errors (what the page shows):
    memory does not grow with the file. Returns the summary kept on the batch."""
    check_standing(user, batch.operation)
    importer = get_importer(batch.kind)
    saved = saved_mappings(batch.operation, batch.kind)
    counts = dict.fromkeys((RowStatus.NEW, RowStatus.UPDATE, RowStatus.UNCHANGED, RowStatus.ERROR), 0)
    errors = []
    with opened(batch, saved) as stream:
        columns = _columns(batch, importer, stream, saved, date_order)
        context = importer.prepare(user, batch.operation)
        for done, row in enumerate(checked_rows(importer, context, stream, columns), start=1):
            counts[row.status] += 1
            if row.errors and len(errors) < ERRORS_KEPT:
                errors.append(
                    {"number": row.number, "title": str(row.title), "errors": [[str(c), str(m)] for c, m in row.errors]}
                )
            if progress and done % CHUNK == 0:
                progress(done)
    return {
        "counts": counts,
        "errors": errors,
        "date_order_choice": columns.ambiguous or columns.order is not None,
        "date_order": date_order if date_order in DATE_ORDERS else "",
    }


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


CHUNK = 500  # rows written between two reports of progress, and records of the batch inserted at once


def run_import(batch: ImportBatch, user, *, date_order: str = "", only_valid: bool = True, progress=None) -> dict:
    """Write the batch's valid rows in one transaction (all or nothing); with ``only_valid=False`` a single row
    with an error writes nothing at all. Each row is read from the file, checked again through the record's form
    and written at once, and the batch's records are inserted a chunk at a time: memory does not grow with the file.
    ``progress(rows done)`` is called after each chunk. Returns the counts by row status."""
    if batch.status != BatchStatus.PREVIEW:
        raise ImportRefused(_("This file has been imported already."))
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status != BatchStatus.PREVIEW:
            raise ImportRefused(_("This file has been imported already."))
        check_standing(user, batch.operation)
        importer = get_importer(batch.kind)
        saved = saved_mappings(batch.operation, batch.kind)
        counts = dict.fromkeys((RowStatus.NEW, RowStatus.UPDATE, RowStatus.UNCHANGED, RowStatus.ERROR), 0)
        content_type = ContentType.objects.get_for_model(importer.model)
        pending = []
        with opened(batch, saved) as stream:
            columns = _columns(batch, importer, stream, saved, date_order)
            context = importer.prepare(user, batch.operation)
            for done, row in enumerate(checked_rows(importer, context, stream, columns), start=1):
                counts[row.status] += 1
                if row.status == RowStatus.ERROR and not only_valid:
                    raise ImportRefused(_("Some rows have errors: correct them, or import only the valid rows."))
                if row.status in (RowStatus.NEW, RowStatus.UPDATE):
                    pending.append(_write_row(importer, context, row, batch, content_type))
                if len(pending) >= CHUNK:
                    ImportedRecord.objects.bulk_create(pending)
                    pending.clear()
                if progress and done % CHUNK == 0:
                    progress(done)
            try:
                importer.finish(context)  # the writes made a chunk at a time: the last chunk's
            except (ValidationError, OutOfScope) as error:
                raise ImportRefused(" ".join(getattr(error, "messages", [str(error)]))) from None
        ImportedRecord.objects.bulk_create(pending)
        if not counts[RowStatus.NEW] + counts[RowStatus.UPDATE]:
            raise ImportRefused(_("No row can be imported."))
        batch.status = BatchStatus.IMPORTED
        batch.imported_at = timezone.now()
        batch.date_order = date_order if date_order in DATE_ORDERS else ""
        batch.row_count = sum(counts.values())
        batch.created_count = counts[RowStatus.NEW]
        batch.updated_count = counts[RowStatus.UPDATE]
        batch.unchanged_count = counts[RowStatus.UNCHANGED]
        batch.error_count = counts[RowStatus.ERROR]
        if batch.background:
            batch.state, batch.rows_done, batch.failure = JobState.DONE, batch.row_count, ""
        batch._history_user = user
        batch.save()
    return counts


def _write_row(importer, context, row, batch, content_type) -> ImportedRecord:
    before = getattr(row.form, "import_before", {})
    try:
        record = importer.save(context, row.form, row.instance)
    except (ValidationError, OutOfScope) as error:
        raise ImportRefused(
            _("Row %(row)s could not be saved: %(error)s")
            % {"row": row.number, "error": " ".join(getattr(error, "messages", [str(error)]))}
        ) from None
    return ImportedRecord(
        batch=batch,
        content_type=content_type,
        object_id=record.pk,
        row_number=row.number,
        created=row.instance is None,
        version=record.version,
        before=_jsonable(before),
    )


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
