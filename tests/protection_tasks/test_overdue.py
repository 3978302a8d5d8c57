"""Overdue is judged by the operation's own calendar, never by the server's.

The clock is fixed at 2026-11-21 11:30 UTC: it is then 2026-11-22 01:30 in Pacific/Kiritimati (UTC+14) and
2026-11-21 00:30 in Pacific/Pago_Pago (UTC-11). A task due on 2026-11-21 is overdue in the first only.
"""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from protection_tasks.choices import TaskStatus
from protection_tasks.models import Task
from protection_tasks.selectors import tasks_for_list, with_overdue
from tests.factories import CountryOperationFactory, MembershipFactory, TaskFactory
from tests.support import task_log_url

DUE = date(2026, 11, 21)
EXPECTED = {"Pacific/Kiritimati": True, "Pacific/Pago_Pago": False}


@pytest.fixture(autouse=True)
def fixed_clock(fix_now):
    return fix_now(datetime(2026, 11, 21, 11, 30, tzinfo=UTC))


def _in_zone(world, time_zone):
    world.operation.time_zone = time_zone
    world.operation.save()
    return world.operation


@pytest.mark.parametrize("time_zone", EXPECTED)
def test_is_overdue_in_the_operation_s_time_zone(world, time_zone):
    operation = _in_zone(world, time_zone)
    task = TaskFactory(operation=operation, owner=world.officer, due_date=DUE, status=TaskStatus.IN_PROGRESS)
    assert Task.objects.get(pk=task.pk).is_overdue is EXPECTED[time_zone]


@pytest.mark.parametrize("time_zone", EXPECTED)
def test_list_annotation_agrees(world, time_zone):
    operation = _in_zone(world, time_zone)
    task = TaskFactory(operation=operation, owner=world.officer, due_date=DUE)
    annotated = with_overdue(Task.objects.all(), [operation]).get(pk=task.pk)
    assert annotated.overdue is EXPECTED[time_zone]
    assert tasks_for_list(world.officer, operation).get(pk=task.pk).overdue is EXPECTED[time_zone]


def test_annotation_judges_each_task_by_its_own_operation(world):
    east = CountryOperationFactory(country="KI", name="Kiribati", time_zone="Pacific/Kiritimati")
    west = CountryOperationFactory(country="AS", name="American Samoa", time_zone="Pacific/Pago_Pago")
    late = TaskFactory(operation=east, owner=world.officer, due_date=DUE)
    on_time = TaskFactory(operation=west, owner=world.officer, due_date=DUE)
    rows = dict(with_overdue(Task.objects.all(), [east, west]).values_list("pk", "overdue"))
    assert rows == {late.pk: True, on_time.pk: False}


@pytest.mark.parametrize("time_zone", EXPECTED)
def test_overdue_filter_and_badges_on_the_pages(world, login, time_zone):
    operation = _in_zone(world, time_zone)
    task = TaskFactory(operation=operation, owner=world.officer, due_date=DUE, title="Report to the PoC cluster")
    TaskFactory(operation=operation, owner=world.officer, due_date=date(2026, 11, 30), title="Later task")
    client = login(world.officer)
    url = task_log_url("task-list")
    response = client.get(url, {"overdue": "on"})
    assert ("Report to the PoC cluster" in response.text) is EXPECTED[time_zone]
    assert "Later task" not in response.text
    assert f"{int(EXPECTED[time_zone])} task" in response.text
    response = client.get(url)
    assert ('class="table-danger"' in response.text) is EXPECTED[time_zone]
    detail = client.get(task.get_absolute_url())
    assert (">Overdue<" in detail.text) is EXPECTED[time_zone]


