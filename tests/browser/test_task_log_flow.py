"""In Chromium: an officer runs a task from the catalogue to completion; an HCT member cannot see it."""

import pytest
from playwright.sync_api import expect

from cmcoord.core.choices import Sensitivity
from protection_tasks.models import ProtectionPriority, Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_creates_a_task_from_the_catalogue_logs_progress_and_completes_it(page, sign_in, world):
    ProtectionPriority.objects.create(operation=world.operation, title="Safe access to displaced people in Ouaka")
    sign_in("officer")
    page.get_by_role("link", name="Central African Republic").click()
    page.get_by_role("navigation", name="Operation sections").get_by_role("link", name="Tasks", exact=True).click()
    page.get_by_role("navigation", name="Operation sections").get_by_role("link", name="Catalogue").click()

    entry = page.locator("[data-testid=catalogue-activity][data-code='DI-1']")
    entry.get_by_role("link", name="Log a task").click()
    page.wait_for_url("**/tasks/new/?activity=DI-1")
    assert "Establish and sustain dialogue with armed actors" in page.locator("#activity-help").inner_text()

    page.get_by_label("Title").fill("Raise checkpoint extortion with the FPC zone commander")
    page.get_by_label("Due date").fill("2026-12-15")
    page.get_by_label("Safe access to displaced people in Ouaka").check()
    page.get_by_label("Sensitivity").select_option(label="Confidential")
    page.get_by_label("Repeat").select_option(label="Monthly")
    assert page.get_by_label("Which").is_hidden()  # only once "on a weekday of the month" is chosen
    page.get_by_label("Monthly", exact=True).select_option(value="weekday")
    page.get_by_label("Which").select_option(label="first")
    page.get_by_label("Weekday").select_option(label="Monday")
    page.get_by_role("button", name="Create task").click()

    page.wait_for_url("**/operations/CAF/tasks/CAF-*/")
    assert "created" in page.locator(".alert-success").inner_text()
    assert page.get_by_test_id("task-title").inner_text() == "Raise checkpoint extortion with the FPC zone commander"
    assert page.get_by_test_id("recurrence").inner_text() == "Monthly on the first Monday"

    page.get_by_label("Progress note").fill("Met the zone commander in Bambari; he agreed to brief his checkpoints.")
    # Each form is sent once the outbox has found the server reachable: the answer page comes a moment later.
    page.get_by_role("button", name="Add note").click()
    expect(page.get_by_test_id("timeline")).to_contain_text("Met the zone commander in Bambari")

    page.get_by_test_id("status-buttons").get_by_role("button", name="Start").click()
    expect(page.get_by_test_id("task-status")).to_have_text("In progress")
    # Completing asks first and takes the outcome in the same step.
    page.get_by_test_id("confirm-complete").locator("summary").click()
    page.get_by_test_id("confirm-complete").get_by_label("Outcome").fill("Checkpoints in Bambari stopped charging.")
    page.get_by_test_id("confirm-complete").get_by_role("button", name="Complete CAF-").click()
    expect(page.get_by_test_id("task-status")).to_have_text("Completed")
    assert page.get_by_test_id("status-buttons").get_by_role("button", name="Reopen").is_visible()
    timeline = page.get_by_test_id("timeline").inner_text()
    assert "In progress → Completed" in timeline and "Planned → In progress" in timeline

    task = Task.objects.get()
    assert task.completed_on is not None and task.activity.code == "DI-1"
    assert task.outcome == "Checkpoints in Bambari stopped charging."
    assert page.problems == [], page.problems


def test_hct_member_sees_no_confidential_task_in_list_url_or_search(page, sign_in, world):
    from protection_tasks.models import Activity

    activity = Activity.objects.get(code="AN-1")
    secret = Task.objects.create(
        operation=world.operation, activity=activity, owner=world.officer, reference="CAF-2026-0001",
        title="Map the commanders of the Ouaka militia", sensitivity=Sensitivity.CONFIDENTIAL,
    )  # fmt: skip
    Task.objects.create(
        operation=world.operation, activity=activity, owner=world.officer, reference="CAF-2026-0002",
        title="Map the Ouaka access constraints", sensitivity=Sensitivity.UNCLASSIFIED,
    )  # fmt: skip
    sign_in("hct")
    page.goto("/operations/CAF/tasks/")
    rows = page.get_by_test_id("task-row")
    assert rows.count() == 1
    assert "Map the Ouaka access constraints" in rows.first.inner_text()

    page.get_by_text("Filters").click()
    page.get_by_label("Search").fill("commanders")
    page.get_by_role("button", name="Apply").click()
    assert page.get_by_test_id("task-row").count() == 0
    assert "No tasks match." in page.get_by_test_id("task-table").inner_text()

    response = page.goto(secret.get_absolute_url())
    assert response.status == 404
    assert "Ouaka militia" not in page.content()
    assert page.problems == [], page.problems


def test_a_collaborator_who_cannot_read_the_task_is_named_and_the_input_kept(page, sign_in, world):
    world.hct.first_name, world.hct.last_name = "Pascal", "Gbéti"
    world.hct.save()
    sign_in("officer")
    page.goto("/operations/CAF/tasks/new/?activity=DI-1")
    collaborators = page.get_by_role("group", name="Collaborators")  # the chooser's checkboxes
    assert "Pascal Gbéti (reads Unclassified only)" in collaborators.inner_text()
    page.get_by_label("Title").fill("Brief the HCT on the checkpoint negotiations")
    collaborators.get_by_role("checkbox", name="Pascal Gbéti (reads Unclassified only)").check()
    page.get_by_label("Sensitivity").select_option(label="Confidential")
    page.get_by_role("button", name="Create task").click()
    assert (
        "Pascal Gbéti cannot read a Confidential task"
        in page.locator("#id_collaborators ~ .invalid-feedback, .invalid-feedback").first.inner_text()
    )
    assert page.get_by_label("Title").input_value() == "Brief the HCT on the checkpoint negotiations"
    assert page.get_by_role("checkbox", name="Pascal Gbéti (reads Unclassified only)").is_checked()
    page.get_by_label("Sensitivity").select_option(label="Unclassified")
    page.get_by_role("button", name="Create task").click()
    page.wait_for_url("**/operations/CAF/tasks/CAF-*/")
    assert Task.objects.get().collaborators.get() == world.hct
    assert page.problems == [], page.problems
