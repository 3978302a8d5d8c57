"""In Chromium: an officer writes a summary for the HCT with an access incident, the head of office clears it, and
an HCT member, who may not open the incident, reads the summary on the dashboard and under the incident list."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cmcoord.core.choices import Sensitivity
from tests.factories import AccessIncidentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUMMARY = "Checkpoint at PK12 lifted after dialogue with the local commander."


def test_a_summary_goes_from_the_officer_through_the_head_to_the_hct(page, sign_in, world):
    incident = AccessIncidentFactory(
        operation=world.operation, title="Checkpoint at PK12 on the Bossangoa road", occurred_on=timezone.localdate(),
        sensitivity=Sensitivity.CONFIDENTIAL, description="Reported by a named driver",
    )  # fmt: skip
    sign_in("officer")
    page.goto(incident.get_absolute_url())
    page.get_by_test_id("incident-edit").click()
    page.get_by_label("For the HCT (Unclassified)").fill(SUMMARY)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("record-summary")).to_contain_text(SUMMARY)
    expect(page.get_by_test_id("summary-status")).to_contain_text("Waiting for clearance")

    page.forget_session()
    sign_in("head")
    page.get_by_role("link", name="Central African Republic").click()
    page.get_by_test_id("summaries-waiting").click()
    expect(page.get_by_test_id("summary-row")).to_contain_text(SUMMARY)
    page.get_by_test_id("summary-clear").click()
    expect(page.get_by_text("Summary cleared: HCT members of the operation can now read it.")).to_be_visible()
    page.get_by_role("link", name="All", exact=True).click()
    expect(page.get_by_test_id("summary-status")).to_contain_text("cleared by")

    page.forget_session()
    sign_in("hct")
    page.get_by_role("link", name="Central African Republic").click()
    expect(page.get_by_test_id("dashboard-summaries")).to_contain_text(SUMMARY)
    page.goto(f"/operations/{world.operation.code}/incidents/")
    expect(page.get_by_test_id("closed-summaries")).to_contain_text(SUMMARY)
    expect(page.get_by_text("Reported by a named driver")).to_have_count(0)
    assert not page.problems
