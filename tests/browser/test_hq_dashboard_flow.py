"""In Chromium: an HQ reader compares operations on the cross-country dashboard, filters by region, drills down
from a number to the task list it counts, and downloads the summary as CSV."""

import csv
import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from cmcoord.core.choices import Sensitivity
from cmcoord.operations.choices import OCHARegion
from protection_tasks.choices import TaskStatus
from protection_tasks.models import Activity
from tests.factories import TEST_PASSWORD, CountryOperationFactory, TaskFactory

from .axe import BLOCKING

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def activity(code):
    return Activity.objects.get(code=code, operation__isnull=True)


def operation_rows(page):
    return page.get_by_test_id("hq-row").locator("th a")


@pytest.fixture
def three_operations(world):
    today = timezone.localdate()
    yemen = CountryOperationFactory(country="YE", name="Yemen", region=OCHARegion.ROMENA)
    caf = world.operation
    TaskFactory(operation=caf, owner=world.officer, activity=activity("AN-1"), title="Bangassou convoy notification",
                sensitivity=Sensitivity.UNCLASSIFIED)  # fmt: skip
    TaskFactory(operation=caf, owner=world.officer, activity=activity("AN-2"), title="Ndele armed-actor contact",
                sensitivity=Sensitivity.STRICTLY_CONFIDENTIAL)  # fmt: skip
    TaskFactory(operation=caf, owner=world.officer, activity=activity("DI-1"), title="Bambari dialogue",
                sensitivity=Sensitivity.UNCLASSIFIED, status=TaskStatus.COMPLETED,
                completed_on=today - timedelta(days=1))  # fmt: skip
    TaskFactory(operation=world.other_operation, owner=world.other_officer, activity=activity("CB-1"),
                title="Mopti workshop", sensitivity=Sensitivity.UNCLASSIFIED)  # fmt: skip
    TaskFactory(operation=yemen, owner=world.officer, activity=activity("AD-1"), title="Hodeidah access",
                sensitivity=Sensitivity.UNCLASSIFIED)  # fmt: skip
    return world


def test_hq_reader_filters_drills_down_and_downloads_the_summary(page, sign_in, three_operations):
    sign_in("hq")
    page.get_by_test_id("nav-hq").click()
    page.wait_for_url("**/hq/")
    expect(operation_rows(page)).to_have_text(["Central African Republic", "Mali", "Yemen"])
    expect(page.get_by_test_id("chart")).to_be_visible()

    # Filter by region: only Yemen reports through the Middle East office.
    page.get_by_label("Region").select_option(label="ROMENA — Middle East and North Africa")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**/hq/?*region=ROMENA*")
    expect(operation_rows(page)).to_have_text(["Yemen"])

    page.get_by_label("Region").select_option(label="ROWCA — West and Central Africa")
    page.get_by_role("button", name="Apply").click()
    expect(operation_rows(page)).to_have_text(["Central African Republic", "Mali"])

    # CAF's open Analysis tasks: two, one of which the reader cannot open, and the number says so.
    cell = page.locator('[data-operation="CAF"] [data-area="AN"][data-measure="open"]')
    expect(cell).to_contain_text("2 — 1 you can open, 1 restricted")
    assert "Ndele" not in page.content()

    # The CSV of what is on screen, with its HXL row.
    with page.expect_download() as download_info:
        page.get_by_test_id("export-menu").get_by_role("link", name="CSV").click()
    rows = list(csv.reader(io.StringIO(Path(download_info.value.path()).read_text(encoding="utf-8"))))
    assert rows[1][0] == "#country+code+v_iso3"
    assert {row[0] for row in rows[2:]} == {"CAF", "MLI"}
    assert "Ndele" not in "".join(",".join(row) for row in rows)

    # Drill down: the number opens CAF's task list filtered to the Analysis tasks it counts.
    cell.get_by_role("link").click()
    page.wait_for_url("**/operations/CAF/tasks/?area=AN*")
    expect(page.get_by_test_id("task-row")).to_have_count(1)
    expect(page.get_by_test_id("task-row")).to_contain_text("Bangassou convoy notification")
    assert page.problems == []


def dashboard_violations(page):
    """axe's serious and critical violations of the whole dashboard, its export buttons included."""
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}" for v in results["violations"]
            if v["impact"] in BLOCKING]  # fmt: skip


def hq_dashboard_on_the_demo(page, sign_in):
    """axe-core finds no serious problem, the page never scrolls sideways (the matrix scrolls in its own box), and
    the chart draws every number on the bars: at a desktop's width and a phone's. Run on the accessibility test's
    load of the demo (tests/browser/test_accessibility.py), whose page has axe-core loaded."""
    reader = get_user_model().objects.get(username="hq.geneva")
    reader.set_password(TEST_PASSWORD)
    reader.save(update_fields=["password"])
    sign_in("hq.geneva")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        response = page.goto("/hq/?period=12m")
        assert response.status == 200
        expect(page.get_by_test_id("hq-row")).to_have_count(6)
        assert dashboard_violations(page) == [], width
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert page.locator(".chart-svg").count() == 1
        page.goto("/hq/?period=custom&date_from=2026-02-30")
        expect(page.get_by_test_id("error-summary")).to_be_visible()
        assert dashboard_violations(page) == [], width
