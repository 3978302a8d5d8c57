"""A task made from an agreed follow-up keeps its engagement's level (issue 16): raising the engagement raises the
task in the same save, told to who raised it; a task is never less restricted than its engagement; and nothing of
the follow-up reaches a reader the engagement is now closed to, on the task's page, the lists, the API or exports."""

import re

import pytest
from django.core.exceptions import ValidationError

from cmcoord.core import derivations
from engagements import services
from engagements.models import Engagement
from protection_tasks.models import Task
from tests.engagements.conftest import engagements_url
from tests.exports.support import export_text, export_url
from tests.factories import ActorFactory, EngagementFactory, FollowUpFactory, KeyMessageFactory
from tests.protection_tasks.conftest import edit_data
from tests.support import CONFIDENTIAL, STRICTLY_CONFIDENTIAL, UNCLASSIFIED, task_log_url, task_url

FOLLOW_UP = "Escort the Kaga-Bandoro hostage families to the Ndele checkpoint"


def engagement_form(engagement, **changes):
    """What the engagement's edit form posts when nothing is touched; plus ``changes``."""
    engagement.refresh_from_db()
    data = {
        "occurred_at": engagement.occurred_at.astimezone(engagement.operation.time_zone).strftime("%Y-%m-%dT%H:%M"),
        "mode": engagement.mode,
        "sensitivity": engagement.sensitivity,
        "summary": engagement.summary,
        "actors": [actor.pk for actor in engagement.actors.all()],
        "version": engagement.version,
    }
    data.update(changes)
    return data


@pytest.fixture
def engagement(world):
    """An Unclassified meeting with local traders, as the HCT may read it."""
    traders = ActorFactory(operation=world.operation, name="Bossangoa Traders Union", sensitivity=UNCLASSIFIED)
    return EngagementFactory(operation=world.operation, sensitivity=UNCLASSIFIED, actors=[traders])


def convert(world, engagement, text=FOLLOW_UP) -> Task:
    follow_up = FollowUpFactory(engagement=engagement, text=text, owner=world.officer)
    task, _created = services.follow_up_convert(user=world.officer, follow_up=follow_up)
    return task


def what_the_reader_gets(client, task) -> dict[str, str]:
    """Every place a reader of CAF may meet a task: its page, the task list, the API (list and detail), the CSV and
    JSON exports of CAF's tasks."""
    places = {
        "page": client.get(task_url(task)).text,
        "list": client.get(task_log_url("task-list")).text,
        "api": client.get("/api/v1/tasks/?page_size=200").text,
        "api detail": client.get(f"/api/v1/tasks/{task.reference}/").text,
    }
    for fmt in ("csv", "json"):
        response = client.get(export_url("tasks", fmt))
        places[fmt] = export_text(response, fmt) if response.status_code == 200 else response.text
    return places


def test_raising_the_engagement_raises_its_task_and_the_hct_then_reads_nothing_of_it(world, login, engagement):
    task = convert(world, engagement)
    assert task.sensitivity == UNCLASSIFIED
    before = what_the_reader_gets(login(world.hct), task)
    assert [place for place, text in before.items() if FOLLOW_UP not in text] == [], "the HCT reads it everywhere"

    head = login(world.head)
    response = head.post(
        engagements_url("engagement-edit", pk=engagement.pk),
        engagement_form(engagement, sensitivity=STRICTLY_CONFIDENTIAL),
        follow=True,
    )
    assert response.status_code == 200
    # The head of office is told which records were raised with the engagement, by their references.
    alert = response.text.split('class="alert alert-warning', 1)[1].split("</div>", 1)[0]
    assert task.reference in alert and "Strictly confidential" in alert
    task.refresh_from_db()
    assert (task.sensitivity, task.version) == (STRICTLY_CONFIDENTIAL, 2)
    latest = task.history.latest()
    assert latest.history_user == world.head and latest.history_change_reason.startswith("Raised with its source")
    assert latest.sensitivity == STRICTLY_CONFIDENTIAL

    after = what_the_reader_gets(login(world.hct), task)
    for place, text in after.items():
        assert FOLLOW_UP not in text, place
        assert engagement.get_absolute_url() not in text, place
    assert task.reference not in after["list"] and task.reference not in after["api"]


@pytest.mark.parametrize("standing", ["hct", "other_officer", "hq"])
def test_no_reader_below_the_new_level_reads_the_follow_up(world, login, engagement, standing):
    task = convert(world, engagement)
    engagement.sensitivity = STRICTLY_CONFIDENTIAL
    services.engagement_edit(user=world.head, engagement=engagement, expected_version=engagement.version)
    client = login(world.by_role(standing))
    for place, text in what_the_reader_gets(client, task).items():
        assert FOLLOW_UP not in text, place
        assert engagement.get_absolute_url() not in text, place
    assert client.get(task_url(task)).status_code in {403, 404}


def test_the_officer_reads_the_raised_task_with_where_it_was_agreed(world, login, engagement):
    task = convert(world, engagement)
    engagement.sensitivity = CONFIDENTIAL
    services.engagement_edit(user=world.officer, engagement=engagement, expected_version=1)
    page = login(world.officer).get(task_url(task)).text
    assert FOLLOW_UP in page and "Confidential" in page
    assert engagement.get_absolute_url() in page and "Agreed at:" in page


