"""In Chromium on a 390 px phone: what an officer needs stays on screen, and state changes ask first.

The issue this answers: on a phone the task list pushed urgency (then "priority"), owner, due date and the
Overdue badge off screen and wrapped titles to six lines, and the operation tabs overflowed with no hint.
"""

import datetime

import pytest
from django.utils import timezone

from protection_tasks.models import Task
from tests.factories import ActorAssessmentFactory, ActorFactory, TaskActorFactory, TaskFactory
from tests.support import submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LONG_TITLE = "Negotiate safe passage for the mobile clinic through the Kaga-Bandoro checkpoints before the rains"


@pytest.fixture
def overdue_task(world):
    return TaskFactory(
        operation=world.operation, owner=world.officer, reference="CAF-2026-0042", title=LONG_TITLE,
        status="in_progress", urgency=3, due_date=timezone.localdate() - datetime.timedelta(days=3),
    )  # fmt: skip


def assert_on_screen(page, locator, what):
    """``locator`` is visible and lies wholly within the viewport's width (no sideways scrolling needed)."""
    assert locator.is_visible(), f"{what} is not visible"
    box = locator.bounding_box()
    width = page.viewport_size["width"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"{what} is off screen: {box}"


def assert_no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_task_list_on_a_phone_shows_every_essential_column(page, sign_in, world, overdue_task):
    TaskFactory.create_batch(5, operation=world.operation, owner=world.head)
    page.set_viewport_size(PHONE)
    sign_in("officer")
    page.goto("/operations/CAF/tasks/")

    row = page.get_by_test_id("task-row").filter(has_text=LONG_TITLE)
    title = row.get_by_role("link", name=LONG_TITLE)
    assert_on_screen(page, title, "title")
    line_height = float(title.evaluate("a => getComputedStyle(a).lineHeight").removesuffix("px"))
    assert title.bounding_box()["height"] <= 3 * line_height + 1, "the title wraps to more than three lines"
    assert_on_screen(page, row.get_by_text("In progress"), "status")
    assert_on_screen(page, row.get_by_test_id("overdue-badge"), "Overdue badge")
    for label, value in [("Urgency", "High"), ("Owner", world.officer.get_full_name()), ("Due", "")]:
        cell = row.locator(f"td[data-label='{label}']")
        assert value in cell.inner_text()
        assert_on_screen(page, cell, label)
    assert_no_sideways_scroll(page)
    assert page.problems == [], page.problems


SECTIONS = [
    "Dashboard", "Tasks", "Protection priorities", "Catalogue", "Actors", "Engagements", "Key messages",
    "Notifications", "Access incidents", "Trainings", "Planning documents", "MCDA requests", "Set-up checklist",
    "About and members", "Digests", "Change history",
]  # fmt: skip


def test_on_a_phone_the_menu_lists_every_section_of_the_operation(page, sign_in, world):
    page.set_viewport_size(PHONE)
    sign_in("officer")
    page.goto("/operations/CAF/catalogue/")
    tabs = page.get_by_role("navigation", name="Operation sections")
    assert_on_screen(page, tabs.get_by_role("link", name="Catalogue"), "current section")
    page.get_by_role("button", name="Toggle navigation").click()
    menu = page.get_by_test_id("menu-sections")
    for name in SECTIONS:
        link = menu.get_by_role("link", name=name, exact=True)
        link.scroll_into_view_if_needed()
        assert link.is_visible(), name
    assert menu.get_by_role("link", name="Catalogue", exact=True).get_attribute("aria-current") == "page"
    menu.get_by_role("link", name="Access incidents", exact=True).click()
    page.wait_for_url("**/incidents/")
    assert_no_sideways_scroll(page)
    assert page.problems == [], page.problems


def test_at_1366_px_every_group_of_sections_is_on_screen_without_scrolling(page, sign_in, world):
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in("head")
    page.goto("/operations/CAF/")
    tabs = page.get_by_role("navigation", name="Operation sections").get_by_role("list").first
    assert tabs.evaluate("ul => ul.scrollWidth <= ul.clientWidth")  # nothing hidden off to the side
    for name in ["Dashboard", "Tasks", "Actors", "Field", "Planning", "Operation"]:
        assert_on_screen(page, tabs.get_by_role("link", name=name, exact=True), name)
    assert tabs.get_by_role("link", name="Dashboard").get_attribute("aria-current") == "page"
    tabs.get_by_role("link", name="Operation", exact=True).click()
    sections = page.get_by_test_id("section-nav")
    for name in ["About and members", "Settings", "Digests", "Change history"]:
        assert_on_screen(page, sections.get_by_role("link", name=name, exact=True), name)
    assert sections.get_by_role("link", name="About and members").get_attribute("aria-current") == "page"
    assert not page.get_by_test_id("menu-sections").is_visible()  # the phone menu stays out of the way
    assert page.problems == [], page.problems


def test_task_detail_on_a_phone_and_cancelling_asks_first(page, sign_in, world, overdue_task):
    page.set_viewport_size(PHONE)
    sign_in("officer")
    page.goto(overdue_task.get_absolute_url())
    assert_on_screen(page, page.get_by_test_id("task-title"), "title")
    assert_on_screen(page, page.get_by_test_id("task-status"), "status")
    assert_on_screen(page, page.get_by_test_id("overdue-badge"), "Overdue badge")
    assert_on_screen(page, page.get_by_test_id("task-owner"), "owner")
    assert_on_screen(page, page.get_by_test_id("task-due"), "due date")
    assert_on_screen(page, page.get_by_role("link", name="Tasks", exact=True).first, "way back")
    assert_no_sideways_scroll(page)

    buttons = page.get_by_test_id("status-buttons")
    assert buttons.get_by_role("link", name="Edit task").is_visible()
    confirm = buttons.get_by_role("button", name="Yes, cancel this task")
    assert confirm.is_hidden()
    buttons.get_by_text("Cancel task…").click()  # opens the question; nothing changes yet
    assert_on_screen(page, confirm, "confirmation")
    overdue_task.refresh_from_db()
    assert overdue_task.status == "in_progress"
    submit(page, confirm)  # the outbox checks the link first: the answer page comes a moment later
    assert page.get_by_test_id("task-status").inner_text() == "Cancelled"
    assert Task.objects.get(pk=overdue_task.pk).status == "cancelled"
    assert page.problems == [], page.problems


def test_unlinking_an_actor_asks_first(page, sign_in, world, overdue_task):
    actor = ActorFactory(operation=world.operation, name="Front Patriotique du Centre", sensitivity=1)
    TaskActorFactory(task=overdue_task, actor=actor)
    sign_in("officer")
    page.goto(overdue_task.get_absolute_url())
    panel = page.get_by_test_id("task-actors")
    panel.get_by_text("Unlink…").click()
    assert "Remove Front Patriotique du Centre from this task?" in panel.inner_text()
    assert overdue_task.actor_links.count() == 1
    panel.get_by_role("button", name="Yes, unlink").click()
    page.wait_for_url(f"**{overdue_task.get_absolute_url()}")
    assert "No actors linked." in page.get_by_test_id("task-actors").inner_text()
    assert page.problems == [], page.problems


def test_task_form_on_a_phone_puts_errors_first_and_focuses_them(page, sign_in, world):
    page.set_viewport_size(PHONE)
    sign_in("officer")
    page.goto("/operations/CAF/tasks/new/")
    for name in ["Activity", "Title", "Status", "Urgency", "Due date", "Owner", "Sensitivity"]:
        assert_on_screen(page, page.get_by_label(name), name)
    assert_no_sideways_scroll(page)

    page.get_by_role("button", name="Create task").click()
    summary = page.get_by_test_id("error-summary")
    assert summary.get_attribute("role") == "alert"
    assert page.evaluate("document.activeElement.dataset.testid") == "error-summary"
    assert_on_screen(page, summary, "error summary")
    summary.get_by_role("link", name="Title").click()
    assert page.evaluate("document.activeElement.name") == "title"
    assert page.problems == [], page.problems


def test_stakeholder_map_on_a_phone_scrolls_inside_its_own_region(page, sign_in, world):
    for n, stance in enumerate(["spoiler", "influencer", "neutral", "supportive"]):
        actor = ActorFactory(operation=world.operation, name=f"Armed group {n}", sensitivity=1)
        ActorAssessmentFactory(actor=actor, stance=stance, influence=n + 1, interest=5 - n, assessor=world.officer)
    page.set_viewport_size(PHONE)
    sign_in("officer")
    page.goto("/operations/CAF/actors/map/")
    region = page.get_by_role("region", name="Stakeholder map (scrolls sideways)")
    assert_on_screen(page, region, "map region")
    assert region.evaluate("div => div.scrollWidth > div.clientWidth")  # the map keeps a readable size ...
    assert page.get_by_test_id("scroll-hint").is_visible()  # ... says so ...
    assert_no_sideways_scroll(page)  # ... and only its region scrolls, not the page
    region.focus()
    region.press("ArrowRight")  # reachable and scrollable from the keyboard
    page.wait_for_function("div => div.scrollLeft > 0", arg=region.element_handle())
    assert page.get_by_test_id("map-table").get_by_role("link", name="Armed group 0").count() == 1
    assert page.problems == [], page.problems
