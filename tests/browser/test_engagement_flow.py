"""In Chromium: an officer logs an engagement with an armed group, turns two agreed follow-ups into tasks and finds
them in My tasks; the HCT cannot open the engagement, and the armed group's page shows the key message it heard."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from engagements.models import Engagement, FollowUp
from protection_tasks.models import Task
from tests.factories import ActorFactory, KeyMessageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_logs_an_engagement_and_turns_two_follow_ups_into_tasks(page, sign_in, world):
    group = ActorFactory(operation=world.operation, name="Ouham Patriotic Front", category="nsag",
                         actor_type="rebel_group")  # fmt: skip
    KeyMessageFactory(operation=world.operation, title="Schools are not military bases", status="agreed",
                      target_actors=[group])  # fmt: skip
    yesterday = timezone.localtime(timezone.now() - timedelta(days=1), world.operation.time_zone)

    sign_in("officer")
    page.get_by_role("link", name="Central African Republic").click()
    page.get_by_role("navigation", name="Operation sections").get_by_role("link", name="Actors", exact=True).click()
    page.get_by_role("navigation", name="Operation sections").get_by_role("link", name="Engagements").click()
    page.get_by_role("link", name="Log an engagement").click()
    page.wait_for_url("**/engagements/new/")

    page.get_by_label("Date and time").fill(yesterday.strftime("%Y-%m-%dT10:30"))
    page.get_by_label("Mode").select_option(label="Meeting")
    page.get_by_role("checkbox", name="Ouham Patriotic Front · Non-state armed group").check()
    page.get_by_label("Civilian evacuation").check()
    page.get_by_label("Security screening").check()
    page.get_by_label("Summary").fill("Met the zone commander in Bossangoa about the screening of displaced men.")
    page.get_by_label("Outcome").fill("He agreed to let the protection cluster observe the screening.")
    page.get_by_role("checkbox", name="Schools are not military bases").check()
    page.get_by_label("Admin 1 (region)").fill("CF32")
    # The officer tries to make it Unclassified: only the head of office may, for an armed group.
    page.get_by_label("Sensitivity").select_option(label="Unclassified")
    page.get_by_role("button", name="Save engagement").click()
    expect(page.get_by_test_id("error-summary")).to_contain_text("only by the head of office")
    assert not Engagement.objects.exists()
    page.get_by_label("Sensitivity").select_option(label="Confidential")
    page.get_by_role("button", name="Save engagement").click()
    page.wait_for_url("**/engagements/*/")
    expect(page.get_by_test_id("engagement-actors")).to_contain_text("Ouham Patriotic Front")
    expect(page.get_by_test_id("engagement-topics")).to_have_text("Civilian evacuation, Security screening")

    for text, code in [
        ("Share the screening schedule with the protection cluster", "DI-3"),
        ("Send the commander the evacuation guidance note", "CB-2"),
    ]:
        form = page.get_by_test_id("follow-up-form")
        form.get_by_label("Follow-up agreed").fill(text)
        form.get_by_label("Proposed activity").select_option(value=str(_activity_pk(code)))
        form.get_by_label("Due date").fill((yesterday + timedelta(days=14)).strftime("%Y-%m-%d"))
        form.get_by_role("button", name="Add follow-up").click()
        expect(page.get_by_test_id("follow-ups")).to_contain_text(text)

    follow_ups = page.get_by_test_id("follow-up")
    expect(follow_ups).to_have_count(2)
    for index in range(2):
        page.get_by_test_id("follow-up").nth(index).get_by_role("button", name="Turn into a task").click()
        expect(page.locator(".alert-success")).to_contain_text("created from the follow-up")
    expect(page.get_by_test_id("follow-up-task")).to_have_count(2)
    references = sorted(Task.objects.values_list("reference", flat=True))
    assert len(references) == 2
    assert all(task.sensitivity == 2 for task in Task.objects.all())
    assert set(FollowUp.objects.values_list("task__reference", flat=True)) == set(references)

    page.get_by_role("link", name="My tasks").click()
    page.wait_for_url("**/tasks/mine/")
    table = page.get_by_test_id("task-table")
    expect(table).to_contain_text("Share the screening schedule with the protection cluster")
    expect(table).to_contain_text("Send the commander the evacuation guidance note")

    # The armed group's page shows the engagement and the message it has now heard.
    page.goto(group.get_absolute_url())
    expect(page.get_by_test_id("messages-heard")).to_contain_text("Schools are not military bases")
    expect(page.get_by_test_id("actor-engagement")).to_have_count(1)
    assert page.problems == [], page.problems


def _activity_pk(code):
    from protection_tasks.models import Activity

    return Activity.objects.get(code=code, operation__isnull=True).pk
