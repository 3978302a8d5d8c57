"""The tasks API: the ``api`` ceiling (no Strictly confidential, even for the operation's officers)."""

import pytest

from cmcoord.operations.choices import Sensitivity
from protection_tasks.models import Activity, Task

S = Sensitivity


@pytest.fixture
def tasks(world):
    activity = Activity.objects.get(code="DI-1")
    made = {}
    for operation, prefix in ((world.operation, "CAF"), (world.other_operation, "MLI")):
        for number, level in enumerate(S, start=1):
            made[(prefix, level)] = Task.objects.create(
                operation=operation, activity=activity, owner=world.officer, reference=f"{prefix}-2026-{number:04d}",
                title=f"{prefix} task {level.label}", sensitivity=level,
            )  # fmt: skip
    return made


@pytest.mark.parametrize(
    ("standing", "expected"),
    [
        ("officer", {"CAF-2026-0001", "CAF-2026-0002"}),
        ("head", {"CAF-2026-0001", "CAF-2026-0002"}),
        ("hct", {"CAF-2026-0001"}),
        ("hq", {"CAF-2026-0001", "CAF-2026-0002", "MLI-2026-0001", "MLI-2026-0002"}),
        ("hq_limited", {"MLI-2026-0001", "MLI-2026-0002"}),
        ("other_officer", {"MLI-2026-0001", "MLI-2026-0002"}),
        ("outsider", set()),
        ("admin", set()),
    ],
)
def test_api_lists_only_what_the_api_may_carry(world, tasks, login, standing, expected):
    data = login(world.by_role(standing)).get("/api/v1/tasks/").json()
    assert {row["reference"] for row in data["results"]} == expected
    assert all("Strictly" not in row["title"] for row in data["results"])


def test_strictly_confidential_task_is_404_in_the_api_even_for_its_officer(world, tasks, login):
    client = login(world.officer)
    assert client.get("/api/v1/tasks/CAF-2026-0002/").json()["title"] == "CAF task Confidential"
    assert client.get("/api/v1/tasks/CAF-2026-0003/").status_code == 404
    assert client.get("/api/v1/tasks/MLI-2026-0001/").status_code == 404


def test_api_filters_by_operation_and_status(world, tasks, login):
    client = login(world.hq)
    rows = client.get("/api/v1/tasks/?operation=mli").json()["results"]
    assert {row["operation"] for row in rows} == {"MLI"}
    assert client.get("/api/v1/tasks/?status=completed").json()["count"] == 0


def test_api_refuses_anonymous(client, world, tasks):
    assert client.get("/api/v1/tasks/").status_code in (401, 403)


def test_api_query_budget(world, login, django_assert_max_num_queries):
    activity = Activity.objects.get(code="AN-1")
    Task.objects.bulk_create(
        Task(operation=world.operation, activity=activity, owner=world.officer, reference=f"CAF-2026-{n:04d}",
             title=f"Task {n}", sensitivity=S.UNCLASSIFIED)
        for n in range(1, 201)
    )  # fmt: skip
    client = login(world.hq)
    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/tasks/")
    assert response.json()["count"] == 200
    assert len(response.json()["results"]) == 50
