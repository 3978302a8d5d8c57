"""The task log's pages read a fixed number of queries, whatever the number of tasks, updates or priorities.

Budgets are the counts measured when the tests were written plus a little headroom (list 14, filtered list 14,
detail 17 with the actor panels, my tasks 12 with its filters, priorities 8 once the per-task query is gone,
catalogue 9); a page that starts querying per row overshoots them by tens or hundreds.
"""

import itertools
from datetime import date, timedelta

import pytest
from django.urls import reverse

from cmcoord.core.choices import Role, Sensitivity
from protection_tasks.choices import TaskStatus
from protection_tasks.models import Activity, Task, TimelineEntry
from tests.factories import (
    MembershipFactory,
    ProtectionPriorityFactory,
    TaskFactory,
    UserFactory,
    reserve_references,
)
from tests.support import task_log_url, task_url

STATUSES = [TaskStatus.PLANNED, TaskStatus.IN_PROGRESS, TaskStatus.ON_HOLD, TaskStatus.COMPLETED, TaskStatus.CANCELLED]


def _bulk_tasks(operation, owners, count, *, prefix="Q", offset=0, sensitivity=Sensitivity.UNCLASSIFIED):
    """``count`` tasks of ``operation`` in one INSERT, varying activity, owner, status and due date."""
    activities = list(Activity.objects.filter(operation__isnull=True, peacekeeping_only=False))
    tasks = []
    for i, reference in enumerate(reserve_references(operation, count)):
        status = STATUSES[i % len(STATUSES)]
        tasks.append(
            TaskFactory.build(
                operation=operation,
                reference=reference,
                activity=activities[i % len(activities)],
                title=f"Bulk task {prefix}{offset + i}",
                owner=owners[i % len(owners)],
                status=status,
                completed_on=date(2026, 10, 1) if status == TaskStatus.COMPLETED else None,
                due_date=date(2026, 9, 1) + timedelta(days=i % 120),
                urgency=1 + i % 4,
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
        response = client.get(task_log_url("task-list"))
    assert response.status_code == 200
    assert response.text.count('data-testid="task-row"') == 50
    assert "500 tasks" in response.text


def test_filtered_and_sorted_task_list_with_500_tasks(world, login, owners, django_assert_max_num_queries):
    _bulk_tasks(world.operation, owners, 500)
    client = login(world.officer)
    with django_assert_max_num_queries(18):
        response = client.get(
            task_log_url("task-list"),
            {"status": [TaskStatus.PLANNED, TaskStatus.IN_PROGRESS], "sort": "-owner", "q": "Bulk", "page": 2},
        )
    assert response.status_code == 200
    assert "200 tasks" in response.text
    assert response.text.count('data-testid="task-row"') == 50


def test_task_detail_with_100_updates(world, login, django_assert_max_num_queries):
    task = TaskFactory(operation=world.operation, owner=world.officer, sensitivity=Sensitivity.CONFIDENTIAL)
    authors = UserFactory.create_batch(100)
    task.collaborators.set(authors[:20])
    TimelineEntry.objects.bulk_create(
        TimelineEntry(task=task, author=author, kind="note", text=f"Entry number {i:03d}")
        for i, author in enumerate(authors)
    )
    client = login(world.head)
    # The page's own 20, and the panels other apps register on it, none growing with the data: planning's
    # documents and MCDA requests (2), engagements (1), notifications (1), incidents and trainings (1 each),
    # attachments (1).
    with django_assert_max_num_queries(20 + 2 + 1 + 1 + 2 + 1):
        response = client.get(task_url(task))
    assert response.status_code == 200
    for i in range(100):
        assert f"Entry number {i:03d}" in response.text
    assert all(author.get_full_name() in response.text for author in authors)


MY_TASKS_VIEWS = {
    "default (open tasks)": ("", 120),
    "with completed": ("?status=planned&status=in_progress&status=on_hold&status=completed", 160),
    "filtered and sorted": ("?operation=MLI&urgency=2&q=Bulk&sort=-due&overdue=on", None),
    "sorted by due date, latest first": ("?sort=-due", 120),
}


@pytest.mark.parametrize("view", MY_TASKS_VIEWS)
def test_my_tasks_with_200_tasks_in_two_operations(world, login, django_assert_max_num_queries, view):
    user = world.officer
    MembershipFactory(operation=world.other_operation, user=user, role=Role.OFFICER)
    caf = _bulk_tasks(world.operation, [user, world.head], 100, prefix="A")
    mali = _bulk_tasks(world.other_operation, [user, world.other_officer], 100, prefix="B")
    # Half of the tasks are someone else's, but the user collaborates on them.
    through = Task.collaborators.through
    through.objects.bulk_create(through(task_id=t.pk, user_id=user.pk) for t in caf + mali if t.owner_id != user.pk)
    _bulk_tasks(world.operation, [world.head], 20, prefix="N")  # neither owned nor shared: not listed
    query, expected = MY_TASKS_VIEWS[view]
    client = login(user)
    # Session, user, access (2), operations, a count for each part (what the user owns, what they collaborate on),
    # the switcher's operations, the filter's choices (areas, activities, owners, priorities) and the page of tasks;
    # on PostgreSQL, a text search first asks the text index for each part's matches (protection_tasks.search);
    # the notifications' worklist panel (2 queries, whatever the data: overdue answers in the operations where the
    # reader records them).
    with django_assert_max_num_queries(15 + 2):
        response = client.get(reverse("my-tasks") + query)
    assert response.status_code == 200
    rows = response.text.split('data-testid="task-row"')[1:]
    if expected is not None:
        assert response.context["paginator"].count == expected
        assert len(rows) == 50
    else:
        assert 0 < response.context["paginator"].count == len(rows) < 50
    assert {row.split('href="/operations/')[1][:3] for row in rows} == ({"MLI"} if expected is None else {"CAF", "MLI"})


@pytest.mark.parametrize("standing", ["hq", "hct"])
def test_my_tasks_of_someone_with_no_task_among_300(world, login, django_assert_max_num_queries, standing):
    """The empty state links to the task lists the reader may open, without counting their tasks."""
    _bulk_tasks(world.operation, [world.officer, world.head], 200, prefix="A")
    _bulk_tasks(world.other_operation, [world.other_officer], 100, prefix="B")
    client = login(world.by_role(standing))
    with django_assert_max_num_queries(10):
        response = client.get(reverse("my-tasks"))
    assert response.status_code == 200
    assert 'data-testid="my-tasks-empty"' in response.text
    assert 'href="/operations/CAF/tasks/"' in response.text
    assert ('href="/operations/MLI/tasks/"' in response.text) is (standing == "hq")


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
        response = client.get(task_log_url("priority-list"))
    assert response.status_code == 200
    assert response.text.count('data-testid="priority"') == 10
    # Of 30 tasks, 6 are cancelled (not counted) and 6 completed: 6 of 24.
    assert response.text.count("6 of 24 tasks completed (25%)") == 10


def test_catalogue_with_300_tasks(world, login, owners, django_assert_max_num_queries):
    _bulk_tasks(world.operation, owners, 300)
    client = login(world.hq)
    with django_assert_max_num_queries(12):
        response = client.get(task_log_url("catalogue"))
    assert response.status_code == 200
    shown = response.text.count('data-testid="catalogue-activity"')
    assert shown == Activity.objects.filter(operation__isnull=True, peacekeeping_only=False).count() == 25
    # 300 tasks over 25 activities: 12 each.
    assert response.text.count("12 tasks") == 25
