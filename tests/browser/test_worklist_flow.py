"""In Chromium: an officer of two operations works from My tasks, and switches operations without losing the tab."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cmcoord.core.choices import Role
from protection_tasks.choices import TaskStatus
from tests.factories import ActorFactory, MembershipFactory, TaskFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def row_titles(page):
    return [row.locator("td.stack-head a").inner_text() for row in page.get_by_test_id("task-row").all()]


def titles(page):
    """The row titles as a locator, so that assertions on it wait for the next page to load."""
    return page.get_by_test_id("task-row").locator("td.stack-head a")


@pytest.fixture
def two_operations(world):
    MembershipFactory(operation=world.other_operation, user=world.officer, role=Role.OFFICER)
    return world


def test_my_tasks_is_a_worklist_to_filter_sort_and_open_completed_work(page, sign_in, two_operations):
    world, me = two_operations, two_operations.officer
    today = timezone.localdate()
    caf, mali = world.operation, world.other_operation
    TaskFactory(operation=caf, owner=me, title="Brief the zone commander", due_date=today + timedelta(days=20))
    TaskFactory(operation=mali, owner=me, title="Notify the Gao convoy", due_date=today - timedelta(days=9))
    TaskFactory(operation=caf, owner=me, title="Map the Ouaka checkpoints", due_date=today - timedelta(days=3))
    TaskFactory(operation=mali, owner=me, title="Prepare the Mopti workshop", due_date=today + timedelta(days=5))
    TaskFactory(operation=caf, owner=me, title="Closed training", status=TaskStatus.COMPLETED,
                completed_on=today - timedelta(days=30), due_date=today - timedelta(days=31))  # fmt: skip
    shared = TaskFactory(operation=caf, owner=world.head, title="Joint PoC analysis", due_date=None)
    shared.collaborators.add(me)

    sign_in("officer")
    page.get_by_role("link", name="My tasks").click()
    page.wait_for_url("**/tasks/mine/")
    # Overdue first, in date order; then the rest by due date, undated last; completed out of the way.
    assert row_titles(page) == [
        "Notify the Gao convoy", "Map the Ouaka checkpoints", "Prepare the Mopti workshop",
        "Brief the zone commander", "Joint PoC analysis",
    ]  # fmt: skip
    assert page.get_by_test_id("task-row").nth(0).get_attribute("class") == "table-danger"
    assert "Closed training" not in page.get_by_test_id("task-table").inner_text()

    # Filter: one operation, chosen by name.
    page.get_by_text("Filters").click()
    page.get_by_label("Operation").select_option(label="Mali")
    page.get_by_role("button", name="Apply").click()
    expect(titles(page)).to_have_text(["Notify the Gao convoy", "Prepare the Mopti workshop"])
    page.get_by_role("link", name="Clear").click()
    expect(titles(page)).to_have_count(5)

    # Sort by a column header, then the other way round.
    table = page.get_by_test_id("task-table")
    table.get_by_role("link", name="Title").click()
    page.wait_for_url("**/tasks/mine/?sort=title")
    assert row_titles(page) == sorted(row_titles(page))
    page.get_by_test_id("task-table").get_by_role("link", name="Title").click()
    page.wait_for_url("**/tasks/mine/?sort=-title")
    assert row_titles(page) == sorted(row_titles(page), reverse=True)

    # Completed work, when asked for; and away again.
    page.get_by_role("link", name="Clear").click()
    page.wait_for_url("**/tasks/mine/")
    page.get_by_test_id("show-completed").click()
    expect(titles(page).last).to_have_text("Closed training")
    expect(page.get_by_test_id("task-row").last).to_contain_text("Completed")
    page.get_by_test_id("hide-completed").click()
    expect(titles(page)).to_have_count(5)
    assert "Closed training" not in row_titles(page)
    assert page.problems == [], page.problems


def test_an_hq_reader_who_owns_no_task_is_sent_to_the_task_lists(page, sign_in, world):
    TaskFactory(operation=world.operation, owner=world.officer, title="Brief the zone commander")
    sign_in("hq")
    page.goto("/tasks/mine/")
    empty = page.get_by_test_id("my-tasks-empty")
    assert "You own no task and collaborate on none." in empty.inner_text()
    empty.get_by_role("link", name="Tasks of Central African Republic").click()
    page.wait_for_url("**/operations/CAF/tasks/")
    assert row_titles(page) == ["Brief the zone commander"]
    assert page.problems == [], page.problems


def switch_to(page, name):
    page.get_by_test_id("operation-switcher").get_by_role("button").click()
    page.get_by_test_id("operation-switcher").get_by_role("link", name=name).click()


def test_switching_operations_keeps_the_tab(page, sign_in, two_operations):
    world = two_operations
    task = TaskFactory(operation=world.operation, owner=world.officer, title="Brief the zone commander")
    ActorFactory(operation=world.other_operation, name="Gao fishermen union")
    sign_in("officer")

    page.goto("/operations/CAF/actors/map/")
    switch_to(page, "Mali")
    page.wait_for_url("**/operations/MLI/actors/map/")
    assert page.get_by_role("heading", level=1).inner_text() == "Mali"

    page.get_by_test_id("section-nav").get_by_role("link", name="Actors", exact=True).click()
    page.wait_for_url("**/operations/MLI/actors/")
    page.get_by_role("link", name="Gao fishermen union").click()
    switch_to(page, "Central African Republic")  # from an actor of Mali: to the actor list of CAF
    page.wait_for_url("**/operations/CAF/actors/")

    page.goto(task.get_absolute_url())
    switch_to(page, "Mali")  # from a task of CAF: to the task list of Mali
    page.wait_for_url("**/operations/MLI/tasks/")
    switch_to(page, "Central African Republic")
    page.wait_for_url("**/operations/CAF/tasks/")
    assert row_titles(page) == ["Brief the zone commander"]

    page.get_by_role("link", name="My tasks").click()
    switch_to(page, "Mali")  # outside an operation: its overview
    page.wait_for_url("**/operations/MLI/")
    assert page.problems == [], page.problems
