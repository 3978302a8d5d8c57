"""A temporary ``MEDIA_ROOT`` per test (imported files are kept with their batch), files built as offices save
them: French Excel CSV (Windows-1252, ";"), UTF-8 with a byte-order mark, XLSX with a merged group title; and the
steps every record type's import is tested through (each type's file asserts what is its own)."""

import csv
import io

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from cmcoord.imports import services
from cmcoord.imports.models import BatchStatus


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def csv_bytes(rows, *, delimiter=",", encoding="utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows, *, title_row=None, merge=None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    if title_row:
        sheet.append(title_row)
    for row in rows:
        sheet.append(row)
    for cells in merge or ():
        sheet.merge_cells(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- The flow every record type's import goes through ----------------------------------------------------------


def start_import(world, data, name=None, *, kind, user=None, operation=None):
    """A batch of ``kind`` read from ``data`` (a file called ``name``: ``<kind>.xlsx`` unless said), started by
    ``user`` (the officer) in ``operation`` (CAF)."""
    return services.start_batch(
        user=user or world.officer, operation=operation or world.operation, kind=kind,
        file_name=name or f"{kind}.xlsx", data=data,
    )  # fmt: skip


def errors_by_row(preview) -> dict:
    """The columns each row of ``preview`` is refused for, by row number (the header is row 1)."""
    return {row.number: sorted(column for column, _m in row.errors) for row in preview.rows}


def preview_then_import(batch, user, model, *, new, **options):
    """The preview of ``batch`` finds ``new`` rows to create and none refused, and writes nothing; then the import."""
    preview = services.preview(batch, user)
    assert preview.counts == {"new": new, "update": 0, "unchanged": 0, "error": 0}, [r.errors for r in preview.rows]
    assert not model.objects.exists()  # the preview writes nothing
    services.run_import(batch, user, **options)


def assert_export_reimports_unchanged(world, tmp_path, *, export, kind, count):
    """The export ``export`` of the ``count`` records of CAF, as CSV and as XLSX, previews as ``kind`` unchanged,
    every column known."""
    for fmt in ("csv", "xlsx"):
        path = tmp_path / f"{kind}.{fmt}"
        call_command("export", export, user="officer", operation="CAF", format=fmt, output=str(path))
        preview = services.preview(start_import(world, path.read_bytes(), path.name, kind=kind), world.officer)
        assert preview.counts == {"new": 0, "update": 0, "unchanged": count, "error": 0}, [
            (r.errors, r.changes) for r in preview.rows
        ]
        assert preview.unknown == []


def import_then_undo(batch, user, model):
    """``batch`` (an edit of the one record there is, and one new) imported, then undone: the new record deleted."""
    services.run_import(batch, user)
    assert model.objects.count() == 2
    services.undo_batch(batch, user)
    assert model.objects.count() == 1
    batch.refresh_from_db()
    assert batch.status == BatchStatus.UNDONE


def assert_other_operations_record_not_found(world, record, *, kind, column, refusal):
    """An identifier of the other operation's ``record`` in a CAF file matches nothing: the row is refused."""
    data = csv_bytes([["Identifier", column], [str(record.pk), "Hijack"]])
    preview = services.preview(start_import(world, data, f"{kind}.csv", kind=kind), world.officer)
    assert preview.counts["error"] == 1 and refusal in preview.rows[0].errors[0][1]


def assert_preview_within(world, rows, budget, assert_max_queries, *, kind):
    """The preview of ``rows`` (headers first) as XLSX takes ``budget`` queries at the most, every row new."""
    batch = start_import(world, xlsx_bytes(rows), kind=kind)
    with assert_max_queries(budget):
        preview = services.preview(batch, world.officer)
    assert preview.counts["new"] == len(rows) - 1
