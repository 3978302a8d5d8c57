"""In Chromium: an officer creates a task picking its place from the gazetteer, and reads it on the task's page."""

import pytest

from protection_tasks.models import Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_picks_the_place_of_a_task_from_the_gazetteer(page, sign_in, world, gazetteer):
    sign_in("officer")
    page.goto("/operations/CAF/tasks/new/?activity=DI-1")
    page.get_by_label("Title").fill("Raise checkpoint extortion with the zone commander")

    district = page.get_by_role("combobox", name="Admin 2 (district)")
    district.fill("bamb")  # part of the name, any case
    options = page.locator("#" + district.get_attribute("aria-controls")).get_by_role("option")
    assert options.all_inner_texts() == ["Bambari (CF7101) — Ouaka"]
    district.press("ArrowDown")
    district.press("Enter")
    assert district.input_value() == "Bambari (CF7101)"

    region = page.get_by_role("combobox", name="Admin 1 (region)")
    region.fill("pende")  # accents aside
    region.press("ArrowDown")
    assert page.get_by_role("option", name="Ouham-Pendé (CF32)").get_attribute("aria-selected") == "true"
    region.press("Escape")
    region.fill("Ouaka")
    page.get_by_role("option", name="Ouaka (CF71)").click()
    assert region.input_value() == "Ouaka (CF71)"
    page.get_by_role("button", name="Create task").click()

    page.wait_for_url("**/operations/CAF/tasks/CAF-*/")
    assert "Bambari, Ouaka (CF7101)" in page.locator("main").inner_text()
    task = Task.objects.get()
    assert (task.admin1_name, task.admin1_pcode, task.admin2_name, task.admin2_pcode) == (
        "Ouaka", "CF71", "Bambari", "CF7101"
    )  # fmt: skip
    assert page.problems == [], page.problems


def test_a_district_s_list_keeps_to_the_region_chosen(page, sign_in, world, gazetteer):
    sign_in("officer")
    page.goto("/operations/CAF/tasks/new/")
    page.get_by_role("combobox", name="Admin 1 (region)").fill("Haute-Kotto (CF72)")
    district = page.get_by_role("combobox", name="Admin 2 (district)")
    district.press("ArrowDown")  # the whole list of the region, before typing
    options = page.locator("#" + district.get_attribute("aria-controls")).get_by_role("option")
    assert options.all_inner_texts() == [
        "Bria (CF7201) — Haute-Kotto", "Ouadda (CF7203) — Haute-Kotto", "Yalinga (CF7202) — Haute-Kotto"
    ]  # fmt: skip
    assert page.problems == [], page.problems
