"""In Chromium: an officer records an access incident (after a date in the future is refused), picking its place
from the gazetteer, and finds it counted on the dashboard's incidents-by-category chart, the table under the chart
giving the same number."""

import datetime

import pytest

from cmcoord.operations.calendar import operation_today
from incidents.models import AccessIncident
from tests.factories import ActorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_records_an_incident_and_sees_it_on_the_dashboard(page, sign_in, world, gazetteer):
    ActorFactory(operation=world.operation, name="Checkpoint militia of Kabo")
    today = operation_today(world.operation)
    sign_in("officer")
    page.get_by_role("link", name="Central African Republic").click()
    page.get_by_role("navigation", name="Operation sections").get_by_role("link", name="Field", exact=True).click()
    page.get_by_role("navigation", name="Operation sections").get_by_role("link", name="Access incidents").click()
    page.get_by_role("link", name="Record an incident").click()

    page.get_by_label("Summary").fill("Convoy turned back at the Kabo checkpoint")
    page.get_by_label("Date").fill((today + datetime.timedelta(days=2)).isoformat())
    page.get_by_label("Category").select_option(label="Restriction of movement within the country")
    page.get_by_label("Actor responsible").select_option(label="Checkpoint militia of Kabo")
    page.get_by_label("Source").select_option(label="Humanitarian partner")
    page.get_by_label("People affected").fill("1200")
    region = page.get_by_role("combobox", name="Admin 1 (region)")
    region.fill("pende")  # the place is picked from the gazetteer of the operation's country
    page.get_by_role("option", name="Ouham-Pendé (CF32)").click()
    assert region.input_value() == "Ouham-Pendé (CF32)"
    page.get_by_role("button", name="Record incident").click()

    summary = page.get_by_test_id("error-summary")
    assert "An incident cannot be dated in the future" in summary.inner_text()
    assert not AccessIncident.objects.exists()
    assert page.get_by_label("Summary").input_value() == "Convoy turned back at the Kabo checkpoint"  # input kept

    page.get_by_label("Date").fill(today.isoformat())
    page.get_by_role("button", name="Record incident").click()
    page.wait_for_url("**/operations/CAF/incidents/*/")
    assert "recorded" in page.locator(".alert-success").inner_text()
    assert page.get_by_test_id("incident-title").inner_text() == "Convoy turned back at the Kabo checkpoint"
    assert page.get_by_test_id("incident-actor").inner_text() == "Checkpoint militia of Kabo"
    incident = AccessIncident.objects.get()
    assert (incident.admin1_name, incident.admin1_pcode) == ("Ouham-Pendé", "CF32")

    page.get_by_role("navigation", name="Operation sections").get_by_role("link", name="Dashboard").click()
    panel = page.get_by_test_id("dashboard-incidents")
    assert "1 incident in the last 12 months" in panel.inner_text()
    chart = panel.locator("[data-chart=incidents-by-month]")
    month = today.strftime("%Y-%m")
    assert "Categories: Movement within the country." in chart.locator("svg desc").text_content()
    assert chart.locator("svg .chart-row", has_text=month).locator("rect title").text_content() == f"{month}: 1"
    chart.get_by_text("Show as a table").click()
    table = chart.get_by_test_id("chart-table")
    assert table.locator("thead th").all_inner_texts() == ["Month", "Movement within the country"]
    row = table.locator("tbody tr", has_text=month)
    assert row.locator("td").all_inner_texts() == ["1"]  # the same number as the bar
    row.get_by_role("link", name=month).click()
    page.wait_for_url(f"**/operations/CAF/incidents/?occurred_after={month}-01*")
    assert page.get_by_test_id("incident-row").count() == 1
    assert page.problems == [], page.problems
