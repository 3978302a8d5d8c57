"""In Chromium: an officer records a humanitarian notification, then marks a party's overdue answer acknowledged and
sees the dashboard's overdue flag, and the worklist's, clear."""

from datetime import timedelta

import pytest
from django.utils import timezone

from actors.models import Actor
from deconfliction.models import Notification
from tests.factories import NotificationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_records_a_notification_and_an_acknowledgement_clears_the_overdue_flag(page, sign_in, world):
    party = Actor.objects.create(
        operation=world.operation, name="Ouaka self-defence group", category="non_state_armed",
        actor_type="militia", party_to_conflict=True,
    )  # fmt: skip
    NotificationFactory(
        operation=world.operation, reference="HNS-CAF-2026-0007", title="MSF clinic Bambari",
        submitted_at=timezone.now() - timedelta(hours=80), parties=[party],
    )  # fmt: skip

    sign_in("officer")
    page.get_by_role("link", name="Central African Republic").click()
    overdue = page.get_by_test_id("dashboard-notifications-overdue")
    assert "1 notification with an overdue answer (over 72 h)" in overdue.inner_text()
    page.goto("/tasks/mine/")
    flag = page.get_by_test_id("worklist-notifications")
    assert "1 notification awaiting an answer for over 72 h" in flag.inner_text()

    # A new notification: a convoy, notified to the group a moment ago.
    page.goto("/operations/CAF/")
    page.get_by_role("navigation", name="Operation sections").get_by_role("link", name="Field", exact=True).click()
    page.get_by_role("navigation", name="Operation sections").get_by_role("link", name="Notifications").click()
    page.get_by_test_id("notification-add").click()  # the record kit's add button
    page.get_by_label("Reference").fill("HNS-CAF-2026-0008")
    page.get_by_label("Kind").select_option(label="Movement")
    page.get_by_label("Site or movement").fill("WFP convoy Bangui to Bambari")
    page.get_by_label("Notifying organisation").fill("WFP")
    page.get_by_label("Valid from").fill("2026-11-24")
    page.get_by_label("Valid to").fill("2026-11-25")
    page.get_by_role("checkbox", name="Ouaka self-defence group").check()
    page.get_by_label("Origin").fill("Bangui")
    page.get_by_label("Destination").fill("Bambari")
    page.get_by_label("Admin 1 (region)").fill("CF61")
    page.get_by_role("button", name="Record notification").click()
    page.wait_for_url("**/operations/CAF/notifications/HNS-CAF-2026-0008/")
    assert "recorded" in page.locator(".alert-success").inner_text()
    assert page.get_by_test_id("notification-status").inner_text() == "Awaiting answers"
    assert Notification.objects.get(reference="HNS-CAF-2026-0008").answers.get().party == party

    # The overdue one: from the dashboard's flag to its page, then the party's answer in one click.
    page.goto("/operations/CAF/")
    page.get_by_test_id("dashboard-overdue-link").click()
    rows = page.get_by_test_id("notification-row")
    assert rows.count() == 1 and "MSF clinic Bambari" in rows.first.inner_text()
    page.get_by_role("link", name="HNS-CAF-2026-0007").click()
    assert page.get_by_test_id("overdue-badge").is_visible()
    page.get_by_text("Record answer").click()
    assert page.get_by_test_id("answer-form").get_by_role("combobox").input_value() == "acknowledged"
    page.get_by_role("button", name="Save answer").click()
    assert "Answer of Ouaka self-defence group recorded: Acknowledged." in page.locator(".alert-success").inner_text()
    assert page.get_by_test_id("notification-status").inner_text() == "Acknowledged"
    assert page.get_by_test_id("overdue-badge").count() == 0

    page.get_by_role("link", name="Central African Republic").first.click()
    overdue = page.get_by_test_id("dashboard-notifications-overdue")
    assert "0 notifications with overdue answers (over 72 h)" in overdue.inner_text()
    assert page.get_by_test_id("dashboard-overdue-link").count() == 0
    assert "1 notification awaiting an answer" in page.get_by_test_id("dashboard-notifications-awaiting").inner_text()
    page.goto("/tasks/mine/")
    assert page.get_by_test_id("worklist-notifications").count() == 0
    assert page.problems == [], page.problems
