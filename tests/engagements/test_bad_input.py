"""Bad input: a clear error on the re-rendered form and nothing saved, never a server error. Also the two rules of
the records themselves: the head of office alone declassifies an armed group's engagement, and no lost update."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from engagements.models import Engagement, FollowUp, KeyMessage
from protection_tasks.models import Activity
from tests.engagements.conftest import engagements_url
from tests.factories import ActorFactory, EngagementFactory, KeyMessageFactory
from tests.support import CONFIDENTIAL, UNCLASSIFIED


def local(moment):
    """A moment as the form's field takes it: the operation's local time (CAR: Africa/Bangui)."""
    return timezone.localtime(moment, ZoneInfo("Africa/Bangui")).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def armed_group(world):
    return ActorFactory(operation=world.operation, name="Ouham Patriotic Front", category="nsag",
                        actor_type="rebel_group")  # fmt: skip


@pytest.fixture
def civilians(world):
    return ActorFactory(operation=world.operation, name="Bossangoa Traders Union", sensitivity=UNCLASSIFIED)


def engagement_data(**values):
    data = {"occurred_at": local(timezone.now() - timedelta(hours=3)), "mode": "meeting", "sensitivity": CONFIDENTIAL,
            "summary": "Met the zone commander at the checkpoint."}  # fmt: skip
    data.update(values)
    return data


def test_an_engagement_is_created_in_the_operations_local_time(world, login, armed_group):
    response = login(world.officer).post(
        engagements_url("engagement-create"),
        engagement_data(occurred_at="2026-01-05T10:30", actors=[armed_group.pk], topics=["psea", "access"]),
    )
    assert response.status_code == 302
    engagement = Engagement.objects.get()
    assert timezone.localtime(engagement.occurred_at, world.operation.time_zone).strftime("%H:%M") == "10:30"
    assert engagement.topics == ",access,psea,"
    assert list(engagement.actors.all()) == [armed_group]
    assert engagement.sensitivity == CONFIDENTIAL and engagement.history.count() >= 1


def test_more_than_a_day_ahead_is_refused(world, login):
    ahead = timezone.now() + timedelta(days=1, hours=2)
    response = login(world.officer).post(
        engagements_url("engagement-create"), engagement_data(occurred_at=local(ahead))
    )
    assert response.status_code == 200
    assert "cannot be dated more than a day ahead" in response.text
    assert 'data-testid="error-summary"' in response.text
    assert not Engagement.objects.exists()


def test_tomorrow_morning_is_allowed(world, login):
    soon = timezone.now() + timedelta(hours=20)
    response = login(world.officer).post(engagements_url("engagement-create"), engagement_data(occurred_at=local(soon)))
    assert response.status_code == 302
    assert Engagement.objects.count() == 1


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"admin1": "ML06"}, "P-codes of this operation start with CF."),  # the place picker (no gazetteer loaded)
        ({"admin1": "CF32", "admin2": "ML0601"}, "P-codes of this operation start with CF."),
        ({"admin1": "CF32", "admin2": "CF4101"}, "must start with its admin 1 P-code"),
        ({"occurred_at": "0001-01-01T10:00"}, "Choose a date between"),
        ({"occurred_at": "yesterday"}, "Enter a valid date/time."),
        ({"mode": "telepathy"}, "Select a valid choice."),
        ({"topics": ["gossip"]}, "Select a valid choice."),
        ({"sensitivity": "9"}, "Select a valid choice."),
    ],
)
def test_bad_engagement_input_is_a_clear_error_and_saves_nothing(world, login, values, message):
    response = login(world.officer).post(engagements_url("engagement-create"), engagement_data(**values))
    assert response.status_code == 200
    assert message in response.text
    assert not Engagement.objects.exists()


def test_an_actor_or_mission_of_another_operation_is_no_choice(world, login):
    stranger = ActorFactory(operation=world.other_operation, name="Mali militia")
    response = login(world.officer).post(engagements_url("engagement-create"), engagement_data(actors=[stranger.pk]))
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not Engagement.objects.exists()


# --- Declassification of an armed group's engagement -------------------------------------------------


def test_an_officer_cannot_make_an_armed_groups_engagement_unclassified(world, login, armed_group):
    response = login(world.officer).post(
        engagements_url("engagement-create"), engagement_data(actors=[armed_group.pk], sensitivity=UNCLASSIFIED)
    )
    assert response.status_code == 200
    assert "can be made Unclassified only by the head of office" in response.text
    assert not Engagement.objects.exists()


def test_an_officer_may_make_a_civilian_engagement_unclassified(world, login, civilians):
    response = login(world.officer).post(
        engagements_url("engagement-create"), engagement_data(actors=[civilians.pk], sensitivity=UNCLASSIFIED)
    )
    assert response.status_code == 302
    assert Engagement.objects.get().sensitivity == UNCLASSIFIED


def test_the_head_of_office_declassifies_and_an_officer_may_then_edit_it(world, login, client, armed_group, civilians):
    response = login(world.head).post(
        engagements_url("engagement-create"), engagement_data(actors=[armed_group.pk], sensitivity=UNCLASSIFIED)
    )
    assert response.status_code == 302
    engagement = Engagement.objects.get()
    assert engagement.sensitivity == UNCLASSIFIED
    edit = engagements_url("engagement-edit", pk=engagement.pk)
    client = login(world.officer)
    response = client.post(edit, engagement_data(actors=[armed_group.pk], sensitivity=UNCLASSIFIED, version=1,
                                                 outcome="The commander agreed to brief his checkpoints."))  # fmt: skip
    assert response.status_code == 302
    engagement.refresh_from_db()
    assert engagement.outcome == "The commander agreed to brief his checkpoints." and engagement.version == 2
    # Adding another armed actor is a new decision: the head's again.
    other_group = ActorFactory(operation=world.operation, name="Ndele Brigade", category="nsag",
                               actor_type="rebel_group")  # fmt: skip
    response = client.post(edit, engagement_data(actors=[armed_group.pk, other_group.pk], sensitivity=UNCLASSIFIED,
                                                 version=2))  # fmt: skip
    assert response.status_code == 200
    assert "only by the head of office" in response.text
    engagement.refresh_from_db()
    assert list(engagement.actors.all()) == [armed_group] and engagement.version == 2


# --- No lost update ----------------------------------------------------------------------------------


def test_a_concurrent_edit_is_refused_with_what_changed(world, login, client):
    engagement = EngagementFactory(operation=world.operation, summary="First summary")
    edit = engagements_url("engagement-edit", pk=engagement.pk)
    assert login(world.head).post(edit, engagement_data(summary="Head's summary", version=1)).status_code == 302
    response = login(world.officer).post(edit, engagement_data(summary="Officer's summary", version=1))
    assert response.status_code == 409
    assert 'data-testid="conflict"' in response.text and "Head&#x27;s summary" in response.text
    assert "Officer&#x27;s summary" in response.text  # the input is kept
    engagement.refresh_from_db()
    assert engagement.summary == "Head's summary"
    # Saving again applies the officer's version knowingly.
    assert login(world.officer).post(edit, engagement_data(summary="Officer's summary", version=2)).status_code == 302
    engagement.refresh_from_db()
    assert engagement.summary == "Officer's summary" and engagement.version == 3


def test_a_concurrent_key_message_edit_is_refused(world, login):
    message = KeyMessageFactory(operation=world.operation, title="Escorts")
    edit = engagements_url("key-message-edit", pk=message.pk)
    data = {"title": "Escorts, last resort", "text": "x", "issue": "armed_escorts", "status": "agreed",
            "sensitivity": CONFIDENTIAL, "version": 1}  # fmt: skip
    assert login(world.head).post(edit, data).status_code == 302
    response = login(world.officer).post(edit, {**data, "title": "Escorts only as a last resort"})
    assert response.status_code == 409
    message.refresh_from_db()
    assert message.title == "Escorts, last resort"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"endorsed_on": "0001-01-01"}, "Choose a date between"),
        ({"title": ""}, "This field is required."),
        ({"issue": "weather"}, "Select a valid choice."),
        ({"status": "shouted"}, "Select a valid choice."),
    ],
)
def test_bad_key_message_input(world, login, values, message):
    data = {"title": "Escorts", "text": "x", "issue": "armed_escorts", "status": "draft", "sensitivity": CONFIDENTIAL}
    response = login(world.officer).post(engagements_url("key-message-create"), {**data, **values})
    assert response.status_code == 200
    assert message in response.text
    assert not KeyMessage.objects.exists()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"text": ""}, "This field is required."),
        ({"due_date": "0001-01-01"}, "Choose a date between"),
        ({"activity": "999999"}, "Select a valid choice."),
        ({"owner": "hct"}, "Select a valid choice."),
    ],
)
def test_bad_follow_up_input_rerenders_the_engagement_page(world, login, values, message):
    engagement = EngagementFactory(operation=world.operation)
    data = {"text": "Send the list of checkpoints", "activity": Activity.objects.get(code="DI-4").pk}
    data.update(values)
    if data.get("owner") == "hct":
        data["owner"] = world.hct.pk  # an HCT member cannot own a task
    response = login(world.officer).post(engagements_url("follow-up-add", pk=engagement.pk), data)
    assert response.status_code == 400
    assert message in response.text
    assert 'data-testid="follow-up-form"' in response.text
    assert not FollowUp.objects.exists()
