"""The preview and the import of tasks ask the database a number of queries that does not grow with the rows' number
(the form's choices, the owners, the gazetteer and the constraints' verdicts read once a batch), while each row is
still checked by the page's rules."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cmcoord.imports import services
from protection_tasks.models import Task
from tests.factories import TaskFactory
from tests.imports.conftest import csv_bytes

HEADERS = ["Reference", "Title", "Activity code", "Status", "Urgency", "Owner", "Due date", "Sensitivity"]
CODES = ["AN-1", "DI-1", "CB-1"]


def _rows(world, count, references):
    people = ["officer", "head", world.head.email, ""]
    rows = [HEADERS]
    for n in range(count):
        rows.append([
            references[n] if n < len(references) else "",
            f"Task {n}",
            CODES[n % len(CODES)],
            ["Planned", "In progress"][n % 2],
            ["High", "Medium", "Low"][n % 3],
            people[n % len(people)],
            (datetime.date(2026, 1, 1) + datetime.timedelta(days=n)).isoformat(),
            ["Confidential", "Unclassified"][n % 2],
        ])  # fmt: skip
    rows.append(["", "A row with a bad activity", "NO-SUCH", "Planned", "High", "", "2026-02-01", "Confidential"])
    rows.append(["", "A row with a stranger", "AN-1", "Planned", "High", "nobody", "2026-02-01", "Confidential"])
    return rows


def _preview_queries(world, count):
    references = [TaskFactory(operation=world.operation, owner=world.officer).reference for _ in range(3)]
    batch = services.start_batch(
        user=world.officer, operation=world.operation, kind="tasks", file_name="tasks.csv",
        data=csv_bytes(_rows(world, count, references)),
    )  # fmt: skip
    with CaptureQueriesContext(connection) as queries:
        preview = services.preview(batch, world.officer)
    assert preview.counts["error"] == 2 and preview.counts["new"] == count - 3, [r.errors for r in preview.rows]
    Task.objects.all().delete()
    return len(queries)


@pytest.mark.django_db
def test_the_previews_queries_do_not_grow_with_the_rows(world):
    small = _preview_queries(world, 10)
    large = _preview_queries(world, 60)
    # Each distinct (start, due) or status asks a check constraint once: a few dates more in the larger file.
    assert large - small <= 5, (small, large)


def test_check_constraints_read_in_python_agree_with_the_database():
    from protection_tasks.form_choices import _holds

    due_after_start = Task._meta.constraints[2].condition
    completed = Task._meta.constraints[3].condition
    day = datetime.date(2026, 3, 1)
    assert _holds(due_after_start, Task(start_date=day, due_date=day)) is True
    assert _holds(due_after_start, Task(start_date=day, due_date=day - datetime.timedelta(days=1))) is False
    assert _holds(due_after_start, Task(start_date=None, due_date=day)) is True
    assert _holds(completed, Task(status="completed", completed_on=None)) is False
    assert _holds(completed, Task(status="planned", completed_on=None)) is True
    assert _holds(Task._meta.constraints[4].condition, Task(status="nonsense")) is False


@pytest.mark.django_db
def test_a_row_due_before_it_starts_is_refused_in_the_preview(world):
    data = csv_bytes([
        ["Title", "Activity code", "Start date", "Due date"],
        ["Backwards", "AN-1", "2026-03-02", "2026-03-01"],
        ["Forwards", "AN-1", "2026-03-01", "2026-03-02"],
    ])  # fmt: skip
    batch = services.start_batch(
        user=world.officer, operation=world.operation, kind="tasks", file_name="tasks.csv", data=data
    )
    rows = services.preview(batch, world.officer).rows
    assert [row.status for row in rows] == ["error", "new"]
    assert any("due date cannot be before" in message for _cell, message in rows[0].errors)


def _import_queries(world, count):
    batch = services.start_batch(
        user=world.officer, operation=world.operation, kind="tasks", file_name="tasks.csv",
        data=csv_bytes(_rows(world, count, [])),
    )  # fmt: skip
    with CaptureQueriesContext(connection) as queries:
        counts = services.run_import(batch, world.officer)
    assert counts["new"] == count and counts["error"] == 2, counts
    Task.objects.all().delete()
    return len(queries)


# What writing one new task asks, through task_create as on the page: the task's own insert. Its first timeline
# entry, the re-check that the user may change what was written and the history rows of both are written a chunk
# at a time; the write takes no savepoint of its own (the import is one transaction). Nothing more: no choice, no
# member, no foreign key's existence, no constraint and no reference is asked again a row (18 queries a row at
# first, 6 before the chunked re-check and timeline).
WRITE_QUERIES_A_ROW = 1.5


@pytest.mark.django_db
def test_the_imports_queries_a_row_are_the_tasks_own_writes(world):
    small = _import_queries(world, 10)
    large = _import_queries(world, 60)
    assert (large - small) / 50 <= WRITE_QUERIES_A_ROW, (small, large)


@pytest.mark.django_db
def test_the_forms_of_one_batch_copy_their_fields_lightly_and_judge_as_the_pages_form(world):
    from protection_tasks.form_choices import TaskFormChoices
    from protection_tasks.forms import TaskForm

    choices = TaskFormChoices(world.officer, world.operation)
    kwargs = {"user": world.officer, "operation": world.operation}
    data = {"title": "", "activity": "999999", "status": "planned", "urgency": "urgent", "sensitivity": "2",
            "owner": str(world.officer.pk), "start_date": "2026-03-02", "due_date": "2026-03-01"}  # fmt: skip
    first, second = (TaskForm(data=data, choices=choices, **kwargs) for _ in range(2))
    for name in first.fields:
        field, other = first.fields[name], second.fields[name]
        assert field is not other and field is not TaskForm.base_fields.get(name)
        assert field.widget is not other.widget and field.widget.attrs is not other.widget.attrs
        assert field.error_messages is not other.error_messages
    first.fields["title"].widget.attrs["data-seen"] = "1"
    first.fields["title"].error_messages["required"] = "changed"
    assert "data-seen" not in second.fields["title"].widget.attrs
    assert second.fields["title"].error_messages["required"] != "changed"
    page, other_page = (TaskForm(data=data, **kwargs) for _ in range(2))
    assert all(page.fields[name] is not other_page.fields[name] for name in page.fields)  # recurrence's too
    assert not second.is_valid() and not page.is_valid()
    assert second.errors == page.errors and set(page.errors) >= {"title", "activity", "urgency"}
