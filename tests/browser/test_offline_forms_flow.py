"""In Chromium: the offline page's own forms (cmcoord/api/offline_forms.py, static/js/offline_forms.js). An officer who
never opened a form online logs, with no connection, a progress note, an engagement with a follow-up and an access
incident; a half-typed one survives a reload; back online, each arrives once. The forms offer only what the device
keeps: never a Strictly confidential actor, nothing of another operation."""

import pytest
from playwright.sync_api import expect

from cmcoord.core.choices import Sensitivity
from tests.browser.axe import inject_axe, serious_violations
from tests.browser.test_offline_flow import DRAFTS, _activity_pk, _worker_controls, drafts_become
from tests.factories import ActorFactory, TaskFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTE = "Checkpoint commander in Kaga-Bandoro agreed to let the mobile clinic through on Thursdays."
SUMMARY = "Met the Ouham Patriotic Front's liaison about the screening of displaced men at the Bossangoa site."
FOLLOW_UP = "Send the liaison the protection cluster's screening guidance"
INCIDENT = "Mobile clinic turned back at the Kaga-Bandoro checkpoint"


def test_forms_never_opened_online_are_filled_offline_kept_through_a_reload_and_arrive_once(page, sign_in, world):
    from engagements.models import Engagement, FollowUp
    from incidents.models import AccessIncident
    from protection_tasks.models import TimelineEntry

    task = TaskFactory(operation=world.operation, owner=world.officer, title="Negotiate the clinic's passage")
    front = ActorFactory(
        operation=world.operation, name="Ouham Patriotic Front", category="nsag", actor_type="rebel_group"
    )
    ActorFactory(
        operation=world.operation, name="Commander Zakaria's network", sensitivity=Sensitivity.STRICTLY_CONFIDENTIAL
    )
    ActorFactory(operation=world.other_operation, name="Another country's brigade")
    inject_axe(page)
    sign_in("officer")
    page.goto("/tasks/mine/")
    _worker_controls(page)
    page.wait_for_function("CMCoordStore.getMeta('readable').then(data => Boolean(data && data.tasks.length))")

    # No connection, and the engagement form was never opened: the offline page offers its own.
    page.context.set_offline(True)
    page.goto(f"/operations/{world.operation.code}/engagements/new/")
    assert page.get_by_test_id("offline-title").inner_text() == "You are offline"
    forms = page.get_by_test_id("offline-forms")
    expect(forms.get_by_role("heading", name="Write offline")).to_be_visible()

    engagement = page.get_by_test_id("offline-engagement")
    engagement.get_by_text("Log an engagement").click()
    actors = engagement.get_by_label("Actors met")
    expect(actors.locator("option")).to_have_count(1)  # neither the Strictly confidential one nor another country's
    assert actors.locator("option").inner_text() == "Ouham Patriotic Front · Non-state armed group"
    engagement.get_by_label("Date and time").fill("2026-11-30T09:15")
    engagement.get_by_label("Mode").select_option(label="Meeting")
    actors.select_option(label="Ouham Patriotic Front · Non-state armed group")
    engagement.get_by_label("Summary").fill(SUMMARY)
    engagement.get_by_role("button", name="Save engagement").click()
    expect(engagement.get_by_test_id("queued-notice")).to_be_visible()
    follow_up = page.get_by_test_id("offline-follow-ups")
    expect(follow_up).to_be_visible()
    follow_up.get_by_label("Follow-up agreed").fill(FOLLOW_UP)
    follow_up.get_by_label("Proposed activity").select_option(value=str(_activity_pk("DI-3")))
    follow_up.get_by_role("button", name="Add follow-up").click()
    expect(page.get_by_test_id("outbox-count")).to_have_text("Waiting to send (2)")

    # A note on one of the officer's tasks: refused by the page itself until a task is chosen.
    note = page.get_by_test_id("offline-note")
    note.get_by_text("Progress note").first.click()
    note.get_by_label("Progress note").fill(NOTE)
    note.get_by_role("button", name="Add note").click()
    expect(page.get_by_test_id("outbox-count")).to_have_text("Waiting to send (2)")
    note.get_by_label("Task").select_option(label=f"{task.reference} — Negotiate the clinic's passage")
    note.get_by_role("button", name="Add note").click()
    expect(page.get_by_test_id("outbox-count")).to_have_text("Waiting to send (3)")

    # An incident half typed, then the page reloaded (still offline): what was typed is back.
    incident = page.get_by_test_id("offline-incident")
    incident.get_by_text("Record an incident").click()
    incident.get_by_label("Summary").fill(INCIDENT)
    incident.get_by_label("Actor responsible").select_option(label="Ouham Patriotic Front · Non-state armed group")
    drafts_become(page, 1)
    assert serious_violations(page) == []  # the three forms open, with the engagement's follow-up
    page.set_viewport_size({"width": 390, "height": 844})  # on a phone: nothing wider than the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.reload()
    incident = page.get_by_test_id("offline-incident")
    incident.get_by_text("Record an incident").click()
    expect(incident.get_by_test_id("draft-notice")).to_be_visible()
    assert incident.get_by_label("Summary").input_value() == INCIDENT
    assert incident.get_by_label("Actor responsible").input_value() == str(front.pk)
    incident.get_by_label("Date").fill("2026-11-29")
    incident.get_by_label("Category").select_option(index=1)
    incident.get_by_role("button", name="Save incident").click()  # no source given: the page says so, keeps it
    expect(page.get_by_test_id("outbox-count")).to_have_text("Waiting to send (3)")
    assert incident.get_by_label("Source").evaluate("el => el.validity.valueMissing")
    incident.get_by_label("Source").select_option(label="Humanitarian partner")
    incident.get_by_role("button", name="Save incident").click()
    expect(page.get_by_test_id("outbox-count")).to_have_text("Waiting to send (4)")
    expect(page.get_by_test_id("offline-outbox").get_by_test_id("outbox-entry")).to_have_count(4)
    drafts_become(page, 0)
    assert not Engagement.objects.exists() and not AccessIncident.objects.exists()

    # Back online: the next page sends the four, each once.
    page.context.set_offline(False)
    page.goto("/")
    page.wait_for_function("CMCoordStore.entries().then(entries => entries.length === 0)")
    expect(page.get_by_test_id("outbox-status")).to_be_hidden()
    saved = Engagement.objects.get()
    assert saved.summary == SUMMARY and saved.operation == world.operation and list(saved.actors.all()) == [front]
    assert list(FollowUp.objects.values_list("engagement", "text")) == [(saved.pk, FOLLOW_UP)]
    assert TimelineEntry.objects.filter(task=task, text=NOTE).count() == 1
    recorded = AccessIncident.objects.get()
    assert recorded.title == INCIDENT and recorded.actor == front and recorded.operation == world.operation
    assert page.evaluate("CMCoordStore.entries()") == [] and page.evaluate(DRAFTS) == []
    assert page.problems == [], page.problems
