"""What each standing sees of engagements and key messages beyond the pages, API and export of the records
themselves, which the permission matrix of every record type checks (tests/records/test_matrix.py): the follow-ups
(who reaches and posts them), the actors, key messages and tasks an engagement or key message names on its pages and
in the API, the list's count of restricted engagements, the API's filters, the dashboard panel, the digest section
and the task and actor pages.

Expected (README, "Who sees what"): officers and the head read and change every level of their operation; HQ readers
read up to Confidential; HCT members read Unclassified only; nobody else reaches the operation (404). The API carries
no Strictly confidential record; a digest names Unclassified records only. An engagement never shows an actor, a task
or a key message the reader may not read itself.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from cmcoord.core.access import audience_access
from cmcoord.core.choices import Standing
from digests import content
from digests.choices import Audience
from digests.sections import DigestScope
from engagements import digests, panels
from engagements.models import Engagement, FollowUp
from protection_tasks.models import Task
from tests.engagements.conftest import ACTOR_NAMES, LEVELS, SUMMARIES, TITLES, engagements_url
from tests.factories import FollowUpFactory, TaskFactory
from tests.support import (
    API_LEVELS,
    CONFIDENTIAL,
    EDITORS,
    IN_OPERATION,
    STANDINGS,
    STRICTLY_CONFIDENTIAL,
    UNCLASSIFIED,
    VIEW_LEVELS,
    actors_url,
    expected_status,
    in_mail,
    section,
    task_url,
)

# The (standing, level) pairs where the standing reads a CAF record of that level.
READABLE = [(standing, level) for standing in STANDINGS for level in LEVELS if level in VIEW_LEVELS[standing]]


def _follow_up_urls(engagement, follow_up):
    return [
        engagements_url("follow-up-add", pk=engagement.pk),
        engagements_url("follow-up-convert", pk=engagement.pk, follow_up=follow_up.pk),
        engagements_url("follow-up-delete", pk=engagement.pk, follow_up=follow_up.pk),
    ]


def test_anonymous_is_sent_to_sign_in_from_the_follow_ups(client, world, level_engagements):
    engagement = level_engagements[UNCLASSIFIED]
    follow_up = FollowUpFactory(engagement=engagement)
    for url in _follow_up_urls(engagement, follow_up):
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("login")), url
    assert not Task.objects.exists()
    assert FollowUp.objects.filter(pk=follow_up.pk, task__isnull=True).exists()


@pytest.mark.parametrize("standing", ["other_officer", "hq_limited", "outsider", "admin"])
def test_strangers_get_404_from_the_follow_ups_and_change_nothing(world, login, level_engagements, standing):
    engagement = level_engagements[UNCLASSIFIED]
    follow_up = FollowUpFactory(engagement=engagement)
    client = login(world.by_role(standing))
    for url in _follow_up_urls(engagement, follow_up):
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 404, (url, method)
            assert SUMMARIES[UNCLASSIFIED] not in response.text
    assert not Task.objects.exists()
    assert list(FollowUp.objects.values_list("pk", "task")) == [(follow_up.pk, None)]


@pytest.mark.parametrize("standing", sorted(IN_OPERATION))
def test_engagement_list_names_only_readable_actors(world, login, level_engagements, standing):
    response = login(world.by_role(standing)).get(engagements_url("engagement-list"))
    assert response.status_code == 200
    table = response.text
    readable = VIEW_LEVELS[standing]
    rows = table.count('data-testid="engagement-row"')
    assert rows == len(readable)
    for level, name in ACTOR_NAMES.items():
        assert (name in table) is (level in readable), (level, name)
    hidden = len(LEVELS) - len(readable)
    if hidden:
        assert f"{hidden} more in this operation" in section(table, "engagement-count")
        assert "restricted and not listed" in section(table, "engagement-count")
    else:
        assert "restricted and not listed" not in table


@pytest.mark.parametrize(("standing", "level"), READABLE)
def test_engagement_detail_names_only_readable_actors_messages_and_tasks(
    world, login, level_engagements, level_messages, standing, level
):
    engagement = level_engagements[level]
    task = TaskFactory(operation=world.operation, owner=world.officer, sensitivity=STRICTLY_CONFIDENTIAL,
                       title="Ndele secret task")  # fmt: skip
    engagement.tasks.add(task)
    response = login(world.by_role(standing)).get(engagements_url("engagement-detail", pk=engagement.pk))
    assert response.status_code == 200
    readable = VIEW_LEVELS[standing]
    for other, name in ACTOR_NAMES.items():
        assert (name in response.text) is (other in readable), name
    for other, title in TITLES.items():
        assert (title in response.text) is (other in readable), title
    assert ("Ndele secret task" in response.text) is (STRICTLY_CONFIDENTIAL in readable)
    assert ("Edit engagement" in response.text) is (standing in EDITORS)


@pytest.mark.parametrize(("standing", "level"), READABLE)
def test_key_message_detail_names_only_readable_actors(world, login, level_messages, standing, level):
    response = login(world.by_role(standing)).get(engagements_url("key-message-detail", pk=level_messages[level].pk))
    assert response.status_code == 200
    for other, name in ACTOR_NAMES.items():
        assert (name in response.text) is (other in VIEW_LEVELS[standing]), name


@pytest.mark.parametrize("standing", sorted(set(STANDINGS) - EDITORS))
def test_readers_and_strangers_cannot_post_follow_ups(world, login, level_engagements, level_actors, standing):
    client = login(world.by_role(standing))
    engagement = level_engagements[UNCLASSIFIED]
    follow_up = FollowUpFactory(engagement=engagement)
    expected = expected_status(standing, EDITORS)
    posts = [
        (engagements_url("follow-up-add", pk=engagement.pk), {"text": "Posted", "activity": follow_up.activity_id}),
        (engagements_url("follow-up-convert", pk=engagement.pk, follow_up=follow_up.pk), {}),
        (engagements_url("follow-up-delete", pk=engagement.pk, follow_up=follow_up.pk), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == expected, url
    assert list(FollowUp.objects.values_list("pk", "task")) == [(follow_up.pk, None)]
    assert not Task.objects.exists()


# --- API ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("standing", sorted(IN_OPERATION))
def test_api_names_only_the_linked_records_the_api_may_carry(world, login, level_messages, standing):
    client = login(world.by_role(standing))
    engagements = client.get("/api/v1/engagements/").json()["results"]
    assert sorted(row["summary"] for row in engagements) == sorted(SUMMARIES[level] for level in API_LEVELS[standing])
    for row in engagements:
        assert sorted(row["actors"]) == sorted(ACTOR_NAMES[level] for level in API_LEVELS[standing])
    messages = client.get("/api/v1/key-messages/").json()["results"]
    assert sorted(row["title"] for row in messages) == sorted(TITLES[level] for level in API_LEVELS[standing])
    for row in messages:
        assert len(row["engagements"]) == len(API_LEVELS[standing])
        assert sorted(row["target_actors"]) == sorted(ACTOR_NAMES[level] for level in API_LEVELS[standing])


def test_api_detail_never_names_a_strictly_confidential_actor(world, login, level_engagements):
    shown = login(world.officer).get(f"/api/v1/engagements/{level_engagements[CONFIDENTIAL].pk}/")
    assert shown.status_code == 200
    assert ACTOR_NAMES[STRICTLY_CONFIDENTIAL] not in shown.text


def test_api_filters(world, login, level_engagements, level_actors):
    client = login(world.officer)
    level_engagements[UNCLASSIFIED].topics = ",psea,"
    level_engagements[UNCLASSIFIED].save()
    assert [row["summary"] for row in client.get("/api/v1/engagements/", {"topic": "psea"}).json()["results"]] == [
        SUMMARIES[UNCLASSIFIED]
    ]
    assert client.get("/api/v1/engagements/", {"operation": "MLI"}).json()["results"] == []
    assert client.get("/api/v1/engagements/", {"operation": "CA"}).status_code == 400


def test_api_names_a_follow_ups_task_only_if_the_reader_may_read_it(world, login, level_engagements):
    engagement = level_engagements[CONFIDENTIAL]
    secret = TaskFactory(operation=world.operation, owner=world.officer, sensitivity=STRICTLY_CONFIDENTIAL)
    follow_up = FollowUpFactory(engagement=engagement, text="Send the list of checkpoints", task=secret)
    row = login(world.hq).get(f"/api/v1/engagements/{engagement.pk}/").json()
    assert row["follow_ups"] == [  # its id: what turns it into a task (POST /api/v1/follow-ups/<id>/task/)
        {"id": follow_up.pk, "text": "Send the list of checkpoints", "activity": "DI-1", "due_date": None, "task": None}
    ]


# --- Dashboard panel, digest section ------------------------------------------------------------------


def _panel(builder, user, subject):
    request = RequestFactory().get("/")
    request.user = user
    return builder(request, subject)


@pytest.mark.parametrize("standing", ["officer", "head", "hct", "hq"])
def test_dashboard_panel_counts_everything_and_names_nothing(world, level_engagements, level_messages, standing):
    now = datetime.now(tz=UTC)
    Engagement.objects.update(occurred_at=now - timedelta(minutes=5), topics=",psea,")
    for engagement in level_engagements.values():
        FollowUpFactory(engagement=engagement)
    panel = _panel(panels.operation_dashboard_engagements, world.by_role(standing), world.operation)
    data = panel.context["data"]
    visible = len(VIEW_LEVELS[standing])
    assert (data.total.total, data.total.visible) == (3, visible)
    assert (data.by_mode["meeting"].total, data.by_mode["meeting"].visible) == (3, visible)
    assert (data.by_topic["psea"].total, data.by_topic["psea"].restricted) == (3, 3 - visible)
    assert data.by_topic["camp_closure"].total == 0
    assert (data.open_follow_ups.total, data.open_follow_ups.visible) == (3, visible)
    assert (data.messages_by_status["agreed"].total, data.messages_by_status["agreed"].visible) == (3, visible)
    html = render_to_string(panel.template_name, {"panel": panel.context, "operation": world.operation})
    for words in [*SUMMARIES.values(), *TITLES.values(), *ACTOR_NAMES.values()]:
        assert words not in html
    if visible < 3:
        assert "restricted" in html


@pytest.mark.parametrize("audience", list(Audience))
def test_digest_names_only_unclassified_engagements_and_actors(world, level_engagements, audience):
    start = datetime.now(tz=UTC) - timedelta(days=14)
    end = datetime.now(tz=UTC)
    context = content.build_context(world.operation, audience, ["engagements"], start, end, end + timedelta(days=7))
    data = next(entry["data"] for entry in context["sections"] if entry["key"] == "engagements")
    assert in_mail(data["total"]) == {"total": 3, "visible": 1, "restricted": 2}
    assert [row["actors"] for row in data["engagements"]] == [[ACTOR_NAMES[UNCLASSIFIED]]]
    _subject, html, text = content.render_mail(context)
    for part in (html, text):
        assert ACTOR_NAMES[UNCLASSIFIED] in part
        for level in (CONFIDENTIAL, STRICTLY_CONFIDENTIAL):
            assert ACTOR_NAMES[level] not in part
        assert "restricted" in part


def test_digest_section_counts_only_the_period(world, level_engagements):
    scope = DigestScope(
        operation=world.operation,
        access=audience_access(world.operation, Standing.OFFICER),
        start=datetime.now(tz=UTC) - timedelta(days=2),
        end=datetime.now(tz=UTC),
        next_end=datetime.now(tz=UTC) + timedelta(days=5),
    )
    assert digests.engagements(scope)["total"]["total"] == 0  # the engagements are a week old


# --- Task and actor pages ---------------------------------------------------------------------------


@pytest.mark.parametrize("standing", ["officer", "hct", "hq"])
def test_task_page_lists_the_engagements_the_reader_may_read(world, login, level_engagements, standing):
    task = TaskFactory(operation=world.operation, owner=world.officer, sensitivity=UNCLASSIFIED)
    for engagement in level_engagements.values():
        engagement.tasks.add(task)
    panel = _panel(panels.task_engagements_panel, world.by_role(standing), task)
    assert {e.pk for e in panel.context["engagements"]} == {
        level_engagements[level].pk for level in VIEW_LEVELS[standing]
    }
    response = login(world.by_role(standing)).get(task_url(task))
    assert response.status_code == 200
    assert response.text.count('data-testid="task-engagement"') == len(VIEW_LEVELS[standing])


@pytest.mark.parametrize("standing", ["officer", "head", "hct", "hq"])
def test_actor_page_shows_the_messages_the_actor_heard_as_far_as_the_reader_may(
    world, login, level_actors, level_messages, standing
):
    actor = level_actors[UNCLASSIFIED]
    response = login(world.by_role(standing)).get(actors_url("actor-detail", pk=actor.pk))
    assert response.status_code == 200
    readable = VIEW_LEVELS[standing]
    assert response.text.count('data-testid="message-heard"') == len(readable)
    assert response.text.count('data-testid="actor-engagement"') == len(readable)
    for level, title in TITLES.items():
        assert (title in response.text) is (level in readable), title


def test_actor_page_lists_agreed_messages_not_yet_delivered(world, login, level_actors, level_messages):
    actor = level_actors[CONFIDENTIAL]
    level_messages[CONFIDENTIAL].engagements.clear()
    panel = _panel(panels.actor_engagements_panel, world.officer, actor)
    heard = sorted(message.title for message, _engagements in panel.context["heard"])
    assert heard == sorted([TITLES[UNCLASSIFIED], TITLES[STRICTLY_CONFIDENTIAL]])
    assert [message.title for message in panel.context["not_yet_heard"]] == [TITLES[CONFIDENTIAL]]
