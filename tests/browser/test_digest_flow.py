"""In Chromium: the head of office sets up a weekly HCT digest and previews it as the HCT will receive it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cmcoord.core.choices import Sensitivity
from digests.choices import Frequency, Weekday
from digests.models import DigestSchedule
from digests.periods import Cadence, next_send
from tests.factories import TaskFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_head_creates_a_schedule_and_previews_it_as_the_hct(page, sign_in, world):
    # Due the day after the next digest goes out (Monday 07:00 in Bangui): listed under "Due next period".
    cadence = Cadence(Frequency.WEEKLY, hour=7, time_zone=world.operation.time_zone, weekday=Weekday.MONDAY)
    soon = cadence.local_date(next_send(cadence, timezone.now())) + timedelta(days=1)
    TaskFactory(
        operation=world.operation, owner=world.officer, title="Joint visit to the Kaga-Bandoro water points",
        sensitivity=Sensitivity.UNCLASSIFIED, due_date=soon,
    )  # fmt: skip
    TaskFactory(
        operation=world.operation, owner=world.officer, title="Map the commanders of the Ouaka militia",
        sensitivity=Sensitivity.CONFIDENTIAL, due_date=soon,
    )  # fmt: skip
    sign_in("head")
    page.get_by_role("link", name="Central African Republic").first.click()
    page.get_by_role("navigation", name="Operation sections").get_by_role("link", name="Operation", exact=True).click()
    page.get_by_role("navigation", name="Operation sections").get_by_role("link", name="Digests").click()
    page.get_by_role("link", name="New schedule").click()

    page.get_by_label("Name").fill("Weekly digest for the HCT")
    page.get_by_label("Audience").select_option(label="HCT members")
    # Only the day that the chosen frequency uses is offered.
    offered = (("Daily", False, False), ("Monthly", False, True), ("Weekly", True, False))
    for frequency, weekday, day_of_month in offered:
        page.get_by_label("Frequency").select_option(label=frequency)
        assert page.get_by_label("Weekday").is_visible() is weekday, frequency
        assert page.get_by_label("Day of the month").is_visible() is day_of_month, frequency
    page.get_by_label("Weekday").select_option(label="Monday")
    page.get_by_label("Local hour").fill("7")
    page.get_by_label("Other addresses").fill("not an address")
    page.get_by_role("button", name="Save").click()
    assert "These are not e-mail addresses" in page.content() or "This is not an e-mail address" in page.content()

    page.get_by_label("Other addresses").fill("protection.cluster@example.net")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/operations/CAF/digests/")
    assert "saved" in page.locator(".alert-success").inner_text()
    schedule = DigestSchedule.objects.get()
    assert schedule.extra_addresses == ["protection.cluster@example.net"]

    row = page.get_by_test_id("digest-schedule").filter(has_text="Weekly digest for the HCT")
    row.get_by_role("link", name="Preview").click()
    page.get_by_test_id("preview-audiences").get_by_role("link", name="HCT members").click()
    body = page.get_by_test_id("digest-body").inner_text()
    assert "for HCT members" in body
    assert "Work by task area" in body
    assert "Joint visit to the Kaga-Bandoro water points" in body
    assert "Map the commanders of the Ouaka militia" not in page.content()
    assert "1 restricted" in body
    assert page.problems == [], page.problems
