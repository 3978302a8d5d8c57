"""My tasks stays bounded for a busy officer: thousands of owned tasks cost what a handful does (the same queries, a
page of rows, every next page in the worklist's order), and on PostgreSQL each part of "what is mine" is read from
its own index, never by reading the operation's tasks."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cmcoord.core.choices import Sensitivity
from protection_tasks.choices import OPEN_STATUSES, TaskStatus
from protection_tasks.models import Activity, Task
from tests.factories import TaskFactory, reserve_references

MY_TASKS = reverse("my-tasks")
TODAY = date(2026, 11, 21)  # the fixed clock's day in Bangui
OWNED = 3000
SHARED = 300
STATUSES = [TaskStatus.PLANNED, TaskStatus.IN_PROGRESS, TaskStatus.ON_HOLD, TaskStatus.COMPLETED]
LEVELS = list(Sensitivity)


@pytest.fixture(autouse=True)
def fixed_clock(fix_now):
    return fix_now(datetime(2026, 11, 21, 11, 30, tzinfo=UTC))


def bulk(operation, owner, count, *, prefix):
    """``count`` tasks of ``owner`` in one INSERT: every fifth undated, due dates a year either side of today, a
    quarter completed, every level."""
    activities = list(Activity.objects.filter(operation__isnull=True, peacekeeping_only=False))
    tasks = []
    for i, reference in enumerate(reserve_references(operation, count)):
        status = STATUSES[i % len(STATUSES)]
        tasks.append(
            TaskFactory.build(
                operation=operation, owner=owner, reference=reference, title=f"{prefix} {i}",
                activity=activities[i % len(activities)], status=status,
                completed_on=TODAY if status == TaskStatus.COMPLETED else None,
                due_date=None if i % 5 == 0 else TODAY + timedelta(days=(i * 37) % 730 - 365),
                sensitivity=LEVELS[i % len(LEVELS)],
            )
        )  # fmt: skip
    return Task.objects.bulk_create(tasks)


def collaborate(user, tasks):
    through = Task.collaborators.through
    through.objects.bulk_create(through(task_id=task.pk, user_id=user.pk) for task in tasks)


@pytest.fixture
def busy(world):
    """The officer owns 3,000 CAF tasks and works on 300 of the head's; 1,000 more of the head's are not theirs."""
    bulk(world.operation, world.officer, OWNED, prefix="Mine")
    collaborate(world.officer, bulk(world.operation, world.head, SHARED, prefix="Shared"))
    bulk(world.operation, world.head, 1000, prefix="Unrelated")
    return world.officer


def worklist_order(user):
    """What My tasks must list by default, worked out here from the rows: the user's open tasks (owned or shared),
    undated last, overdue first on a date, then by id."""
    mine = (
        Task.objects.filter(status__in=OPEN_STATUSES)
        .filter(pk__in=_ids_of(user))
        .values_list("reference", "due_date", "pk")
    )

    def key(row):
        _reference, due, pk = row
        return (due is None, due or TODAY, not (due is not None and due < TODAY), pk)

    return [reference for reference, _due, _pk in sorted(mine, key=key)]


def _ids_of(user):
    owned = set(Task.objects.filter(owner=user).values_list("pk", flat=True))
    return owned | set(Task.collaborators.through.objects.filter(user=user).values_list("task_id", flat=True))


def references(response):
    return re.findall(
        r'data-testid="task-row"[^>]*>\s*<td[^>]*><a href="[^"]+">([A-Z]{3}-\d{4}-\d+)</a>', response.text
    )


def next_link(response):
    return re.search(r'href="([^"]+)" rel="next"', response.text).group(1).replace("&amp;", "&")


VIEWS = {
    "default (open tasks)": {},
    "with completed": {"status": [*OPEN_STATUSES, TaskStatus.COMPLETED]},
    "sorted by title": {"sort": "title"},
    "overdue only, by latest due date": {"overdue": "on", "sort": "-due"},
    "a deep page": {"page": 40},
    "the last page": {"page": "last"},
}


@pytest.mark.parametrize("view", VIEWS)
def test_my_tasks_reads_as_many_queries_for_thousands_of_owned_tasks_as_for_a_handful(
    world, login, django_assert_max_num_queries, view
):
    client = login(world.officer)
    bulk(world.operation, world.officer, 8, prefix="Mine")
    with CaptureQueriesContext(connection) as few:
        assert client.get(MY_TASKS, VIEWS[view]).status_code == 200
    bulk(world.operation, world.officer, OWNED, prefix="Many")
    collaborate(world.officer, bulk(world.operation, world.head, SHARED, prefix="Shared"))
    # Session, user, access (2), operations, the two parts' counts, the switcher's operations, the filter's choices
    # (areas, activities, owners, priorities), the page of rows; the notifications' worklist panel (2).
    with django_assert_max_num_queries(14 + 2) as many:
        response = client.get(MY_TASKS, VIEWS[view])
    assert response.status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)
    assert 0 < len(references(response)) <= 50


def test_a_busy_officer_sees_a_page_of_fifty_and_each_next_page_follows_in_worklist_order(world, login, busy):
    expected = worklist_order(busy)
    assert len(expected) == OWNED * 3 // 4 + SHARED * 3 // 4  # the open ones
    client = login(busy)
    response = client.get(MY_TASKS)
    assert f"{len(expected)} tasks" in response.text
    assert f"Page 1 of {-(-len(expected) // 50)}" in response.text
    listed = references(response)
    assert listed == expected[:50]
    for page in (2, 3):
        response = client.get(MY_TASKS + next_link(response))
        assert f"Page {page} of" in response.text
        listed += references(response)
    assert listed == expected[:150]  # no row twice, none skipped
    last = client.get(MY_TASKS, {"page": "last"})
    assert references(last) == expected[(len(expected) - 1) // 50 * 50 :]
    assert 'rel="next"' not in last.text
    # Overdue ones come first and are marked; the shared tasks are among them, in their place.
    assert 'class="table-danger"' in client.get(MY_TASKS).text
    assert any(ref in expected[:150] for ref in Task.objects.filter(title__startswith="Shared").values_list(
        "reference", flat=True
    ))  # fmt: skip


def test_filters_and_sorting_apply_to_both_parts_and_the_count_adds_them(world, login, busy):
    client = login(busy)
    completed = client.get(MY_TASKS, {"status": TaskStatus.COMPLETED, "sort": "title"})
    assert f"{OWNED // 4 + SHARED // 4} tasks" in completed.text
    completed_titles = Task.objects.filter(pk__in=_ids_of(busy), status=TaskStatus.COMPLETED)
    assert (
        references(completed) == list(completed_titles.order_by("title", "pk").values_list("reference", flat=True))[:50]
    )
    shared = client.get(MY_TASKS, {"q": "Shared"})
    assert f"{SHARED * 3 // 4} tasks" in shared.text
    assert "No tasks match." in client.get(MY_TASKS, {"q": "Unrelated"}).text  # the head's own, not the officer's


def test_a_collaborator_who_may_read_less_is_listed_and_counted_only_what_they_may_open(world, login, busy):
    """The HCT member works on every level of 300 tasks: only the Unclassified ones are listed and counted."""
    collaborate(world.hct, Task.objects.filter(title__startswith="Shared"))
    response = login(world.hct).get(MY_TASKS, {"status": list(TaskStatus.values)})
    visible = Task.objects.filter(title__startswith="Shared", sensitivity=Sensitivity.UNCLASSIFIED)
    assert f"{visible.count()} tasks" in response.text
    hidden = Task.objects.filter(title__startswith="Shared").exclude(sensitivity=Sensitivity.UNCLASSIFIED)
    listed = set(references(response))
    assert listed and listed <= set(visible.values_list("reference", flat=True))
    assert not listed & set(hidden.values_list("reference", flat=True))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="query plans are PostgreSQL's (CI runs on it)")
def test_on_postgresql_each_part_is_read_from_its_own_index(world, login, busy):
    """Every query My tasks makes of the tasks or of the collaborators has an index that serves it: what the officer
    owns from its owner (the page's first rows under a LIMIT on ``task_mine_by_owner``, the count), what they
    work on from their own links (``user_id = me``), never a read of everyone's tasks or links.

    A test database is small enough for the planner to read a few hundred pages rather than an index; at full size
    their number prices that out (``manage.py benchmark --full-scale`` shows the same plans). Sequential scans are
    priced out here too, so that the plans show which index each query has, not how small the test's tables are.
    """
    for part in range(2):
        crowd = bulk(world.operation, world.head, 5000, prefix=f"Crowd {part}")
        collaborate(world.hct if part else world.other_officer, crowd)  # others' links, many more than theirs
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE protection_tasks_task")
        cursor.execute("ANALYZE protection_tasks_task_collaborators")
    with CaptureQueriesContext(connection) as captured:
        assert login(busy).get(MY_TASKS).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # inside the test's transaction: for these EXPLAINs only
    plans = {}
    for query in captured.captured_queries:
        sql = query["sql"]
        if '"protection_tasks_task"' not in sql or "DECLARE" in sql:
            continue
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN {sql}")
            plans[sql] = "\n".join(row[0] for row in cursor.fetchall())
    assert len(plans) == 3, list(plans)  # the two counts and the page
    for plan in plans.values():
        assert "Seq Scan on protection_tasks_task" not in plan, plan
    page = next(plan for sql, plan in plans.items() if "COUNT(*)" not in sql)
    # The owned part's first rows: a LIMIT over a walk of the index in the worklist's order (at most an incremental
    # sort of the rows due on one date), not a sort of everything the officer owns.
    assert re.search(r"->  Limit[^\n]*\n(\s+[^\n]*\n){0,4}?\s+->  Index Only Scan using task_mine_by_owner", page), page
    assert not re.search(r"->  Sort[^\n]*\n(\s+[^\n]*\n){0,2}?\s+->  Index Only Scan using task_mine_by_owner", page), (
        page
    )
    assert "Index Cond: (user_id = " in page, page  # the collaborations: the officer's own links, by index
    counts = [plan for sql, plan in plans.items() if "COUNT(*)" in sql]
    # (Index-only once the table is vacuumed, as a live one is; a test's transaction cannot vacuum.)
    assert any("Index Cond: (owner_id = " in plan for plan in counts), counts
    assert any("Index Cond: (user_id = " in plan for plan in counts), counts
