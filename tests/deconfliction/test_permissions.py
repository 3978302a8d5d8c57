"""What each standing sees of notifications beyond the pages, API and export of the record itself, which the
permission matrix of every record type checks (tests/records/test_matrix.py): the settings page, the list's count
of restricted notifications, the one-click answer, a restricted party's answer, the API's linked tasks and parties
and its filters, the dashboard and worklist panels, the task and actor pages and the digest section.

Expected by README's "Who sees what" (written out in tests/support.py, not read from the policy): officers and the
head read and change every level of their own operation; HQ readers read up to Confidential; HCT members read
Unclassified only; nobody else reaches the operation (404). The API carries no Strictly confidential record; a
digest names Unclassified ones only and counts the rest.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cmcoord.core.access import audience_access
from cmcoord.core.choices import Standing
from deconfliction.models import Notification, PartyAnswer
from digests.sections import DigestScope
from digests.sections import get as get_section
from tests.factories import ActorFactory, NotificationFactory, TaskFactory
from tests.support import (
    CONFIDENTIAL,
    EDITORS,
    IN_OPERATION,
    MANAGERS,
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

from .conftest import REFERENCES, TITLES, notification_url, notifications_url


def test_anonymous_visitors_are_sent_to_sign_in_from_the_settings(client, level_notifications):
    response = client.get(notifications_url("settings"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert TITLES[UNCLASSIFIED] not in response.text


@pytest.mark.parametrize("standing", ["hct", "hq"])
def test_list_says_how_many_notifications_it_does_not_list(login, world, level_notifications, standing):
    response = login(world.by_role(standing)).get(notifications_url())
    readable = len(VIEW_LEVELS[standing])
    line = section(response.text, "notification-count")  # the record kit's line (cmcoord/records)
    listed = f"{readable} notification listed" if readable == 1 else f"{readable} notifications listed"
    assert f"{listed} · {3 - readable} more in this operation" in line


@pytest.mark.parametrize("standing", sorted(IN_OPERATION))
def test_the_answer_form_is_for_editors(login, world, level_notifications, standing):
    client = login(world.by_role(standing))
    for level in VIEW_LEVELS[standing]:
        response = client.get(notification_url(level_notifications[level]))
        assert ('data-testid="answer-form"' in response.text) == (standing in EDITORS), level


@pytest.mark.parametrize("standing", STANDINGS)
def test_settings_are_for_the_head(login, world, standing):
    response = login(world.by_role(standing)).get(notifications_url("settings"))
    assert response.status_code == expected_status(standing, MANAGERS)


@pytest.mark.parametrize("standing", [s for s in STANDINGS if s not in EDITORS])
def test_only_editors_record_an_answer(login, world, level_notifications, standing):
    notification = level_notifications[UNCLASSIFIED]
    answer = notification.answers.get()
    response = login(world.by_role(standing)).post(
        notification_url(notification, "answer-record", pk=answer.pk),
        {f"answer-{answer.pk}-{key}": value for key, value in _answer_data(answer).items()},
    )
    assert response.status_code in (403, 404)
    answer.refresh_from_db()
    assert answer.status == "submitted" and answer.answered_at is None


def _answer_data(answer, status="acknowledged", when=None):
    when = when or timezone.now()
    local = timezone.localtime(when, answer.notification.operation.time_zone)
    return {"status": status, "answered_at": local.strftime("%Y-%m-%dT%H:%M"), "note": "", "version": answer.version}


def test_a_strictly_confidential_party_hides_its_answer_but_not_the_count(login, world, level_notifications):
    notification = level_notifications[UNCLASSIFIED]
    hidden = ActorFactory(operation=world.operation, name="Shadow militia", sensitivity=STRICTLY_CONFIDENTIAL)
    PartyAnswer.objects.create(notification=notification, party=hidden)
    hq_page = login(world.hq).get(notification_url(notification))
    assert "Shadow militia" not in hq_page.text
    assert "1 more party was notified; its answer is restricted." in hq_page.text
    officer_page = login(world.officer).get(notification_url(notification))
    assert "Shadow militia" in officer_page.text and 'data-testid="answers-restricted"' not in officer_page.text


# --- API ------------------------------------------------------------------------------------------------------


def test_api_leaves_out_tasks_and_parties_above_the_readers_level(login, world, level_notifications, party):
    notification = level_notifications[UNCLASSIFIED]
    secret_task = TaskFactory(operation=world.operation, owner=world.officer, sensitivity=CONFIDENTIAL)
    open_task = TaskFactory(operation=world.operation, owner=world.officer, sensitivity=UNCLASSIFIED)
    notification.tasks.set([secret_task, open_task])
    hidden = ActorFactory(operation=world.operation, name="Shadow militia", sensitivity=CONFIDENTIAL)
    PartyAnswer.objects.create(notification=notification, party=hidden)
    url = reverse("notification-detail", kwargs={"pk": notification.pk})
    hct = login(world.hct).get(url).json()
    assert hct["tasks"] == [open_task.reference]
    assert [answer["party"] for answer in hct["answers"]] == [party.name]
    officer = login(world.officer).get(url).json()
    assert set(officer["tasks"]) == {secret_task.reference, open_task.reference}
    assert {answer["party"] for answer in officer["answers"]} == {party.name, "Shadow militia"}


def test_api_filters_overdue_and_status(login, world, level_notifications):
    fresh = NotificationFactory(operation=world.operation, sensitivity=UNCLASSIFIED, title="Fresh site")
    client = login(world.officer)
    overdue = client.get(reverse("notification-list"), {"overdue": "true"}).json()["results"]
    assert {row["title"] for row in overdue} == {TITLES[UNCLASSIFIED], TITLES[CONFIDENTIAL]}
    assert fresh.title in {row["title"] for row in client.get(reverse("notification-list")).json()["results"]}
    acknowledged = client.get(reverse("notification-list"), {"status": "acknowledged"}).json()["results"]
    assert acknowledged == []


# --- Panels on other pages -------------------------------------------------------------------------------------


@pytest.mark.parametrize("standing", sorted(IN_OPERATION))
def test_dashboard_panel_counts_every_notification_and_says_how_many_are_restricted(
    login, world, level_notifications, standing
):
    response = login(world.by_role(standing)).get(reverse("operations:detail", kwargs={"code": "CAF"}))
    assert response.status_code == 200
    panel = section(response.text, "dashboard-notifications")
    readable = len(VIEW_LEVELS[standing])
    awaiting = section(panel, "dashboard-notifications-awaiting")
    overdue = section(panel, "dashboard-notifications-overdue")
    assert "3 notifications awaiting an answer" in awaiting
    assert "3 notifications with overdue answers (over 72 h)" in overdue
    if readable < 3:
        assert f"{readable} you can open, {3 - readable} restricted" in awaiting
    for title in TITLES.values():
        assert title not in panel  # the panel counts; it names nothing


@pytest.mark.parametrize("standing", STANDINGS)
def test_worklist_flags_overdue_notifications_for_who_records_answers(login, world, level_notifications, standing):
    response = login(world.by_role(standing)).get(reverse("my-tasks"))
    assert response.status_code == 200
    if standing in EDITORS:
        flag = section(response.text, "worklist-notifications")
        assert "3 notifications awaiting an answer for over 72 h (Central African Republic)" in flag
        for level in level_notifications:
            assert REFERENCES[level] in flag
    else:
        assert 'data-testid="worklist-notifications"' not in response.text


@pytest.mark.parametrize("standing", sorted(IN_OPERATION))
def test_task_and_actor_pages_list_only_readable_notifications(login, world, level_notifications, party, standing):
    task = TaskFactory(operation=world.operation, owner=world.officer, sensitivity=UNCLASSIFIED)
    for notification in level_notifications.values():
        notification.tasks.add(task)
    client = login(world.by_role(standing))
    task_page = client.get(task_url(task))
    actor_page = client.get(actors_url("actor-detail", pk=party.pk))
    for level, title in TITLES.items():
        shown = level in VIEW_LEVELS[standing]
        assert (title in task_page.text) == shown, (standing, level)
        assert (title in actor_page.text) == shown, (standing, level)
    assert REFERENCES[UNCLASSIFIED] in section(task_page.text, "task-notifications")
    assert REFERENCES[UNCLASSIFIED] in section(actor_page.text, "actor-notifications")


# --- Digest ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("standing", list(Standing))
def test_digest_names_unclassified_notifications_only_and_counts_the_rest(world, level_notifications, standing):
    start = timezone.now() - timedelta(days=7)
    scope = DigestScope(
        operation=world.operation,
        access=audience_access(world.operation, standing),
        start=start,
        end=timezone.now(),
        next_end=timezone.now() + timedelta(days=7),
    )
    data = get_section("notifications").build(scope)
    assert in_mail(data["submitted"]) == {"total": 3, "visible": 1, "restricted": 2}
    assert [row["title"] for row in data["notifications"]] == [TITLES[UNCLASSIFIED]]
    assert data["notifications"][0]["answers"] == [
        {"party": "Armed group of the north", "status": "Submitted, awaiting answer"}
    ]


def test_digest_counts_answers_of_the_period(world, level_notifications):
    for notification in level_notifications.values():
        notification.answers.update(status="acknowledged", answered_at=timezone.now() - timedelta(hours=1))
    scope = DigestScope(
        operation=world.operation,
        access=audience_access(world.operation, Standing.HCT),
        start=datetime(2000, 1, 1, tzinfo=UTC),
        end=timezone.now(),
        next_end=timezone.now() + timedelta(days=1),
    )
    data = get_section("notifications").build(scope)
    acknowledged = next(row for row in data["answers"] if row["status"] == "Acknowledged")
    assert in_mail(acknowledged["count"]) == {"total": 3, "visible": 1, "restricted": 2}
    assert Notification.objects.count() == 3
