"""Query budgets of the actor registry and mission pages: a fixed number of queries, whatever the data's size.

Each budget is the page's count at the time of writing plus a small margin (for the network and the actor
detail, the count without one query per relationship drawn in their tables); data is bulk-created so that
the budget, not the setup, is what the test measures.
"""

import datetime

import pytest

from actors.models import (
    Actor,
    ActorAssessment,
    ActorRelationship,
    LiaisonContact,
    Mission,
    MissionComponent,
    TaskActor,
    TaskMission,
)
from cmcoord.operations.choices import CMCoordStrategy
from protection_tasks.models import Activity, Task

from .conftest import SC, U, actors_url, mission_url, svg_of

RELATIONSHIP_TYPES = ["allied", "opposed", "influences"]


def _actors(operation, count, prefix="Actor", **fields):
    Actor.objects.bulk_create(
        Actor(operation=operation, name=f"{prefix} {n:03d}", category="nsag", actor_type="rebel_group",
              sensitivity=U, **fields)
        for n in range(count)
    )  # fmt: skip
    return list(Actor.objects.filter(operation=operation, name__startswith=prefix).order_by("name"))


def _assess(actors, assessor, per_actor=1, start=datetime.date(2026, 1, 1)):
    ActorAssessment.objects.bulk_create(
        ActorAssessment(
            operation_id=actor.operation_id, actor=actor, assessed_on=start + datetime.timedelta(days=k),
            stance="spoiler" if k % 2 else "influencer", influence=1 + (i + k) % 5, interest=1 + (i * 3 + k) % 5,
            strategy=CMCoordStrategy.COEXISTENCE, assessor=assessor, sensitivity=U,
        )
        for i, actor in enumerate(actors)
        for k in range(per_actor)
    )  # fmt: skip


def _relate(actors, count):
    """``count`` distinct relationships among ``actors`` (each actor to the next ones, round the circle)."""
    n = len(actors)
    pairs = [(i, (i + step) % n) for step in range(1, count // n + 2) for i in range(n)][:count]
    ActorRelationship.objects.bulk_create(
        ActorRelationship(
            operation_id=actors[i].operation_id, source=actors[i], target=actors[j],
            relationship_type=RELATIONSHIP_TYPES[k % 3], sensitivity=U,
        )
        for k, (i, j) in enumerate(pairs)
    )  # fmt: skip


def _tasks(world, count):
    activity = Activity.objects.get(code="AN-1")
    Task.objects.bulk_create(
        Task(operation=world.operation, activity=activity, owner=world.officer, reference=f"CAF-2026-{n:04d}",
             title=f"Task {n}", sensitivity=U)
        for n in range(1, count + 1)
    )  # fmt: skip
    return list(Task.objects.filter(operation=world.operation).order_by("reference"))


@pytest.mark.parametrize("standing", ["officer", "hq"])
def test_actor_list_budget(world, login, django_assert_max_num_queries, standing):
    actors = _actors(world.operation, 300)
    _assess(actors, world.officer, per_actor=2)
    client = login(world.by_role(standing))
    with django_assert_max_num_queries(10):
        response = client.get(actors_url("actor-list"))
    assert response.status_code == 200
    assert response.text.count('data-testid="actor-row"') == 50
    assert "300 actors" in response.text


@pytest.mark.parametrize("standing", ["officer", "hq"])
def test_stakeholder_map_budget(world, login, django_assert_max_num_queries, standing):
    actors = _actors(world.operation, 100)
    _assess(actors, world.officer)
    _relate(actors, 300)
    client = login(world.by_role(standing))
    with django_assert_max_num_queries(9):
        response = client.get(actors_url("stakeholder-map"))
    svg = svg_of(response.text)
    assert svg.count("<a ") == 100
    assert svg.count('class="map-point stance-') == 100
    assert "Actor 099" in svg


@pytest.mark.parametrize("standing", ["officer", "hq"])
def test_network_budget(world, login, django_assert_max_num_queries, standing):
    actors = _actors(world.operation, 100)
    _relate(actors, 300)
    assert ActorRelationship.objects.count() == 300
    client = login(world.by_role(standing))
    with django_assert_max_num_queries(10):
        response = client.get(actors_url("network"))
    svg = svg_of(response.text)
    assert svg.count("<a ") == 100
    assert svg.count("<circle") == 100 + 5  # the nodes, and the legend's five categories
    assert svg.count('<path class="network-edge') == 300
    assert "100 actors" in response.text


def test_actor_detail_budget(world, login, django_assert_max_num_queries):
    actor, *others = _actors(world.operation, 51)
    ActorRelationship.objects.bulk_create(
        ActorRelationship(operation=world.operation, source=actor, target=other, relationship_type="allied",
                          sensitivity=U)
        for other in others
    )  # fmt: skip
    _assess([actor], world.officer, per_actor=20)
    LiaisonContact.objects.bulk_create(
        LiaisonContact(operation=world.operation, actor=actor, name=f"Contact {n}", sensitivity=SC) for n in range(10)
    )
    TaskActor.objects.bulk_create(TaskActor(task=task, actor=actor) for task in _tasks(world, 30))
    client = login(world.officer)
    with django_assert_max_num_queries(16):
        response = client.get(actors_url("actor-detail", pk=actor.pk))
    assert response.status_code == 200
    assert response.text.count('class="list-group-item px-0"') == 50
    assert response.text.count("<strong>Contact ") == 10
    assert "CAF-2026-0030" in response.text


def test_mission_detail_budget(world, login, django_assert_max_num_queries):
    mission = Mission.objects.create(acronym="MINUSCA", name="Stabilisation mission in CAR", kind="pko")
    mission.operations.set([world.operation])
    MissionComponent.objects.bulk_create(
        MissionComponent(mission=mission, actor=actor, kind="military")
        for actor in _actors(world.operation, 20, prefix="Battalion")
    )
    TaskMission.objects.bulk_create(TaskMission(task=task, mission=mission) for task in _tasks(world, 30))
    client = login(world.hq)
    with django_assert_max_num_queries(15):
        response = client.get(mission_url("mission-detail", "MINUSCA"))
    assert response.text.count("Battalion ") == 20
    assert "CAF-2026-0030" in response.text


def test_mission_list_budget(world, login, django_assert_max_num_queries):
    previous = None
    for n in range(30):
        previous = Mission.objects.create(acronym=f"MSN{n:02d}", name=f"Mission {n}", kind="pko", predecessor=previous)
        previous.operations.set([world.operation, world.other_operation])
    client = login(world.hct)
    with django_assert_max_num_queries(9):
        response = client.get(mission_url("mission-list"))
    assert response.text.count('data-testid="mission-row"') == 30
