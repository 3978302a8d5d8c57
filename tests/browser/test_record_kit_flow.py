"""In Chromium: a record type declared only in the tests (tests/recordkit) is found in the navigation, recorded
through its generic form (bad input refused with the input kept), listed, and opened; the list offers its export."""

import pytest

from tests.recordkit.models import SiteVisit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_records_a_site_visit_from_the_declaration_alone(page, sign_in, world, gazetteer):
    sign_in("officer")
    page.get_by_role("link", name="Central African Republic").click()
    sections = page.get_by_role("navigation", name="Operation sections")
    sections.get_by_role("link", name="Field", exact=True).click()
    sections.get_by_role("link", name="Site visits").click()
    assert page.get_by_test_id("sitevisit-count").inner_text() == "0 records listed"
    page.get_by_test_id("sitevisit-add").click()

    page.get_by_label("Title").fill("Visit to the Bria displacement site")
    page.get_by_label("Visited on").fill("2026-13-40")
    page.get_by_role("button", name="Save").click()
    assert "Visited on" in page.get_by_test_id("error-summary").inner_text()
    assert page.get_by_label("Title").input_value() == "Visit to the Bria displacement site"
    assert not SiteVisit.objects.exists()

    page.get_by_label("Visited on").fill("2026-01-12")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/operations/CAF/site-visits/*/")
    assert page.get_by_test_id("sitevisit-title").inner_text() == "Visit to the Bria displacement site"
    page.get_by_role("link", name="Site visits").last.click()
    row = page.get_by_test_id("sitevisit-row")
    assert row.count() == 1 and "Visit to the Bria displacement site" in row.inner_text()
    assert page.get_by_test_id("export-menu").count() == 1
