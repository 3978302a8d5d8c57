"""In Chromium: an officer records an armed group, assesses it as a spoiler, links it to a task, maps it."""

import pytest

from protection_tasks.models import Activity, Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_records_assesses_links_and_maps_an_armed_group(page, sign_in, world):
    task = Task.objects.create(
        operation=world.operation, activity=Activity.objects.get(code="DI-1"), owner=world.officer,
        reference="CAF-2026-0001", title="Negotiate access through Kaga-Bandoro checkpoints",
    )  # fmt: skip
    sign_in("officer")
    page.goto("/operations/CAF/actors/")
    page.get_by_role("link", name="New actor").click()
    page.get_by_label("Name").fill("Front Patriotique du Centre")
    page.get_by_label("Acronym").fill("FPC")
    page.get_by_label("Category").select_option(label="Non-state armed group")
    page.get_by_label("Type").select_option(label="Rebel group")
    page.get_by_label("Party to the conflict").check()
    page.get_by_label("Areas of operation").fill("CF71, CF72")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_test_id("actor-name").inner_text() == "Front Patriotique du Centre (FPC)"
    assert "Confidential" in page.locator(".sensitivity-badge-2").first.inner_text()  # armed groups' default

    page.get_by_role("link", name="Assess").click()
    page.get_by_label("Stance").select_option(label="Spoiler")
    page.get_by_label("Influence (1 to 5)").select_option("5")
    page.get_by_label("Interest (1 to 5)").select_option("2")
    page.get_by_label("CMCoord strategy towards the actor").select_option(label="Co-existence")
    page.get_by_role("button", name="Save").click()
    current = page.get_by_test_id("current-assessment").inner_text()
    assert "Spoiler" in current and "5 / 2" in current

    page.goto(task.get_absolute_url())
    panel = page.get_by_test_id("task-actors")
    panel.get_by_label("Actor").select_option(label="Front Patriotique du Centre (FPC)")
    panel.get_by_label("Role").select_option(label="Target")
    panel.get_by_role("button", name="Link").click()
    assert "Front Patriotique du Centre (FPC)" in page.get_by_test_id("task-actors").inner_text()

    page.goto("/operations/CAF/actors/map/")
    figure = page.get_by_test_id("stakeholder-map")
    point = figure.locator("a", has_text="Front Patriotique")
    assert point.count() == 1
    assert "Spoiler" in point.locator("title").first.text_content()
    point.click()
    page.wait_for_url("**/operations/CAF/actors/*/")
    assert "CAF-2026-0001" in page.get_by_test_id("actor-tasks").inner_text()
    assert page.problems == [], page.problems
