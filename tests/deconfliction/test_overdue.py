"""Overdue answers: a notification still awaiting a party's answer past the response time (``HNS_RESPONSE_HOURS``,
or the operation's own) is flagged on the dashboard and in the officer's worklist; an answer clears the flag."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cmcoord.core.choices import Sensitivity
from deconfliction.models import NotificationSettings
from deconfliction.selectors import notification_counts
from deconfliction.services import overall_status
from tests.factories import NotificationFactory
from tests.support import section

from .conftest import notification_url, notifications_url

DASHBOARD = reverse("operations:detail", kwargs={"code": "CAF"})


@pytest.fixture
def submitted(world, party):
    """``submitted(hours_ago)``: a Confidential CAF notification to ``party`` submitted that many hours ago."""

    def _make(hours_ago, **kwargs):
        return NotificationFactory(
            operation=world.operation,
            submitted_at=timezone.now() - timedelta(hours=hours_ago),
            parties=[party],
            **kwargs,
        )

    return _make


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ([], ("submitted", True)),
        (["submitted"], ("submitted", True)),
        (["acknowledged", "submitted"], ("submitted", True)),
        (["acknowledged", "acknowledged"], ("acknowledged", False)),
        (["acknowledged", "no_response"], ("no_response", False)),
        (["acknowledged", "rejected"], ("rejected", False)),
        (["rejected", "submitted"], ("rejected", True)),  # rejected, and a party still to answer
    ],
)
def test_the_overall_status_follows_the_answers(answers, expected):
    assert overall_status(answers) == expected


def test_only_answers_awaited_past_the_response_time_are_overdue(world, submitted):
    submitted(73)
    submitted(71)
    answered = submitted(100)
    answered.answers.update(status="acknowledged", answered_at=timezone.now())
    answered.status, answered.awaiting_answer = "acknowledged", False
    answered.save()
    counts = notification_counts(world.officer, world.operation)
    assert (counts.total.total, counts.awaiting.total, counts.overdue.total) == (3, 2, 1)


def test_the_setting_and_the_operations_own_response_time(world, submitted, settings):
    submitted(30)
    assert notification_counts(world.officer, world.operation).overdue.total == 0
    settings.HNS_RESPONSE_HOURS = 24
    assert notification_counts(world.officer, world.operation).overdue.total == 1
    NotificationSettings.objects.create(operation=world.operation, response_hours=48)
    counts = notification_counts(world.officer, world.operation)
    assert counts.overdue.total == 0 and counts.hours == 48


def test_an_acknowledgement_clears_the_flag_on_the_dashboard_and_in_the_worklist(world, login, submitted):
    notification = submitted(80, title="Bambari warehouse", reference="HNS-CAF-2026-0042")
    client = login(world.officer)
    dashboard = section(client.get(DASHBOARD).text, "dashboard-notifications")
    assert "1 notification with an overdue answer (over 72 h)" in dashboard
    worklist = section(client.get(reverse("my-tasks")).text, "worklist-notifications")
    assert "1 notification awaiting an answer for over 72 h" in worklist and "HNS-CAF-2026-0042" in worklist
    listed = client.get(notifications_url(), {"overdue": "on"}).text
    assert "Bambari warehouse" in listed and 'data-testid="overdue-badge"' in listed

    answer = notification.answers.get()
    when = timezone.localtime(timezone.now(), world.operation.time_zone).strftime("%Y-%m-%dT%H:%M")
    client.post(
        notification_url(notification, "answer-record", pk=answer.pk),
        {f"answer-{answer.pk}-status": "acknowledged", f"answer-{answer.pk}-answered_at": when,
         f"answer-{answer.pk}-version": answer.version},
    )  # fmt: skip

    dashboard = section(client.get(DASHBOARD).text, "dashboard-notifications")
    assert "0 notifications with overdue answers (over 72 h)" in dashboard
    assert 'data-testid="worklist-notifications"' not in client.get(reverse("my-tasks")).text
    assert "Bambari warehouse" not in client.get(notifications_url(), {"overdue": "on"}).text


def test_the_worklist_flags_each_of_the_officers_operations_with_its_own_response_time(world, login, submitted):
    from tests.factories import ActorFactory, MembershipFactory

    MembershipFactory(operation=world.other_operation, user=world.officer, role="officer")
    NotificationSettings.objects.create(operation=world.other_operation, response_hours=12)
    mali_party = ActorFactory(operation=world.other_operation, name="Northern coalition")
    NotificationFactory(
        operation=world.other_operation,
        submitted_at=timezone.now() - timedelta(hours=13),
        parties=[mali_party],
        sensitivity=Sensitivity.STRICTLY_CONFIDENTIAL,
    )
    submitted(13)  # CAF: 72 h, not overdue yet
    flag = section(login(world.officer).get(reverse("my-tasks")).text, "worklist-notifications")
    assert "1 notification awaiting an answer for over 12 h (Mali)" in flag
    assert "Central African Republic" not in flag


def test_the_dashboard_card_says_so_where_the_operation_has_no_notification(world, login):
    card = section(login(world.officer).get(DASHBOARD).text, "dashboard-notifications")
    assert "Notifications by status: nothing recorded yet." in card
