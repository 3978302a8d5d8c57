"""In Chromium, two people edit the same task and the same engagement in two browsers: the second save is refused
and its form comes back merged, so that saving again keeps both people's changes; where both changed one field, the
second person chooses which value stays."""

import pytest

from cmcoord.core.choices import Sensitivity
from engagements.models import Engagement
from protection_tasks.choices import Urgency
from protection_tasks.models import Task
from tests.factories import TEST_PASSWORD, EngagementFactory, TaskFactory
from tests.support import submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def second_page(browser, live_server, page, world):
    """A second browser, signed in as the head of office (the first page is the officer's)."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    other = context.new_page()
    other.goto("/accounts/login/")
    other.get_by_label("Username").fill("head")
    other.get_by_label("Password").fill(TEST_PASSWORD)
    submit(other, other.get_by_role("button", name="Sign in"))
    yield other
    context.close()


def test_the_officer_s_second_save_keeps_the_urgency_the_head_set_meanwhile(page, second_page, sign_in, world):
    task = TaskFactory(operation=world.operation, owner=world.officer, urgency=Urgency.MEDIUM, outcome="")
    edit = f"/operations/CAF/tasks/{task.reference}/edit/"
    sign_in("officer").goto(edit)
    second_page.goto(edit)

    second_page.get_by_label("Urgency").select_option(label="Critical")
    second_page.get_by_role("button", name="Save").click()
    second_page.wait_for_url(f"**/tasks/{task.reference}/")

    page.get_by_label("Outcome").fill("The checkpoint at PK12 was lifted after the meeting.")
    page.get_by_role("button", name="Save").click()
    conflict = page.get_by_test_id("conflict")
    assert "Critical" in conflict.inner_text() and "urgency" in page.get_by_test_id("conflict-taken").inner_text()
    assert page.get_by_label("Urgency").input_value() == str(Urgency.CRITICAL)  # the form shows the saved value
    assert page.get_by_label("Outcome").input_value() == "The checkpoint at PK12 was lifted after the meeting."
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/tasks/{task.reference}/")
    task = Task.objects.get(pk=task.pk)
    assert (task.urgency, task.outcome) == (Urgency.CRITICAL, "The checkpoint at PK12 was lifted after the meeting.")
    assert not page.problems


def test_a_summary_both_changed_waits_for_the_officer_s_choice(page, second_page, sign_in, world):
    engagement = EngagementFactory(
        operation=world.operation, sensitivity=Sensitivity.UNCLASSIFIED, summary="Met the zone commander."
    )
    edit = f"/operations/CAF/engagements/{engagement.pk}/edit/"
    sign_in("officer").goto(edit)
    second_page.goto(edit)

    second_page.get_by_label("Summary").fill("Met the zone commander and his deputy.")
    second_page.get_by_role("button", name="Save engagement").click()
    second_page.wait_for_url(f"**/engagements/{engagement.pk}/")

    page.get_by_label("Summary").fill("Met the zone commander in Bossangoa.")
    page.get_by_label("Sensitivity").select_option(label="Confidential")
    page.get_by_role("button", name="Save engagement").click()
    choices = page.get_by_test_id("conflict-choices")
    assert "Met the zone commander and his deputy." in choices.inner_text()
    page.get_by_role("button", name="Save engagement").click()  # no choice made: refused, asked again
    assert "choose which value to keep" in page.get_by_test_id("error-summary").inner_text()
    assert Engagement.objects.get(pk=engagement.pk).summary == "Met the zone commander and his deputy."
    page.get_by_label("Yours: Met the zone commander in Bossangoa.").check()
    page.get_by_role("button", name="Save engagement").click()
    page.wait_for_url(f"**/engagements/{engagement.pk}/")
    engagement = Engagement.objects.get(pk=engagement.pk)
    assert engagement.summary == "Met the zone commander in Bossangoa."
    assert engagement.sensitivity == Sensitivity.CONFIDENTIAL
    assert not page.problems
