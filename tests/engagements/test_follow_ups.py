"""Agreed follow-ups become tasks in one click: pre-filled, linked back both ways, in the owner's My tasks, and once
only, however many clicks arrive and however close together."""

import pytest
from django.urls import reverse

from actors.models import TaskActor
from engagements import services
from engagements.models import FollowUp
from missions.models import TaskMission
from protection_tasks.models import Activity, Task
from tests.engagements.conftest import engagements_url
from tests.factories import (
    ActorFactory,
    EngagementFactory,
    FollowUpFactory,
    MembershipFactory,
    MissionFactory,
)
from tests.support import CONFIDENTIAL, STRICTLY_CONFIDENTIAL, section, task_url


@pytest.fixture
def engagement(world):
    """A Strictly confidential meeting with an armed group and MINUSCA, in Ouham (CF32 / CF3201)."""
    group = ActorFactory(operation=world.operation, name="Ouham Patriotic Front", category="nsag",
                         actor_type="rebel_group")  # fmt: skip
    mission = MissionFactory(acronym="MINUSCA", operations=[world.operation])
    return EngagementFactory(
        operation=world.operation, sensitivity=STRICTLY_CONFIDENTIAL, actors=[group], mission=mission,
        admin1_name="Ouham", admin1_pcode="CF32", admin2_name="Bossangoa", admin2_pcode="CF3201",
    )  # fmt: skip


def test_converting_makes_a_prefilled_task_linked_back(world, login, engagement):
    follow_up = FollowUpFactory(
        engagement=engagement, text="Share the list of checkpoints with the protection cluster",
        activity=Activity.objects.get(code="DI-4"), owner=world.head, due_date="2026-12-01",
    )  # fmt: skip
    client = login(world.officer)
    response = client.post(engagements_url("follow-up-convert", pk=engagement.pk, follow_up=follow_up.pk))
    assert response.status_code == 302
    task = Task.objects.get()
    follow_up.refresh_from_db()
    assert follow_up.task == task
    assert task.title == "Share the list of checkpoints with the protection cluster"
    assert task.activity.code == "DI-4"
    assert task.owner == world.head and task.assigned_by == world.officer
    assert str(task.due_date) == "2026-12-01"
    assert task.sensitivity == STRICTLY_CONFIDENTIAL
    assert (task.admin1_pcode, task.admin2_pcode) == ("CF32", "CF3201")
    # Where it was agreed is not written into the task: the page shows it from the link, to who may open it.
    assert task.description == ""
    assert list(TaskActor.objects.filter(task=task).values_list("actor__name", "role")) == [
        ("Ouham Patriotic Front", "interlocutor")
    ]
    assert TaskMission.objects.get(task=task).mission.acronym == "MINUSCA"
    assert task.timeline.filter(kind="created").exists()
    # The engagement's page links to the task; the task's page lists the engagement.
    page = client.get(engagement.get_absolute_url()).text
    assert task.reference in page
    task_page = client.get(task_url(task)).text
    assert engagement.get_absolute_url() in section(task_page, "task-engagement")
    assert "Agreed at:" in section(task_page, "task-engagement")
    # The owner finds it in My tasks.
    assert task.reference in login(world.head).get(reverse("my-tasks")).text


def test_without_a_proposed_owner_the_one_who_clicks_owns_the_task(world, login, engagement):
    follow_up = FollowUpFactory(engagement=engagement)
    login(world.officer).post(engagements_url("follow-up-convert", pk=engagement.pk, follow_up=follow_up.pk))
    assert Task.objects.get().owner == world.officer


def test_a_proposed_owner_who_left_the_operation_is_replaced_by_the_one_who_clicks(world, login, engagement):
    leaver = MembershipFactory(operation=world.operation, role="officer").user
    follow_up = FollowUpFactory(engagement=engagement, owner=leaver)
    leaver.memberships.all().delete()
    login(world.head).post(engagements_url("follow-up-convert", pk=engagement.pk, follow_up=follow_up.pk))
    assert Task.objects.get().owner == world.head


def test_clicking_twice_makes_one_task(world, login, engagement):
    follow_up = FollowUpFactory(engagement=engagement)
    client = login(world.officer)
    url = engagements_url("follow-up-convert", pk=engagement.pk, follow_up=follow_up.pk)
    client.post(url)
    second = client.post(url, follow=True)
    assert Task.objects.count() == 1
    assert "already task" in second.text
    task, created = services.follow_up_convert(user=world.head, follow_up=follow_up)
    assert not created and task == Task.objects.get()


def test_a_click_that_loses_the_race_leaves_no_second_task(world, engagement, monkeypatch):
    """A click that read the follow-up before another click's task was committed (no lock to wait on) finds the
    follow-up claimed when it tries to link its own task: its task is rolled back and the winner's returned."""
    follow_up = FollowUpFactory(engagement=engagement)
    stale = services._lock(world.officer, follow_up.pk)  # read while not converted yet
    winner, created = services.follow_up_convert(user=world.head, follow_up=follow_up)
    assert created
    monkeypatch.setattr(services, "_lock", lambda user, pk: stale)
    task, created = services.follow_up_convert(user=world.officer, follow_up=follow_up)
    assert not created
    assert task == winner
    assert list(Task.objects.all()) == [winner]
    assert TaskActor.objects.count() == 1 and TaskMission.objects.count() == 1
    assert FollowUp.objects.get(pk=follow_up.pk).task == winner


def test_a_converted_follow_up_cannot_be_removed(world, login, engagement):
    follow_up = FollowUpFactory(engagement=engagement)
    client = login(world.officer)
    client.post(engagements_url("follow-up-convert", pk=engagement.pk, follow_up=follow_up.pk))
    response = client.post(engagements_url("follow-up-delete", pk=engagement.pk, follow_up=follow_up.pk), follow=True)
    assert FollowUp.objects.filter(pk=follow_up.pk).exists()
    assert "already a task" in response.text
    open_one = FollowUpFactory(engagement=engagement)
    client.post(engagements_url("follow-up-delete", pk=engagement.pk, follow_up=open_one.pk))
    assert not FollowUp.objects.filter(pk=open_one.pk).exists()


def test_a_follow_up_of_another_engagement_is_not_reached_through_this_one(world, login, engagement):
    other = EngagementFactory(operation=world.operation, sensitivity=CONFIDENTIAL)
    follow_up = FollowUpFactory(engagement=other)
    response = login(world.officer).post(engagements_url("follow-up-convert", pk=engagement.pk, follow_up=follow_up.pk))
    assert response.status_code == 404
    assert not Task.objects.exists()


def test_adding_a_follow_up_from_the_engagement_page(world, login, engagement):
    client = login(world.officer)
    activity = Activity.objects.get(code="DI-1")
    response = client.post(
        engagements_url("follow-up-add", pk=engagement.pk),
        {"text": "Brief the zone commander on the notification system", "activity": activity.pk,
         "owner": world.officer.pk, "due_date": "2026-12-15"},
    )  # fmt: skip
    assert response.status_code == 302
    follow_up = FollowUp.objects.get()
    assert (follow_up.engagement, follow_up.owner, follow_up.task) == (engagement, world.officer, None)
    assert follow_up.history.count() == 1
