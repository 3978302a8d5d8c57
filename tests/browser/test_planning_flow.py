"""In Chromium: an officer records the operation's CMCoord assessment, lets its review date pass and sees the PP-4
flag on the dashboard; then works through the set-up checklist and sees its completion rise."""

import datetime

import pytest

from cmcoord.operations.calendar import operation_today
from planning.models import ChecklistItem, PlanningDocument

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pp4_flag_follows_the_assessment_and_the_checklist_completion_rises(page, sign_in, world):
    today = operation_today(world.operation)
    sign_in("officer")
    page.goto("/operations/CAF/")
    panel = page.get_by_test_id("dashboard-planning")
    assert "No CMCoord assessment in force" in panel.get_by_test_id("pp4-flag").inner_text()

    # Record the assessment in force, due for review next month: the flag clears.
    page.get_by_role("navigation", name="Operation sections").get_by_role("link", name="Planning", exact=True).click()
    page.get_by_role("link", name="New planning document").click()
    page.get_by_label("Kind").select_option(label="CMCoord assessment")
    page.get_by_label("Title").fill("CMCoord assessment: roles of armed actors, 2026")
    page.get_by_label("Status").select_option(label="In force")
    page.get_by_label("Effective date").fill((today - datetime.timedelta(days=180)).isoformat())
    page.get_by_label("Review due").fill((today + datetime.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/operations/CAF/planning/documents/*/")
    assert page.get_by_test_id("document-status").inner_text() == "In force"
    page.goto("/operations/CAF/")
    assert page.get_by_test_id("pp4-current").is_visible()
    assert page.get_by_test_id("pp4-flag").count() == 0

    # The review date passes (edited into the past): the dashboard flags the operation again.
    document = PlanningDocument.objects.get()
    page.goto(document.get_absolute_url())
    page.get_by_role("link", name="Edit").click()
    page.get_by_label("Review due").fill((today - datetime.timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**{document.get_absolute_url()}")
    assert page.get_by_test_id("review-overdue").is_visible()
    page.goto("/operations/CAF/")
    assert "CMCoord assessment past its review date" in page.get_by_test_id("pp4-flag").inner_text()

    # The set-up checklist: opened from the dashboard, then one key point ticked done.
    checklist = page.get_by_test_id("dashboard-checklist")
    assert "0 of 15 key points done" in checklist.get_by_test_id("checklist-done").inner_text()
    checklist.get_by_role("link", name="Open the checklist").click()
    page.wait_for_url("**/operations/CAF/planning/checklist/")
    item = page.locator("[data-testid=checklist-item][data-code='SU-04']")
    assert "CIMIC" in item.inner_text()
    item.get_by_label("Status of SU-04").select_option(label="Done")
    item.get_by_role("button", name="Set").click()
    assert "Key point SU-04: Done." in page.locator(".alert-success").inner_text()
    assert "1 of 15 key points done" in page.get_by_test_id("checklist-done").inner_text()
    page.goto("/operations/CAF/")
    checklist = page.get_by_test_id("dashboard-checklist")
    assert "1 of 15 key points done" in checklist.get_by_test_id("checklist-done").inner_text()
    assert checklist.locator("progress").get_attribute("value") == "1"
    assert ChecklistItem.objects.get(code="SU-04").status == "done"
    assert page.problems == [], page.problems
