"""Who reaches which engagement and key-message page, and which names each standing sees on pages, in the API, on
the dashboard, on task and actor pages and in the digest.

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
from engagements.models import Engagement, FollowUp, KeyMessage
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
    section,
    task_url,
)

# The levels each standing reads through the API (Strictly confidential never leaves the browser).


def _every_url(engagement, follow_up, message):
    return [
        engagements_url("engagement-list"),
        engagements_url("engagement-create"),
        engagements_url("engagement-detail", pk=engagement.pk),
        engagements_url("engagement-edit", pk=engagement.pk),
        engagements_url("follow-up-add", pk=engagement.pk),
        engagements_url("follow-up-convert", pk=engagement.pk, follow_up=follow_up.pk),
        engagements_url("follow-up-delete", pk=engagement.pk, follow_up=follow_up.pk),
        engagements_url("key-message-list"),
        engagements_url("key-message-create"),
        engagements_url("key-message-detail", pk=message.pk),
        engagements_url("key-message-edit", pk=message.pk),
    ]


def test_anonymous_is_sent_to_sign_in_everywhere(client, world, level_messages, level_engagements):
    engagement = level_engagements[UNCLASSIFIED]
    follow_up = FollowUpFactory(engagement=engagement)
    for url in _every_url(engagement, follow_up, level_messages[UNCLASSIFIED]):
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("login")), url
    for url in ("/api/v1/engagements/", "/api/v1/key-messages/"):
        assert client.get(url).status_code in (401, 403)
    assert not Task.objects.exists()
    assert FollowUp.objects.filter(pk=follow_up.pk, task__isnull=True).exists()


@pytest.mark.parametrize("standing", ["other_officer", "hq_limited", "outsider", "admin"])
def test_strangers_get_404_everywhere_and_change_nothing(world, login, level_messages, level_engagements, standing):
    engagement = level_engagements[UNCLASSIFIED]
    follow_up = FollowUpFactory(engagement=engagement)
    client = login(world.by_role(standing))
    for url in _every_url(engagement, follow_up, level_messages[UNCLASSIFIED]):
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 404, (url, method)
            assert SUMMARIES[UNCLASSIFIED] not in response.text
    # Nor through their own operation's address.
    response = client.get(engagements_url("engagement-detail", code="MLI", pk=engagement.pk))
    assert response.status_code == 404
    assert not Task.objects.exists()


@pytest.mark.parametrize("standing", STANDINGS)
def test_engagement_list_shows_only_readable_engagements_and_actors(world, login, level_engagements, standing):
    response = login(world.by_role(standing)).get(engagements_url("engagement-list"))
    if standing not in IN_OPERATION:
        assert response.status_code == 404
        return
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


@pytest.mark.parametrize("standing", STANDINGS)
@pytest.mark.parametrize("level", LEVELS)
def test_engagement_detail_by_standing_and_level(world, login, level_engagements, level_messages, standing, level):
    engagement = level_engagements[level]
    task = TaskFactory(operation=world.operation, owner=world.officer, sensitivity=STRICTLY_CONFIDENTIAL,
                       title="Ndele secret task")  # fmt: skip
    engagement.tasks.add(task)
    response = login(world.by_role(standing)).get(engagements_url("engagement-detail", pk=engagement.pk))
    if level not in VIEW_LEVELS[standing]:
        assert response.status_code == 404
        assert SUMMARIES[level] not in response.text
        return
    assert response.status_code == 200
    assert SUMMARIES[level] in response.text
    readable = VIEW_LEVELS[standing]
    for other, name in ACTOR_NAMES.items():
        assert (name in response.text) is (other in readable), name
    for other, title in TITLES.items():
        assert (title in response.text) is (other in readable), title
    assert ("Ndele secret task" in response.text) is (STRICTLY_CONFIDENTIAL in readable)
    assert ("Edit engagement" in response.text) is (standing in EDITORS)


@pytest.mark.parametrize("standing", STANDINGS)
@pytest.mark.parametrize("level", LEVELS)
def test_key_message_pages_by_standing_and_level(world, login, level_messages, standing, level):
    client = login(world.by_role(standing))
    response = client.get(engagements_url("key-message-detail", pk=level_messages[level].pk))
    if level not in VIEW_LEVELS[standing]:
        assert response.status_code == 404
        assert TITLES[level] not in response.text
    else:
        assert response.status_code == 200
        for other, name in ACTOR_NAMES.items():
            assert (name in response.text) is (other in VIEW_LEVELS[standing]), name
    listing = client.get(engagements_url("key-message-list"))
    if standing not in IN_OPERATION:
        assert listing.status_code == 404
        return
    for other, title in TITLES.items():
        assert (title in listing.text) is (other in VIEW_LEVELS[standing]), title


@pytest.mark.parametrize("standing", STANDINGS)
def test_forms_are_for_officers_and_heads(world, login, level_engagements, level_messages, standing):
    client = login(world.by_role(standing))
    for level in LEVELS:
        for url in (
            engagements_url("engagement-edit", pk=level_engagements[level].pk),
            engagements_url("key-message-edit", pk=level_messages[level].pk),
        ):
            assert client.get(url).status_code == expected_status(standing, EDITORS), url
    for name in ("engagement-create", "key-message-create"):
        assert client.get(engagements_url(name)).status_code == expected_status(standing, EDITORS)


@pytest.mark.parametrize("standing", sorted(set(STANDINGS) - EDITORS))
def test_readers_and_strangers_cannot_post(world, login, level_engagements, level_actors, standing):
    client = login(world.by_role(standing))
    engagement = level_engagements[UNCLASSIFIED]
    follow_up = FollowUpFactory(engagement=engagement)
    expected = expected_status(standing, EDITORS)
    posts = [
        (engagements_url("engagement-create"), {"occurred_at": "2026-01-05T10:00", "mode": "call", "sensitivity": 2}),
        (engagements_url("engagement-edit", pk=engagement.pk), {"occurred_at": "2026-01-05T10:00", "mode": "call",
                                                               "sensitivity": 1, "version": 1, "summary": "Changed"}),
        (engagements_url("follow-up-add", pk=engagement.pk), {"text": "Posted", "activity": follow_up.activity_id}),
        (engagements_url("follow-up-convert", pk=engagement.pk, follow_up=follow_up.pk), {}),
        (engagements_url("follow-up-delete", pk=engagement.pk, follow_up=follow_up.pk), {}),
        (engagements_url("key-message-create"), {"title": "Posted", "text": "x", "issue": "psea", "status": "draft",
                                                 "sensitivity": 1}),
    ]  # fmt: skip
    for url, data in posts:
        assert client.post(url, data).status_code == expected, url
    assert Engagement.objects.count() == 3
    assert Engagement.objects.get(pk=engagement.pk).summary == SUMMARIES[UNCLASSIFIED]
    assert list(FollowUp.objects.values_list("pk", "task")) == [(follow_up.pk, None)]
    assert not KeyMessage.objects.exists()
    assert not Task.objects.exists()


# --- API ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("standing", STANDINGS)
def test_api_lists_only_what_the_api_may_carry(world, login, level_messages, standing):
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


def test_api_detail_of_a_strictly_confidential_engagement_is_404_even_for_its_officer(world, login, level_engagements):
    client = login(world.officer)
    hidden = level_engagements[STRICTLY_CONFIDENTIAL]
    assert client.get(f"/api/v1/engagements/{hidden.pk}/").status_code == 404
    shown = client.get(f"/api/v1/engagements/{level_engagements[CONFIDENTIAL].pk}/")
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
    FollowUpFactory(engagement=engagement, text="Send the list of checkpoints", task=secret)
    row = login(world.hq).get(f"/api/v1/engagements/{engagement.pk}/").json()
    assert row["follow_ups"] == [
        {"text": "Send the list of checkpoints", "activity": "DI-1", "due_date": None, "task": None}
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
    assert data["total"] == {"total": 3, "visible": 1, "restricted": 2}
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