def test_a_task_cannot_be_made_less_restricted_than_its_engagement(world, login, engagement):
    task = convert(world, engagement)
    engagement.sensitivity = CONFIDENTIAL
    services.engagement_edit(user=world.officer, engagement=engagement, expected_version=1)
    response = login(world.officer).post(task_url(task, "task-edit"), edit_data(task, sensitivity=UNCLASSIFIED))
    assert response.status_code == 200
    assert "cannot be less restricted than its source" in response.text
    assert str(Engagement.objects.get()) in response.text  # the officer may open it: it is named
    task.refresh_from_db()
    assert task.sensitivity == CONFIDENTIAL
    # As restricted as the engagement, or more, is fine.
    response = login(world.officer).post(
        task_url(task, "task-edit"), edit_data(task, sensitivity=STRICTLY_CONFIDENTIAL)
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.sensitivity == STRICTLY_CONFIDENTIAL


def test_lowering_the_engagement_leaves_its_task_as_it_is(world, engagement):
    task = convert(world, engagement)
    engagement.sensitivity = CONFIDENTIAL
    services.engagement_edit(user=world.officer, engagement=engagement, expected_version=1)
    engagement.sensitivity = UNCLASSIFIED
    services.engagement_edit(user=world.head, engagement=engagement, expected_version=2)
    task.refresh_from_db()
    assert task.sensitivity == CONFIDENTIAL


def test_an_edit_begun_before_the_raise_is_refused_rather_than_lowering_the_task(world, login, engagement):
    task = convert(world, engagement)
    seen = edit_data(task, outcome="Families escorted.")  # the form as the officer opened it: Unclassified
    engagement.sensitivity = CONFIDENTIAL
    services.engagement_edit(user=world.head, engagement=engagement, expected_version=1)
    response = login(world.officer).post(task_url(task, "task-edit"), seen)
    assert response.status_code == 409
    assert "Sensitivity" in response.text and "Confidential" in response.text
    task.refresh_from_db()
    assert task.sensitivity == CONFIDENTIAL and task.outcome == ""


def test_raising_a_confidential_engagement_for_hq_raises_its_task_out_of_hqs_reach(world, login):
    engagement = EngagementFactory(operation=world.operation)  # Confidential: HQ reads it and its task
    task = convert(world, engagement)
    assert FOLLOW_UP in login(world.hq).get(task_url(task)).text
    engagement.sensitivity = STRICTLY_CONFIDENTIAL
    services.engagement_edit(user=world.officer, engagement=engagement, expected_version=1)
    for place, text in what_the_reader_gets(login(world.hq), task).items():
        assert FOLLOW_UP not in text, place


def test_the_raise_costs_the_same_for_one_task_or_forty(world, login, django_assert_max_num_queries):
    """No query per task raised: the same budget whether the engagement had one follow-up task or forty (the save
    of the engagement alone takes about 50, its summary for the HCT three: the form's, the save's and the sync's)."""
    client = login(world.head)
    for count in (1, 40):
        engagement = EngagementFactory(operation=world.operation, sensitivity=UNCLASSIFIED)
        tasks = [convert(world, engagement, text=f"Follow-up {n}") for n in range(count)]
        with django_assert_max_num_queries(58):
            response = client.post(
                engagements_url("engagement-edit", pk=engagement.pk),
                engagement_form(engagement, sensitivity=STRICTLY_CONFIDENTIAL),
            )
        assert response.status_code == 302
        assert set(Task.objects.filter(pk__in=[t.pk for t in tasks]).values_list("sensitivity", flat=True)) == {
            STRICTLY_CONFIDENTIAL
        }


@pytest.fixture
def messages_made_from_engagements(monkeypatch):
    """A "make X from Y" that does not exist yet, declared as a future app would: key messages from engagements."""
    monkeypatch.setattr(derivations, "_DERIVATIONS", list(derivations.derivations()))
    derivations.declare(source="engagements.Engagement", derived="engagements.KeyMessage", path="engagements")


def test_a_new_derivation_gets_the_rule_by_declaring_it_even_beyond_what_the_user_may_change(
    world, login, engagement, messages_made_from_engagements
):
    """Raised though the user may not change it (Mali's message: a consequence of the source, not an edit of it),
    and counted in the message, never named, as the user may not open it."""
    ours = KeyMessageFactory(
        operation=world.operation, sensitivity=UNCLASSIFIED, engagements=[engagement], status="delivered"
    )
    theirs = KeyMessageFactory(operation=world.other_operation, sensitivity=UNCLASSIFIED, engagements=[engagement])
    response = login(world.head).post(
        engagements_url("engagement-edit", pk=engagement.pk),
        engagement_form(engagement, sensitivity=CONFIDENTIAL, key_messages=[ours.pk]),
        follow=True,
    )
    assert response.status_code == 200
    for message in (ours, theirs):
        message.refresh_from_db()
        assert (message.sensitivity, message.version) == (CONFIDENTIAL, 2)
    warnings = re.findall(r"alert-warning alert-dismissible[^>]*>\s*(.*?)\s*<button", response.text, re.DOTALL)
    assert warnings == [
        f"{ours.title} was made from this record: it was raised to Confidential with it.",
        "1 record you cannot open, made from this one, was raised to Confidential with it.",
    ]
    assert theirs.title not in response.text
    # And it is never saved below its source.
    with pytest.raises(ValidationError, match="cannot be less restricted than its source"):
        ours.sensitivity = UNCLASSIFIED
        services.key_message_edit(user=world.officer, message=ours, expected_version=2)
    # Mali's officer, who may not open the engagement, is refused too, and not told which record it is.
    theirs.sensitivity = UNCLASSIFIED
    with pytest.raises(ValidationError, match="made from a record you cannot open") as refused:
        services.key_message_edit(user=world.other_officer, message=theirs, expected_version=2)
    assert str(engagement) not in str(refused.value)
