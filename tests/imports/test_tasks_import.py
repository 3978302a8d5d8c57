"""Tasks from a spreadsheet: checked by the task form, written by the task services, found again by reference,
undone as a batch; the export re-imports unchanged."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from cmcoord.core.choices import Sensitivity
from cmcoord.imports import services
from cmcoord.imports.models import BatchStatus, ImportBatch
from cmcoord.imports.readers import ImportRefused
from protection_tasks.choices import TaskStatus, Urgency
from protection_tasks.models import Task, TimelineEntry
from tests.factories import TaskFactory
from tests.imports.conftest import csv_bytes, xlsx_bytes

HEADERS = ["Title", "Activity code", "Status", "Urgency", "Due date", "Sensitivity", "Outcome / result"]


def start(world, data, name="tasks.csv", user=None):
    return services.start_batch(
        user=user or world.officer, operation=world.operation, kind="tasks", file_name=name, data=data
    )


def test_french_excel_csv_creates_tasks_through_the_service(world):
    data = csv_bytes(
        [
            HEADERS,
            ["Réunion avec le préfet de la Ouaka", "AN-1", "Planned", "High", "25/12/2026", "Confidential", ""],
            ["", "", "", "", "", "", ""],
            ["Atelier DIH à Bria", "CB-1", "Completed", "Medium", "02/11/2026", "Unclassified", "Fait"],
        ],
        delimiter=";",
        encoding="cp1252",
    )
    batch = start(world, data)
    preview = services.preview(batch, world.officer)
    assert preview.counts == {"new": 2, "update": 0, "unchanged": 0, "error": 0}
    assert not Task.objects.exists()  # the preview writes nothing

    services.run_import(batch, world.officer, only_valid=False)
    tasks = {task.title: task for task in Task.objects.all()}
    meeting = tasks["Réunion avec le préfet de la Ouaka"]
    assert meeting.reference.startswith("CAF-")  # from the service, as on the page
    assert meeting.due_date == datetime.date(2026, 12, 25)
    assert meeting.urgency == Urgency.HIGH and meeting.sensitivity == Sensitivity.CONFIDENTIAL
    assert meeting.owner == world.officer
    assert meeting.timeline.filter(kind="created").exists()
    workshop = tasks["Atelier DIH à Bria"]
    assert workshop.status == TaskStatus.COMPLETED and workshop.completed_on is not None
    batch.refresh_from_db()
    assert (batch.status, batch.created_count, batch.row_count) == (BatchStatus.IMPORTED, 2, 2)
    assert batch.history.count() >= 2  # audited like every change


def test_bad_rows_are_reported_by_row_and_cell_and_only_valid_rows_are_imported(world):
    data = xlsx_bytes(
        [
            HEADERS,
            ["Good", "AN-1", "Planned", "Medium", "2026-12-01", "Confidential", ""],
            ["", "AN-1", "Planned", "Medium", "2026-12-01", "Confidential", ""],
            ["Bad activity", "ZZ-9", "Planned", "Medium", "2026-12-01", "Confidential", ""],
            ["Bad date", "AN-1", "Planned", "Medium", "soon", "Confidential", ""],
            ["Bad status", "AN-1", "Exploded", "Medium", "2026-12-01", "Confidential", ""],
        ]
    )
    batch = start(world, data, "tasks.xlsx")
    preview = services.preview(batch, world.officer)
    errors = {row.number: row.errors for row in preview.rows}
    assert preview.counts["new"] == 1 and preview.counts["error"] == 4
    assert [column for column, _message in errors[3]] == ["Title"]
    assert [column for column, _message in errors[4]] == ["Activity code"]
    assert [column for column, _message in errors[5]] == ["Due date"]
    assert [column for column, _message in errors[6]] == ["Status"]

    with pytest.raises(ImportRefused, match="Some rows have errors"):
        services.run_import(batch, world.officer, only_valid=False)
    assert not Task.objects.exists()
    services.run_import(batch, world.officer, only_valid=True)
    assert list(Task.objects.values_list("title", flat=True)) == ["Good"]
    batch.refresh_from_db()
    assert (batch.created_count, batch.error_count) == (1, 4)


def test_ambiguous_dates_make_the_user_choose(world):
    data = csv_bytes([HEADERS, ["Patrol", "AN-1", "Planned", "Medium", "03/04/2026", "Confidential", ""]])
    batch = start(world, data)
    preview = services.preview(batch, world.officer)
    assert preview.date_order_choice and preview.counts["error"] == 1
    assert "day first or month first" in preview.rows[0].errors[0][1]
    services.run_import(batch, world.officer, date_order="mdy", only_valid=False)
    assert Task.objects.get().due_date == datetime.date(2026, 3, 4)


def test_what_a_files_dates_say_is_read_once_by_the_check_and_kept_for_the_import(world, monkeypatch):
    from cmcoord.imports import reading

    data = csv_bytes([
        HEADERS,
        ["Patrol", "AN-1", "Planned", "Medium", "03/04/2026", "Confidential", ""],
        ["Convoy", "AN-1", "Planned", "Medium", "25/12/2026", "Confidential", ""],  # only day first reads it
    ])  # fmt: skip
    batch = start(world, data)
    assert services.preview(batch, world.officer).counts["new"] == 2
    batch.refresh_from_db()
    assert batch.date_verdicts == {"4": "dmy"}  # the fifth column, "Due date"

    def read_again(self, value):
        raise AssertionError("the file's dates were read again")

    monkeypatch.setattr(reading._DateVerdict, "see", read_again)
    services.run_import(batch, world.officer, only_valid=False)
    assert sorted(Task.objects.values_list("due_date", flat=True)) == [
        datetime.date(2026, 4, 3), datetime.date(2026, 12, 25)
    ]  # fmt: skip


def test_an_import_the_last_chunks_re_check_refuses_writes_nothing(world, monkeypatch):
    from cmcoord.core.scoping import OutOfScope, ScopeCheck

    def refuse(self):
        raise OutOfScope("You cannot save a record outside your operations.")

    monkeypatch.setattr(ScopeCheck, "flush", refuse)  # as if a written task were outside the officer's reach
    rows = [HEADERS, *[[f"Task {n}", "AN-1", "Planned", "High", "", "Confidential", ""] for n in range(3)]]
    batch = start(world, csv_bytes(rows))
    with pytest.raises(ImportRefused, match="outside your operations"):
        services.run_import(batch, world.officer, only_valid=False)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PREVIEW and not Task.objects.exists()
    assert not TimelineEntry.objects.exists() and not Task.history.exists()


def test_formula_is_imported_as_text(world):
    data = xlsx_bytes([HEADERS, ['=HYPERLINK("http://evil","x")', "AN-1", "Planned", "Medium", "", "Confidential", ""]])
    services.run_import(start(world, data, "tasks.xlsx"), world.officer)
    assert Task.objects.get().title == '=HYPERLINK("http://evil","x")'


def test_reimport_updates_by_reference_and_never_duplicates(world):
    task = TaskFactory(operation=world.operation, owner=world.officer, title="Old title", sensitivity=1)
    data = csv_bytes([["Reference", "Title", "Urgency"], [task.reference.lower(), "New title", "Critical"]])
    batch = start(world, data)
    assert services.preview(batch, world.officer).rows[0].changes == ["title", "urgency"]
    services.run_import(batch, world.officer)
    task.refresh_from_db()
    assert (task.title, task.urgency, Task.objects.count()) == ("New title", Urgency.CRITICAL, 1)
    assert task.timeline.filter(kind="change").exists()

    again = start(world, data)  # the same file again: nothing to change
    assert services.preview(again, world.officer).counts == {"new": 0, "update": 0, "unchanged": 1, "error": 0}


def test_a_reference_outside_the_users_reach_is_an_error_not_a_new_task(world):
    mali = TaskFactory(operation=world.other_operation, owner=world.other_officer)
    data = csv_bytes([["Reference", "Title"], [mali.reference, "Hijack"], ["CAF-2026-9999", "Unknown"]])
    preview = services.preview(start(world, data), world.officer)
    assert preview.counts["error"] == 2
    data = csv_bytes([["Country code", "Title", "Activity code"], ["MLI", "Elsewhere", "AN-1"]])
    assert "belongs to the operation MLI" in services.preview(start(world, data), world.officer).rows[0].errors[0][1]


def test_our_export_reimports_unchanged(world, tmp_path):
    for level in (Sensitivity.UNCLASSIFIED, Sensitivity.CONFIDENTIAL):
        TaskFactory(
            operation=world.operation, owner=world.officer, sensitivity=level, due_date=datetime.date(2026, 12, 1),
            admin1_name="Ouaka", admin1_pcode="CF71", outcome="=1+1 looked like a formula", urgency=Urgency.HIGH,
        )  # fmt: skip
    for fmt in ("csv", "xlsx"):
        path = tmp_path / f"tasks.{fmt}"
        call_command("export", "tasks", user="officer", operation="CAF", format=fmt, output=str(path))
        batch = start(world, path.read_bytes(), path.name)
        preview = services.preview(batch, world.officer)
        assert preview.counts == {"new": 0, "update": 0, "unchanged": 2, "error": 0}, [
            (r.errors, r.changes) for r in preview.rows
        ]
        assert preview.unknown == []


def test_undo_within_a_day_when_nothing_was_edited_since(world):
    task = TaskFactory(operation=world.operation, owner=world.officer, title="Before")
    data = csv_bytes([["Reference", "Title", "Activity code"], [task.reference, "After", ""], ["", "Created", "AN-1"]])
    batch = start(world, data)
    services.run_import(batch, world.officer)
    assert Task.objects.count() == 2
    services.undo_batch(batch, world.officer)
    task.refresh_from_db()
    assert task.title == "Before" and Task.objects.count() == 1
    batch.refresh_from_db()
    assert batch.status == BatchStatus.UNDONE and batch.undone_at is not None


def test_undo_refused_after_an_edit_or_after_24_hours(world):
    data = csv_bytes([["Title", "Activity code"], ["Created", "AN-1"]])
    batch = start(world, data)
    services.run_import(batch, world.officer)
    Task.objects.update(version=5)  # someone edited it since
    with pytest.raises(ImportRefused, match="edited or deleted since"):
        services.undo_batch(batch, world.officer)
    Task.objects.update(version=1)
    ImportBatch.objects.filter(pk=batch.pk).update(imported_at=timezone.now() - datetime.timedelta(hours=25))
    batch.refresh_from_db()
    with pytest.raises(ImportRefused, match="24 hours"):
        services.undo_batch(batch, world.officer)
    assert Task.objects.count() == 1


def test_the_command_dry_run_writes_nothing_and_the_real_run_imports(world, tmp_path):
    path = tmp_path / "tasks.csv"
    path.write_bytes(csv_bytes([["Title", "Activity code"], ["From the command", "AN-1"], ["", "ZZ-9"]]))
    out, err = io.StringIO(), io.StringIO()
    call_command("import", "tasks", str(path), user="officer", operation="CAF", dry_run=True, stdout=out, stderr=err)
    assert "1 new" in out.getvalue() and "row 3" in err.getvalue() and not Task.objects.exists()
    assert not ImportBatch.objects.exists()
    with pytest.raises(CommandError, match="Some rows have errors"):
        call_command("import", "tasks", str(path), user="officer", operation="CAF", stdout=out, stderr=err)
    call_command("import", "tasks", str(path), user="officer", operation="CAF", only_valid=True, stdout=out, stderr=err)
    assert Task.objects.get().title == "From the command"


@pytest.mark.parametrize("username", ["hct", "hq", "other_officer", "outsider"])
def test_the_command_refuses_who_may_not_import(world, tmp_path, username):
    path = tmp_path / "tasks.csv"
    path.write_bytes(csv_bytes([["Title", "Activity code"], ["x", "AN-1"]]))
    with pytest.raises(CommandError, match="may not import"):
        call_command("import", "tasks", str(path), user=username, operation="CAF")


def test_undo_that_the_workflow_cannot_follow_is_refused_with_the_reason(world):
    task = TaskFactory(operation=world.operation, owner=world.officer, status=TaskStatus.PLANNED)
    batch = start(world, csv_bytes([["Reference", "Status"], [task.reference, "In progress"]]))
    services.run_import(batch, world.officer)
    with pytest.raises(ImportRefused, match="cannot be undone: A task cannot go from"):
        services.undo_batch(batch, world.officer)
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS


def test_imported_tasks_take_the_next_references_and_leave_none_unused(world):
    before = TaskFactory(operation=world.operation, owner=world.officer).reference
    number = int(before.rsplit("-", 1)[1])
    rows = [HEADERS, *[[f"Task {n}", "AN-1", "Planned", "High", "", "Confidential", ""] for n in range(3)]]
    services.run_import(start(world, csv_bytes(rows)), world.officer, only_valid=False)
    imported = sorted(int(task.reference.rsplit("-", 1)[1]) for task in Task.objects.exclude(reference=before))
    assert imported == [number + 1, number + 2, number + 3]
    after = TaskFactory(operation=world.operation, owner=world.officer).reference  # the page's next one
    assert int(after.rsplit("-", 1)[1]) == number + 4


def test_an_imported_tasks_history_is_written_as_a_saved_tasks_is(world):
    rows = [HEADERS, *[[f"Task {n}", "AN-1", "Planned", "High", "", "Confidential", ""] for n in range(3)]]
    services.run_import(start(world, csv_bytes(rows)), world.officer, only_valid=False)
    for task in Task.objects.all():
        (created,) = task.history.all()
        assert created.history_type == "+" and created.title == task.title and created.version == task.version
        assert created.reference == task.reference and created.owner_id == task.owner_id
        (entry,) = task.timeline.all()
        (entry_created,) = entry.history.all()
        assert entry_created.history_type == "+" and entry_created.kind == "created"
        assert entry_created.task_id == task.pk and entry_created.author_id == world.officer.pk
        assert entry_created.history_date >= created.history_date


def test_history_rows_of_a_refused_write_are_not_written():
    from django.core.exceptions import ValidationError

    from cmcoord.core.history import DeferredHistory
    from protection_tasks.models import TimelineEntry

    history = DeferredHistory(Task, TimelineEntry)
    with pytest.raises(ValidationError), history.collecting():
        raise ValidationError("refused")
    assert len(history) == 0
