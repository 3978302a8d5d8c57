"""Pages stay bounded whatever the number of tasks: a page of rows, never all of them; the API pages by cursor."""

import datetime

import pytest
from django.urls import reverse

from missions.models import TaskMission
from protection_tasks.models import Activity, ProtectionPriority, Task
from tests.factories import MissionFactory, TaskFactory, reserve_references
from tests.support import CONFIDENTIAL, STRICTLY_CONFIDENTIAL, UNCLASSIFIED

LEVELS = (UNCLASSIFIED, CONFIDENTIAL, STRICTLY_CONFIDENTIAL)


def _bulk(operation, owner, count, **fields):
    activity = Activity.objects.filter(operation__isnull=True, peacekeeping_only=False).first()
    start = datetime.date(2026, 1, 1)
    return Task.objects.bulk_create(
        TaskFactory.build(
            operation=operation, owner=owner, activity=activity, reference=reference, title=f"Bulk {i}",
            due_date=start + datetime.timedelta(days=i % 300), sensitivity=LEVELS[i % 3], **fields,
        )
        for i, reference in enumerate(reserve_references(operation, count))
    )  # fmt: skip


@pytest.fixture
def many(world):
    return _bulk(world.operation, world.officer, 3000)


def test_priorities_page_lists_a_few_tasks_per_priority_and_counts_the_rest(world, login, many):
    priority = ProtectionPriority.objects.create(operation=world.operation, title="Safe access to services")
    priority.tasks.set(many)
    for standing, visible_share in (("officer", 3), ("hct", 1)):
        response = login(world.by_role(standing)).get(reverse("protection_tasks:priority-list", kwargs={"code": "CAF"}))
        assert response.text.count('data-testid="priority-task"') == 5
        visible = 3000 * visible_share // 3
        assert f"See all {visible} tasks you can open" in response.text
        assert "0 of 3000 tasks completed" in response.text
        if standing == "hct":
            assert "and 2000 restricted tasks" in response.text
        assert f"?protection_priority={priority.pk}" in response.text


def test_mission_page_lists_the_next_tasks_due_and_says_how_many(world, login, many):
    mission = MissionFactory(acronym="MINUSCA", operations=[world.operation])
    TaskMission.objects.bulk_create(TaskMission(task=task, mission=mission) for task in many)
    response = login(world.hq).get(reverse("missions:detail", kwargs={"acronym": "MINUSCA"}))
    listed = response.text.split('data-testid="mission-tasks"', 1)[1].split("</ul>", 1)[0]
    assert listed.count("<li") == 20
    assert "The next 20 due of 2000 tasks you can open" in response.text  # HQ: Unclassified and Confidential


def test_api_page_is_bounded_and_has_no_total(world, login, many):
    data = login(world.officer).get("/api/v1/tasks/").json()
    assert len(data["results"]) == 50
    assert "count" not in data and data["next"]


def test_api_cursor_returns_every_visible_row_once_while_rows_are_added(world, login):
    _bulk(world.operation, world.officer, 180)
    client = login(world.hq)
    seen, url, added = [], "/api/v1/tasks/?page_size=25", 0
    while url:
        data = client.get(url).json()
        seen += [row["reference"] for row in data["results"]]
        if added < 3:  # someone logs tasks while the reader pages
            _bulk(world.operation, world.officer, 6)
            added += 1
        url = data["next"]
    expected = set(
        Task.objects.filter(operation=world.operation, sensitivity__lte=CONFIDENTIAL).values_list(
            "reference", flat=True
        )
    )
    assert len(seen) == len(set(seen))  # no row twice
    assert set(seen) == expected  # every row the reader may see, the added ones included
