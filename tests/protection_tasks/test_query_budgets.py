"""The task log's pages read a fixed number of queries, whatever the number of tasks, updates or priorities.

Budgets are the counts measured when the tests were written plus a little headroom (list 14, filtered list 14,
detail 17 with the actor panels, my tasks 8, priorities 8 once the per-task query is gone, catalogue 9); a page
that starts querying per row overshoots them by tens or hundreds.
"""

import itertools
from datetime import date, timedelta

import pytest
from django.urls import reverse

from cmcoord.operations.choices import Role, Sensitivity
from protection_tasks.choices import TaskStatus
from protection_tasks.models import Activity, Task, TaskUpdate
from tests.factories import MembershipFactory, ProtectionPriorityFactory, TaskFactory, UserFactory

STATUSES = [TaskStatus.PLANNED, TaskStatus.IN_PROGRESS, TaskStatus.ON_HOLD, TaskStatus.COMPLETED, TaskStatus.CANCELLED]


def _bulk_tasks(operation, owners, count, *, prefix="Q", offset=0, sensitivity=Sensitivity.UNCLASSIFIED):
    """``count`` tasks of ``operation`` in one INSERT, varying activity, owner, status and due date."""
    activities = list(Activity.objects.filter(operation__isnull=True, peacekeeping_only=False))
    tasks = []
    for i in range(count):
        status = STATUSES[i % len(STATUSES)]
        tasks.append(
            Task(
                operation=operation,
                reference=f"{operation.code}-{prefix}-{offset + i:05d}",
                activity=activities[i % len(activities)],
                title=f"Bulk task {prefix}{offset + i}",
                owner=owners[i % len(owners)],
                status=status,
                completed_on=date(2026, 10, 1) if status == TaskStatus.COMPLETED else None,
                due_date=date(2026, 9, 1) + timedelta(days=i % 120),
                priority=1 + i % 4,
                sensitivity=sensitivity,
            )
        )
    return Task.objects.bulk_create(tasks)


@pytest.fixture
def owners(world):
    extra = [MembershipFactory(operation=world.operation, role=Role.OFFICER).user for _ in range(3)]
    return [world.officer, world.head, *extra]


def test_task_list_with_500_tasks(world, login, owners, django_assert_max_num_queries):
    _bulk_tasks(world.operation, owners, 500)
    client = login(world.officer)
    with django_assert_max_num_queries(18):
        response = client.get(reverse("protection_tasks:task-list", kwargs={"code": "CAF"}))
    assert response.status_code == 200
    assert response.text.count('data-testid="task-row"') == 50
    assert "500 tasks" in response.text


def test_filtered_and_sorted_task_list_with_500_tasks(world, login, owners, django_assert_max_num_queries):
    _bulk_tasks(world.operation, owners, 500)
    client = login(world.officer)
    with django_assert_max_num_queries(18):
        response = client.get(
            reverse("protection_tasks:task-list", kwargs={"code": "CAF"}),
            {"status": [TaskStatus.PLANNED, TaskStatus.IN_PROGRESS], "sort": "-owner", "q": "Bulk", "page": 2},
        )
    assert response.status_code == 200
    assert "200 tasks" in response.text
    assert response.text.count('data-testid="task-row"') == 50


def test_task_detail_with_100_updates(world, login, django_assert_max_num_queries):
    task = TaskFactory(operation=world.operation, owner=world.officer, sensitivity=Sensitivity.CONFIDENTIAL)
    authors = UserFactory.create_batch(100)
    task.collaborators.set(authors[:20])
    TaskUpdate.objects.bulk_create(
        TaskUpdate(task=task, author=author, kind="note", text=f"Entry number {i:03d}")
        for i, author in enumerate(authors)
    )
    client = login(world.head)
    with django_assert_max_num_queries(20):
        response = client.get(
            reverse("protection_tasks:task-detail", kwargs={"code": "CAF", "reference": task.reference})
        )
    assert response.status_code == 200
    for i in range(100):
        assert f"Entry number {i:03d}" in response.text
    assert all(author.get_full_name() in response.text for author in authors)


def test_my_tasks_with_200_tasks_in_two_operations(world, login, django_assert_max_num_queries):
    user = world.officer
    MembershipFactory(operation=world.other_operation, user=user, role=Role.OFFICER)
    caf = _bulk_tasks(world.operation, [user, world.head], 100, prefix="A")
    mali = _bulk_tasks(world.other_operation, [user, world.other_officer], 100, prefix="B")
    # Half of the tasks are someone else's, but the user collaborates on them.
    through = Task.collaborators.through
    through.objects.bulk_create(through(task_id=t.pk, user_id=user.pk) for t in caf + mali if t.owner_id != user.pk)
    _bulk_tasks(world.operation, [world.head], 20, prefix="N")  # neither owned nor shared: not listed
    client = login(user)
    with django_assert_max_num_queries(11):
        response = client.get(reverse("my-tasks"))
    assert response.status_code == 200
    assert response.context["paginator"].count == 200
    assert response.text.count('data-testid="task-row"') == 50
    assert ">CAF<" in response.text and ">MLI<" in response.text


def test_priority_list_with_10_priorities_of_30_tasks(world, login, owners, django_assert_max_num_queries):
    priorities = [ProtectionPriorityFactory(operation=world.operation, order=i) for i in range(10)]
    levels = itertools.cycle(Sensitivity)
    through = Task.protection_priorities.through
    for n, priority in enumerate(priorities):
        tasks = _bulk_tasks(world.operation, owners, 30, prefix="P", offset=n * 30)
        Task.objects.filter(pk__in=[t.pk for t in tasks]).update(sensitivity=next(levels))
        through.objects.bulk_create(through(task_id=t.pk, protectionpriority_id=priority.pk) for t in tasks)
    client = login(world.hct)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("protection_tasks:priority-list", kwargs={"code": "CAF"}))
    assert response.status_code == 200
    assert response.text.count('data-testid="priority"') == 10
    # Of 30 tasks, 6 are cancelled (not counted) and 6 completed: 6 of 24.
    assert response.text.count("6 of 24 tasks completed (25%)") == 10


def test_catalogue_with_300_tasks(world, login, owners, django_assert_max_num_queries):
    _bulk_tasks(world.operation, owners, 300)
    client = login(world.hq)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("protection_tasks:catalogue", kwargs={"code": "CAF"}))
    assert response.status_code == 200
    shown = response.text.count('data-testid="catalogue-activity"')
    assert shown == Activity.objects.filter(operation__isnull=True, peacekeeping_only=False).count() == 25
    # 300 tasks over 25 activities: 12 each.
    assert response.text.count("12 tasks") == 25
