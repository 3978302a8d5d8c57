"""The tasks API: the ``api`` ceiling (no Strictly confidential, even for the operation's officers)."""

import pytest

from cmcoord.core.choices import Sensitivity
from protection_tasks.models import Activity, Task
from tests.factories import TaskFactory, reserve_references
from tests.support import CONFIDENTIAL, STRICTLY_CONFIDENTIAL, UNCLASSIFIED


@pytest.fixture
def tasks(world):
    """One task per level in CAF and in Mali, keyed by (operation code, level)."""
    activity = Activity.objects.get(code="DI-1", operation__isnull=True)
    return {
        (operation.code, level): TaskFactory(
            operation=operation, activity=activity, owner=world.officer,
            title=f"{operation.code} task {level.label}", sensitivity=level,
        )
        for operation in (world.operation, world.other_operation)
        for level in Sensitivity
    }  # fmt: skip


CAF_READABLE = {("CAF", UNCLASSIFIED), ("CAF", CONFIDENTIAL)}
MALI_READABLE = {("MLI", UNCLASSIFIED), ("MLI", CONFIDENTIAL)}


@pytest.mark.parametrize(
    ("standing", "expected"),
    [
        ("officer", CAF_READABLE),
        ("head", CAF_READABLE),
        ("hct", {("CAF", UNCLASSIFIED)}),
        ("hq", CAF_READABLE | MALI_READABLE),
        ("hq_limited", MALI_READABLE),
        ("other_officer", MALI_READABLE),
        ("outsider", set()),
        ("admin", set()),
    ],
)
def test_api_lists_only_what_the_api_may_carry(world, tasks, login, standing, expected):
    data = login(world.by_role(standing)).get("/api/v1/tasks/").json()
    assert {row["reference"] for row in data["results"]} == {tasks[key].reference for key in expected}
    assert all("Strictly" not in row["title"] for row in data["results"])


def test_strictly_confidential_task_is_404_in_the_api_even_for_its_officer(world, tasks, login):
    client = login(world.officer)
    assert (
        client.get(f"/api/v1/tasks/{tasks['CAF', CONFIDENTIAL].reference}/").json()["title"] == "CAF task Confidential"
    )
    assert client.get(f"/api/v1/tasks/{tasks['CAF', STRICTLY_CONFIDENTIAL].reference}/").status_code == 404
    assert client.get(f"/api/v1/tasks/{tasks['MLI', UNCLASSIFIED].reference}/").status_code == 404


def test_api_filters_by_operation_and_status(world, tasks, login):
    client = login(world.hq)
    rows = client.get("/api/v1/tasks/?operation=mli").json()["results"]
    assert {row["operation"] for row in rows} == {"MLI"}
    assert client.get("/api/v1/tasks/?status=completed").json()["results"] == []


def test_api_refuses_anonymous(client, world, tasks):
    assert client.get("/api/v1/tasks/").status_code in (401, 403)


def test_api_query_budget(world, login, django_assert_max_num_queries):
    Task.objects.bulk_create(
        TaskFactory.build(operation=world.operation, owner=world.officer, reference=reference, sensitivity=UNCLASSIFIED)
        for reference in reserve_references(world.operation, 200)
    )
    client = login(world.hq)
    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/tasks/")
    assert len(response.json()["results"]) == 50
    assert response.json()["next"]  # cursor pagination: a link to the next page, no count of all rows
