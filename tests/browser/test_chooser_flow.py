"""In Chromium: the chooser (cmcoord/core/widgets.py, static/js/chooser.js) by keyboard alone, by touch on a phone,
and for the tasks of a notification (an open task from the list, a completed one by its reference)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from deconfliction.models import Notification
from engagements.models import Engagement
from tests.factories import TEST_PASSWORD, ActorFactory, TaskFactory
from tests.support import submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def choices(world):
    """Two actors and two open tasks of the operation, and a task of another operation (never offered)."""
    group = ActorFactory(operation=world.operation, name="Ouham Patriotic Front", category="nsag",
                         actor_type="rebel_group")  # fmt: skip
    ActorFactory(operation=world.operation, name="Ouaka self-defence group", category="nsag", actor_type="militia")
    task = TaskFactory(operation=world.operation, owner=world.officer, reference="CAF-2026-0042",
                       title="Negotiate access to Bossangoa", status="in_progress")  # fmt: skip
    TaskFactory(operation=world.operation, owner=world.officer, reference="CAF-2026-0043",
                title="Train the gendarmerie on IHL", status="planned")  # fmt: skip
    TaskFactory(
        operation=world.other_operation, owner=world.other_officer, reference="MLI-2026-0001", title="Mali task"
    )
    return group, task


def filter_box(page, label):
    """The chooser's filter box: it takes the field's label (the list of checkboxes is a group of that name)."""
    return page.get_by_role("searchbox", name=label)  # a required field's label ends in "*"


def _fill_engagement_basics(page, world):
    yesterday = timezone.localtime(timezone.now() - timedelta(days=1), world.operation.time_zone)
    page.get_by_label("Date and time").fill(yesterday.strftime("%Y-%m-%dT10:30"))
    page.get_by_label("Summary").fill("Met the zone commander in Bossangoa.")


def test_an_engagement_s_actors_and_tasks_are_chosen_by_keyboard_alone(page, sign_in, world, choices):
    group, task = choices
    sign_in("officer")
    page.goto("/operations/CAF/engagements/new/")
    _fill_engagement_basics(page, world)
    assert "Mali task" not in page.content()

    actors = filter_box(page, "Actors met")
    actors.focus()
    page.keyboard.type("ouham")
    expect(page.get_by_role("group", name="Actors met").get_by_role("checkbox")).to_have_count(1)
    page.keyboard.press("ArrowDown")  # into the list
    page.keyboard.press("Space")
    expect(page.get_by_role("checkbox", name="Ouham Patriotic Front · Non-state armed group")).to_be_checked()
    expect(page.locator("#id_actors-status")).to_have_text("Chosen: 1")
    page.keyboard.press("Escape")  # back to the filter box
    expect(actors).to_be_focused()

    filter_box(page, "Tasks").focus()
    page.keyboard.type("bossangoa")
    page.keyboard.press("Enter")  # chooses the first match; never sends the form
    expect(page.get_by_role("checkbox", name="CAF-2026-0042 · Negotiate access to Bossangoa")).to_be_checked()
    expect(filter_box(page, "Tasks")).to_have_value("")
    assert not Engagement.objects.exists()
    page.keyboard.type("nothing like this")
    expect(page.locator("#id_tasks").locator("..").get_by_text("No match")).to_be_visible()

    page.get_by_role("button", name="Save engagement").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/engagements/*/")
    expect(page.get_by_test_id("engagement-actors")).to_contain_text("Ouham Patriotic Front")
    expect(page.get_by_test_id("engagement-tasks")).to_contain_text("CAF-2026-0042")
    engagement = Engagement.objects.get()
    assert list(engagement.actors.all()) == [group] and list(engagement.tasks.all()) == [task]
    assert page.problems == [], page.problems


def test_an_engagement_s_actors_and_tasks_are_chosen_by_touch_on_a_phone(browser, live_server, world, choices):
    group, _task = choices
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        page.goto("/accounts/login/")
        page.get_by_label("Username").fill("officer")
        page.get_by_label("Password").fill(TEST_PASSWORD)
        submit(page, page.get_by_role("button", name="Sign in"), how="tap")
        page.goto("/operations/CAF/engagements/new/")
        _fill_engagement_basics(page, world)

        option = page.get_by_role("checkbox", name="Ouham Patriotic Front · Non-state armed group")
        row = option.locator("xpath=..")
        box = row.bounding_box()
        assert box["height"] >= 44 and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
        row.get_by_text("Ouham Patriotic Front").tap()  # the whole row is the target, not the small box alone
        expect(option).to_be_checked()

        filter_box(page, "Tasks").tap()
        filter_box(page, "Tasks").fill("gendarmerie")
        expect(page.get_by_role("checkbox", name="CAF-2026-0042 · Negotiate access to Bossangoa")).to_be_hidden()
        page.get_by_role("checkbox", name="CAF-2026-0043 · Train the gendarmerie on IHL").tap()
        filter_box(page, "Tasks").fill("")  # the chosen one stays on top, whatever the filter
        filter_box(page, "Tasks").fill("bossangoa")
        expect(page.get_by_role("checkbox", name="CAF-2026-0043 · Train the gendarmerie on IHL")).to_be_checked()
        page.get_by_role("checkbox", name="CAF-2026-0042 · Negotiate access to Bossangoa").tap()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

        page.get_by_role("button", name="Save engagement").tap()
        page.wait_for_url("**/engagements/*/")
        expect(page.get_by_test_id("engagement-tasks")).to_contain_text("CAF-2026-0042")
        expect(page.get_by_test_id("engagement-tasks")).to_contain_text("CAF-2026-0043")
        engagement = Engagement.objects.get()
        assert list(engagement.actors.all()) == [group]
        assert sorted(engagement.tasks.values_list("reference", flat=True)) == ["CAF-2026-0042", "CAF-2026-0043"]
    finally:
        context.close()


def test_a_notification_s_tasks_use_the_same_chooser(page, sign_in, world, choices):
    group, _task = choices
    TaskFactory(operation=world.operation, owner=world.officer, reference="CAF-2025-0007",
                title="Closed negotiation", status="completed", completed_on=timezone.localdate())  # fmt: skip
    sign_in("officer")
    page.goto("/operations/CAF/notifications/new/")
    page.get_by_label("Reference").fill("HNS-CAF-2026-0008")
    page.get_by_label("Site or movement").fill("MSF clinic Bossangoa")
    page.get_by_label("Notifying organisation").fill("MSF")
    page.get_by_label("Valid from").fill("2026-11-24")
    page.get_by_label("Valid to").fill("2026-11-25")
    page.get_by_label("Latitude").fill("6.49")
    page.get_by_label("Longitude").fill("17.45")
    filter_box(page, "Parties notified").fill("ouham")
    page.keyboard.press("Enter")

    tasks = filter_box(page, "Tasks")
    assert "Closed negotiation" not in page.content()  # a completed task is not listed …
    tasks.fill("bossangoa")
    page.get_by_role("checkbox", name="CAF-2026-0042 · Negotiate access to Bossangoa").click()
    tasks.fill("caf-2025-0007")  # … but its reference, typed in full, links it (the server checks it)
    page.get_by_role("checkbox", name="Link the task CAF-2025-0007 (checked on saving)").click()
    expect(page.get_by_role("checkbox", name="CAF-2025-0007")).to_be_checked()
    page.get_by_role("button", name="Record notification").click()
    page.wait_for_url("**/notifications/HNS-CAF-2026-0008/")
    notification = Notification.objects.get(reference="HNS-CAF-2026-0008")
    assert sorted(notification.tasks.values_list("reference", flat=True)) == ["CAF-2025-0007", "CAF-2026-0042"]
    assert list(notification.parties.all()) == [group]

    # A reference the officer may not open is refused by the server with a field error, whatever the script let by.
    page.goto(f"/operations/CAF/notifications/{notification.reference}/edit/")
    filter_box(page, "Tasks").fill("MLI-2026-0001")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Save notification").click()
    expect(page.get_by_test_id("error-summary")).to_contain_text(
        "No task of this operation you can open has the reference MLI-2026-0001"
    )
    assert page.problems == [], page.problems


def test_the_one_task_of_an_mcda_request_is_chosen_the_same_way(page, sign_in, world, choices):
    sign_in("officer")
    page.goto(reverse("mcda-requests:create", kwargs={"code": "CAF"}) + "?task=CAF-2026-0042")  # from the task's page
    first = page.get_by_role("checkbox", name="CAF-2026-0042 · Negotiate access to Bossangoa")
    expect(first).to_be_checked()
    page.get_by_role("checkbox", name="CAF-2026-0043 · Train the gendarmerie on IHL").check()
    expect(first).not_to_be_checked()  # one task: ticking another unticks it
    assert page.locator("#id_task-select").input_value() == "CAF-2026-0043"
    page.get_by_role("checkbox", name="CAF-2026-0043 · Train the gendarmerie on IHL").uncheck()
    assert page.locator("#id_task-select").input_value() == ""
    assert page.problems == [], page.problems