@pytest.mark.parametrize("status", [TaskStatus.COMPLETED, TaskStatus.CANCELLED])
def test_finished_tasks_are_never_overdue(world, login, status):
    operation = _in_zone(world, "Pacific/Kiritimati")
    task = TaskFactory(
        operation=operation,
        owner=world.officer,
        due_date=date(2020, 1, 1),
        status=status,
        completed_on=date(2020, 1, 1) if status == TaskStatus.COMPLETED else None,
        title="Finished long ago",
    )
    assert Task.objects.get(pk=task.pk).is_overdue is False
    assert with_overdue(Task.objects.all(), [operation]).get(pk=task.pk).overdue is False
    response = login(world.officer).get(task_log_url("task-list"), {"overdue": "on"})
    assert "Finished long ago" not in response.text
    assert "0 tasks" in response.text


@pytest.mark.parametrize("status", [TaskStatus.PLANNED, TaskStatus.IN_PROGRESS, TaskStatus.ON_HOLD])
def test_every_open_status_can_be_overdue(world, status):
    operation = _in_zone(world, "UTC")
    task = TaskFactory(operation=operation, owner=world.officer, due_date=date(2026, 11, 20), status=status)
    assert Task.objects.get(pk=task.pk).is_overdue is True
    assert with_overdue(Task.objects.all(), [operation]).get(pk=task.pk).overdue is True


def test_a_task_without_due_date_is_never_overdue(world):
    task = TaskFactory(operation=world.operation, owner=world.officer, due_date=None)
    assert Task.objects.get(pk=task.pk).is_overdue is False
    assert with_overdue(Task.objects.all(), [world.operation]).get(pk=task.pk).overdue is False


def test_my_tasks_lists_overdue_first_then_by_due_date_and_completed_only_when_asked(world, login):
    _in_zone(world, "Pacific/Kiritimati")
    mali = world.other_operation
    mali.time_zone = "Pacific/Pago_Pago"
    mali.save()
    MembershipFactory(operation=mali, user=world.officer)
    me = world.officer
    # Created in an order that differs from the expected one; sorting by due date alone would also differ.
    TaskFactory(operation=world.operation, owner=me, due_date=date(2026, 12, 1), title="CAF next month")
    TaskFactory(operation=mali, owner=me, due_date=DUE, title="Mali due today")  # not overdue in Pago Pago
    TaskFactory(operation=world.operation, owner=me, due_date=date(2026, 11, 10), title="CAF long overdue")
    TaskFactory(operation=world.operation, owner=me, due_date=date(2026, 11, 1), title="CAF done",
                status=TaskStatus.COMPLETED, completed_on=date(2026, 11, 2))  # fmt: skip
    shared = TaskFactory(operation=world.operation, owner=world.head, due_date=DUE, title="CAF shared due")
    shared.collaborators.add(me)  # overdue at UTC+14
    TaskFactory(operation=world.operation, owner=world.head, due_date=date(2026, 11, 1), title="Someone else's")

    client = login(me)
    response = client.get(reverse("my-tasks"))
    rows = response.text.split('data-testid="task-row"')[1:]
    titles = [next(t for t in TITLES_SEEN if t in row) for row in rows]
    assert titles == ["CAF long overdue", "CAF shared due", "Mali due today", "CAF next month"]
    assert [row.startswith(' class="table-danger"') for row in rows] == [True, True, False, False]
    assert [">Overdue<" in row for row in rows] == [True, True, False, False]
    assert "Someone else" not in response.text and "CAF done" not in response.text
    overdue_flags = [task.overdue for task in response.context["object_list"]]
    assert overdue_flags == [True, True, False, False]

    # "Show completed tasks" adds them after the open ones.
    show = response.text.split('data-testid="show-completed"')[0].rsplit('href="', 1)[1].split('"')[0]
    response = client.get(reverse("my-tasks") + show.replace("&amp;", "&"))
    rows = response.text.split('data-testid="task-row"')[1:]
    titles = [next(t for t in TITLES_SEEN if t in row) for row in rows]
    assert titles == ["CAF long overdue", "CAF shared due", "Mali due today", "CAF next month", "CAF done"]
    assert 'data-testid="hide-completed"' in response.text


TITLES_SEEN = ["Mali due today", "CAF long overdue", "CAF done", "CAF next month", "CAF shared due"]
