"""Query budgets of access incidents: a fixed number of queries whatever the number of incidents (300 here, each
with an actor and a task, so that one query per row would show). Budgets are the count at the time of writing plus
a small margin; the dashboard panel and the digest section are measured alone, the pages whole."""

import datetime

import pytest
from django.test import RequestFactory
from django.urls import reverse

from cmcoord.core.access import audience_access
from cmcoord.operations.calendar import operation_today
from digests.sections import DigestScope
from digests.sections import get as get_section
from incidents.choices import AccessCategory
from incidents.models import AccessIncident
from incidents.panels import actor_incidents_panel, operation_dashboard_incidents
from tests.factories import ActorFactory, TaskFactory
from tests.support import CONFIDENTIAL, UNCLASSIFIED

COUNT = 300


@pytest.fixture
def many_incidents(world):
    actors = [ActorFactory(operation=world.operation, sensitivity=UNCLASSIFIED) for _ in range(3)]
    task = TaskFactory(operation=world.operation, owner=world.officer, sensitivity=UNCLASSIFIED)
    today = operation_today(world.operation)
    categories = list(AccessCategory)
    incidents = AccessIncident.objects.bulk_create(
        AccessIncident(
            operation=world.operation, title=f"Incident {n:03d}", occurred_on=today - datetime.timedelta(days=n),
            category=categories[n % len(categories)], source="partner", actor=actors[n % 3],
            sensitivity=(UNCLASSIFIED, CONFIDENTIAL, 3)[n % 3],
        )
        for n in range(COUNT)
    )  # fmt: skip
    AccessIncident.tasks.through.objects.bulk_create(
        AccessIncident.tasks.through(accessincident_id=incident.pk, task_id=task.pk) for incident in incidents
    )
    return {"actors": actors, "task": task}


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


@pytest.mark.parametrize("standing", ["officer", "hq", "hct"])
def test_list_budget(world, login, django_assert_max_num_queries, many_incidents, standing):
    client = login(world.by_role(standing))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("incidents:list", kwargs={"code": "CAF"}), {"category": "", "page": "2"})
    assert response.status_code == 200
    assert response.text.count('data-testid="incident-row"') == 50


@pytest.mark.parametrize("standing", ["officer", "hq"])
def test_api_budget(world, login, django_assert_max_num_queries, many_incidents, standing):
    client = login(world.by_role(standing))
    with django_assert_max_num_queries(8):
        response = client.get(reverse("access-incident-list"), {"page_size": 200})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 200


@pytest.mark.parametrize("standing", ["officer", "hct"])
def test_dashboard_panel_and_actor_panel_budgets(world, django_assert_max_num_queries, many_incidents, standing):
    request = _request(world.by_role(standing))
    with django_assert_max_num_queries(3):
        panel = operation_dashboard_incidents(request, world.operation)
    assert panel.context["total"].total == COUNT
    with django_assert_max_num_queries(3):
        panel = actor_incidents_panel(request, many_incidents["actors"][0])
    assert panel.context["count"].total == COUNT // 3


def test_digest_section_budget(world, django_assert_max_num_queries, many_incidents):
    scope = DigestScope(
        operation=world.operation,
        access=audience_access(world.operation, "hct"),
        start=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC),
        end=datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC),
        next_end=datetime.datetime(2100, 2, 1, tzinfo=datetime.UTC),
    )
    with django_assert_max_num_queries(2):
        data = get_section("access-incidents").build(scope)
    assert data["total"]["total"] == COUNT
    assert sum(actor["count"] for actor in data["actors"]) == COUNT // 3  # the Unclassified ones, actors readable


def test_detail_and_task_page_budgets(world, login, django_assert_max_num_queries, many_incidents):
    client = login(world.officer)
    incident = AccessIncident.objects.first()
    with django_assert_max_num_queries(18):
        assert client.get(incident.get_absolute_url()).status_code == 200
    task = many_incidents["task"]
    with django_assert_max_num_queries(40):
        response = client.get(
            reverse("protection_tasks:task-detail", kwargs={"code": "CAF", "reference": task.reference})
        )
    assert f"{COUNT} incidents" in response.text
