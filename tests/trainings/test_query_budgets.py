"""Query budgets of trainings: a fixed number of queries whatever the number of trainings (300 here, each with an
audience actor and a task). Budgets are the count at the time of writing plus a small margin."""

import datetime

import pytest
from django.test import RequestFactory
from django.urls import reverse

from cmcoord.operations.calendar import operation_today
from tests.factories import ActorFactory, TaskFactory
from tests.support import CONFIDENTIAL, UNCLASSIFIED
from trainings.models import Training
from trainings.panels import actor_trainings_panel, operation_dashboard_trainings

COUNT = 300


@pytest.fixture
def many_trainings(world):
    actor = ActorFactory(operation=world.operation, sensitivity=UNCLASSIFIED)
    task = TaskFactory(operation=world.operation, owner=world.officer, sensitivity=UNCLASSIFIED)
    today = operation_today(world.operation)
    trainings = Training.objects.bulk_create(
        Training(
            operation=world.operation, title=f"Training {n:03d}", start_date=today - datetime.timedelta(days=n),
            end_date=today - datetime.timedelta(days=n), topics=["ihl"], female=2, male=3, from_military=5,
            sensitivity=(UNCLASSIFIED, CONFIDENTIAL, 3)[n % 3],
        )
        for n in range(COUNT)
    )  # fmt: skip
    Training.audience.through.objects.bulk_create(
        Training.audience.through(training_id=t.pk, actor_id=actor.pk) for t in trainings
    )
    Training.tasks.through.objects.bulk_create(
        Training.tasks.through(training_id=t.pk, task_id=task.pk) for t in trainings
    )
    return {"actor": actor, "task": task}


@pytest.mark.parametrize("standing", ["officer", "hct"])
def test_list_budget(world, login, django_assert_max_num_queries, many_trainings, standing):
    client = login(world.by_role(standing))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("trainings:list", kwargs={"code": "CAF"}), {"topic": "ihl"})
    assert response.status_code == 200
    assert response.text.count('data-testid="training-row"') == 50


def test_api_budget(world, login, django_assert_max_num_queries, many_trainings):
    client = login(world.hq)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("training-list"), {"page_size": 200})
    assert len(response.json()["results"]) == 200


@pytest.mark.parametrize("standing", ["officer", "hct"])
def test_dashboard_and_actor_panel_budgets(world, django_assert_max_num_queries, many_trainings, standing):
    request = RequestFactory().get("/")
    request.user = world.by_role(standing)
    with django_assert_max_num_queries(3):
        panel = operation_dashboard_trainings(request, world.operation)
    assert panel.context["reach"].participants.total == 5 * COUNT  # every one started within the last 12 months
    with django_assert_max_num_queries(3):
        panel = actor_trainings_panel(request, many_trainings["actor"])
    assert panel.context["count"].total == COUNT


def test_detail_budget(world, login, django_assert_max_num_queries, many_trainings):
    client = login(world.officer)
    training = Training.objects.first()
    with django_assert_max_num_queries(19):
        assert client.get(training.get_absolute_url()).status_code == 200
