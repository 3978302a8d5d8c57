"""In Chromium: an HCT member opens their operation's dashboard; its charts render, fit a 390 px phone without
sideways scrolling, every value is written on the chart, and the table alternative carries the same numbers.
The Content-Security-Policy holds: no console error, no blocked style."""

import datetime

import pytest
from django.utils import timezone

from cmcoord.core.choices import Sensitivity
from tests.factories import ActorAssessmentFactory, ActorFactory, ProtectionPriorityFactory, TaskFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def operation_data(world):
    today = timezone.localdate()
    priority = ProtectionPriorityFactory(operation=world.operation, title="Safe access to markets")
    levels = [Sensitivity.UNCLASSIFIED] * 5 + [Sensitivity.CONFIDENTIAL] * 3 + [Sensitivity.STRICTLY_CONFIDENTIAL] * 3
    for number, level in enumerate(levels):
        TaskFactory(
            operation=world.operation, owner=world.officer, sensitivity=level, title=f"Open task {number}",
            status="planned" if number % 2 else "in_progress", protection_priorities=[priority],
            due_date=today + datetime.timedelta(days=(-3 if number in (0, 5, 8) else 10 + number)),
        )  # fmt: skip
    TaskFactory(
        operation=world.operation, owner=world.officer, sensitivity=Sensitivity.UNCLASSIFIED, status="completed",
        completed_on=today, title="Completed task", protection_priorities=[priority],
    )  # fmt: skip
    hidden = ActorFactory(operation=world.operation, name="Comite de Paoua", sensitivity=Sensitivity.UNCLASSIFIED)
    ActorAssessmentFactory(actor=hidden, sensitivity=Sensitivity.CONFIDENTIAL, assessor=world.officer)


def chart_values(figure):
    """The numbers written on a chart's bars, row by row (segment values, then the row's total)."""
    rows = []
    for row in figure.locator("svg.chart-svg g.chart-row").all():
        numbers = [t for t in row.locator("text").all_text_contents() if t.strip().isdigit()]
        rows.append([int(n) for n in numbers])
    return rows


def table_values(figure):
    """The numbers of a chart's table, row by row, dropping zeros and the restricted column like the chart does."""
    rows = []
    for row in figure.locator("tbody tr").all():
        cells = [int(c) for c in row.locator("td").all_text_contents()]
        rows.append(cells)
    return rows


def assert_same_numbers(figure):
    stacked = figure.locator("thead th", has_text="Total").count() == 1
    restricted = figure.locator("thead th", has_text="Of which restricted").count() == 1
    drawn = chart_values(figure)
    tabled = table_values(figure)
    assert len(drawn) == len(tabled) and drawn
    for on_chart, in_table in zip(drawn, tabled, strict=True):
        if restricted:
            in_table = in_table[:-1]
        if stacked:  # non-zero segments, then the total
            assert on_chart == [v for v in in_table[:-1] if v] + [in_table[-1]]
        else:
            assert on_chart == in_table


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_hct_member_reads_the_dashboard_charts_and_their_tables(page, sign_in, world, operation_data, viewport):
    if viewport:
        page.set_viewport_size(viewport)
    sign_in("hct")
    page.goto("/operations/CAF/")
    assert page.get_by_test_id("my-role").inner_text() == "HCT member"
    assert page.get_by_test_id("dashboard-open").inner_text() == "11 open tasks — 5 you can open, 6 restricted"
    assert page.get_by_test_id("dashboard-overdue").inner_text() == "3 overdue — 1 you can open, 2 restricted"
    assert "Open task 5" not in page.content()  # a Confidential title never reaches an HCT member

    charts = page.get_by_test_id("chart")
    # The task log's three charts (by area, completed per month, priorities) and the actors'; the area records'
    # panels add theirs (engagements, incidents, trainings), each held to the same rules below.
    shown = {figure.get_attribute("data-chart") for figure in charts.all()}
    assert {"tasks-by-area", "completed-per-month", "priority-progress", "actors-by-category"} <= shown, shown
    for figure in charts.all():
        svg = figure.locator("svg.chart-svg")
        svg.scroll_into_view_if_needed()
        assert svg.is_visible()
        box = svg.bounding_box()
        assert box["width"] > 200 and box["height"] > 20
        assert box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]
        assert svg.get_attribute("role") in ("img", "group") and svg.get_attribute("aria-labelledby")
        # The table alternative opens and carries the chart's numbers.
        figure.locator("summary").click()
        assert figure.get_by_test_id("chart-table").is_visible()
        assert_same_numbers(figure)

    actors = page.locator('[data-chart="actors-by-category"]')
    assert "Assessment restricted" in actors.get_by_test_id("chart-table").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert page.problems == [], page.problems
