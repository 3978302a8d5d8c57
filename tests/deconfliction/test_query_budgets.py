"""Query budgets on a few hundred notifications: every page, panel, API answer and digest section costs a fixed
number of queries whatever the operation holds (an N+1 would show as hundreds)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cmcoord.core.access import audience_access
from cmcoord.core.choices import Sensitivity, Standing
from deconfliction.models import Notification, PartyAnswer
from digests.sections import DigestScope
from digests.sections import get as get_section
from tests.factories import ActorFactory, TaskFactory
from tests.support import actors_url, task_url

from .conftest import notification_url, notifications_url

COUNT = 300


@pytest.fixture
def many(world):
    """300 CAF notifications over every level, each to two parties, all linked to one task; half overdue."""
    parties = [ActorFactory(operation=world.operation, name=f"Party {n}", sensitivity=1) for n in range(2)]
    task = TaskFactory(operation=world.operation, owner=world.officer, sensitivity=1)
    now = timezone.now()
    Notification.objects.bulk_create(
        Notification(
            operation=world.operation,
            reference=f"HNS-CAF-2026-{n:04d}",
            title=f"Site {n}",
            notifying_organisation="WFP",
            latitude="5.7",
            longitude="20.6",
            valid_from=date(2026, 1, 1),
            valid_to=date(2026, 12, 31),
            submitted_at=now - timedelta(hours=100 if n % 2 else 1),
            sensitivity=list(Sensitivity)[n % 3],
        )
        for n in range(COUNT)
    )
    notifications = list(Notification.objects.all())
    PartyAnswer.objects.bulk_create(
        PartyAnswer(notification=notification, party=party) for notification in notifications for party in parties
    )
    Notification.tasks.through.objects.bulk_create(
        Notification.tasks.through(notification=notification, task=task) for notification in notifications
    )
    return {"parties": parties, "task": task, "one": notifications[0]}


@pytest.mark.parametrize("standing", ["officer", "hq", "hct"])
def test_pages_cost_a_fixed_number_of_queries(login, world, many, standing, django_assert_max_num_queries):
    client = login(world.by_role(standing))
    pages = {
        notifications_url(): 14,
        f"{notifications_url()}?overdue=on&status=submitted&kind=static_site&valid_after=2026-06-01": 15,
        f"{notifications_url()}?page=last": 14,
        reverse("operations:detail", kwargs={"code": "CAF"}): 40,  # every app's panels
        reverse("my-tasks"): 20,
        task_url(many["task"]): 30,
        actors_url("actor-detail", pk=many["parties"][0].pk): 30,
        reverse("notification-list"): 10,
    }
    for url, budget in pages.items():
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200, url


def test_the_detail_and_forms_cost_a_fixed_number_of_queries(login, world, many, django_assert_max_num_queries):
    client = login(world.officer)
    notification = many["one"]
    for n in range(40):  # many parties on one notification
        PartyAnswer.objects.create(
            notification=notification, party=ActorFactory(operation=world.operation, name=f"Extra {n}")
        )
    for url, budget in {
        notification_url(notification): 22,
        notification_url(notification, "notification-edit"): 16,
        notifications_url("notification-create"): 14,
    }.items():
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("standing", [Standing.HCT, Standing.OFFICER])
def test_the_digest_section_costs_four_queries(world, many, standing, django_assert_max_num_queries):
    scope = DigestScope(
        operation=world.operation,
        access=audience_access(world.operation, standing),
        start=timezone.now() - timedelta(days=7),
        end=timezone.now(),
        next_end=timezone.now() + timedelta(days=7),
    )
    with django_assert_max_num_queries(4):
        data = get_section("notifications").build(scope)
    assert data["submitted"]["total"] == COUNT
    assert len(data["notifications"]) == 25 and data["more"] == COUNT // 3 - 25
