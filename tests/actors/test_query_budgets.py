"""Query budgets of the actor registry and mission pages: a fixed number of queries, whatever the data's size.

Each budget is the page's count at the time of writing plus a small margin (for the network and the actor
detail, the count without one query per relationship drawn in their tables); data is bulk-created so that
the budget, not the setup, is what the test measures.
"""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from actors.models import Actor, ActorAssessment, ActorRelationship, LiaisonContact, TaskActor
from cmcoord.operations.choices import CMCoordStrategy
from missions.models import MissionComponent, TaskMission
from protection_tasks.models import Task
from tests.factories import MissionFactory, TaskFactory, reserve_references
from tests.support import STRICTLY_CONFIDENTIAL, UNCLASSIFIED, actors_url, mission_url, svg_of

RELATIONSHIP_TYPES = ["allied", "opposed", "influences"]


def _actors(operation, count, prefix="Actor", **fields):
    Actor.objects.bulk_create(
        Actor(operation=operation, name=f"{prefix} {n:03d}", category="nsag", actor_type="rebel_group",
              sensitivity=UNCLASSIFIED, **fields)
        for n in range(count)
    )  # fmt: skip
    return list(Actor.objects.filter(operation=operation, name__startswith=prefix).order_by("name"))


def _assess(actors, assessor, per_actor=1, start=datetime.date(2026, 1, 1)):
    ActorAssessment.objects.bulk_create(
        ActorAssessment(
            operation_id=actor.operation_id, actor=actor, assessed_on=start + datetime.timedelta(days=k),
            stance="spoiler" if k % 2 else "influencer", influence=1 + (i + k) % 5, interest=1 + (i * 3 + k) % 5,
            strategy=CMCoordStrategy.COEXISTENCE, assessor=assessor, sensitivity=UNCLASSIFIED,
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
            relationship_type=RELATIONSHIP_TYPES[k % 3], sensitivity=UNCLASSIFIED,
        )
        for k, (i, j) in enumerate(pairs)
    )  # fmt: skip


def _tasks(world, count):
    """``count`` Unclassified tasks of CAF in one INSERT, in the order of their references."""
    references = reserve_references(world.operation, count)
    return Task.objects.bulk_create(
        TaskFactory.build(operation=world.operation, owner=world.officer, reference=reference,
                          sensitivity=UNCLASSIFIED)
        for reference in references
    )  # fmt: skip


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
                          sensitivity=UNCLASSIFIED)
        for other in others
    )  # fmt: skip
    _assess([actor], world.officer, per_actor=20)
    LiaisonContact.objects.bulk_create(
        LiaisonContact(operation=world.operation, actor=actor, name=f"Contact {n}", sensitivity=STRICTLY_CONFIDENTIAL)
        for n in range(10)
    )
    tasks = _tasks(world, 30)
    TaskActor.objects.bulk_create(TaskActor(task=task, actor=actor) for task in tasks)
    client = login(world.officer)
    # Content types as a running site holds them (cached after their first use; a test run alone starts without).
    ContentType.objects.get_for_models(Actor, ActorAssessment, LiaisonContact)
    # The page's own 16, and the panels other apps register on it, none growing with the data: planning's MCDA
    # requests (1), engagements and key messages heard (2), notifications to the party (1), incidents and
    # trainings (1 each), the current assessment's summary for the HCT (1); the log of the ten Strictly confidential
    # contacts it shows (one insert).
    with django_assert_max_num_queries(16 + 1 + 2 + 1 + 2 + 1 + 1):
        response = client.get(actors_url("actor-detail", pk=actor.pk))
    assert response.status_code == 200
    assert response.text.count('class="list-group-item px-0"') == 50
    assert response.text.count("<strong>Contact ") == 10
    assert tasks[-1].reference in response.text


def test_mission_detail_budget(world, login, django_assert_max_num_queries):
    mission = MissionFactory(acronym="MINUSCA", name="Stabilisation mission in CAR", operations=[world.operation])
    MissionComponent.objects.bulk_create(
        MissionComponent(mission=mission, actor=actor, kind="military")
        for actor in _actors(world.operation, 20, prefix="Battalion")
    )
    tasks = _tasks(world, 30)
    TaskMission.objects.bulk_create(TaskMission(task=task, mission=mission) for task in tasks)
    client = login(world.hq)
    with django_assert_max_num_queries(15):
        response = client.get(mission_url("detail", "MINUSCA"))
    assert response.text.count("Battalion ") == 20
    first_due = sorted(tasks, key=lambda task: (task.due_date is None, task.due_date, task.pk))
    assert first_due[0].reference in response.text  # the page lists the next 20 due and counts the rest
    assert "The next 20 due of 30 tasks you can open" in response.text


def test_mission_list_budget(world, login, django_assert_max_num_queries):
    previous = None
    for _ in range(30):
        previous = MissionFactory(predecessor=previous, operations=[world.operation, world.other_operation])
    client = login(world.hct)
    with django_assert_max_num_queries(9):
        response = client.get(mission_url("list"))
    assert response.text.count('data-testid="mission-row"') == 30
