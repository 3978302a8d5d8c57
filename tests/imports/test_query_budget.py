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


# What writing one new task asks, through task_create as on the page: the task, its first timeline entry, the
# re-check that the user may change what was written, the level of what it was made from, and the savepoint of the
# write (their history rows are written a chunk at a time). Nothing more: no choice, no member, no foreign key's
# existence, no constraint and no reference is asked again a row (18 queries a row before).
WRITE_QUERIES_A_ROW = 6.5


@pytest.mark.django_db
def test_the_imports_queries_a_row_are_the_tasks_own_writes(world):
    small = _import_queries(world, 10)
    large = _import_queries(world, 60)
    assert (large - small) / 50 <= WRITE_QUERIES_A_ROW, (small, large)
