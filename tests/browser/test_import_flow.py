"""In Chromium: an officer imports tasks from the task list, sees the preview with a bad row's error, imports the
valid rows, and undoes the import."""

import pytest

from protection_tasks.models import Task
from tests.imports.conftest import xlsx_bytes
from tests.support import submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_uploads_previews_imports_and_undoes(page, sign_in, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    path = tmp_path / "taches.xlsx"
    path.write_bytes(
        xlsx_bytes(
            [
                ["Title", "Activity code", "Due date"],
                ["Brief the zone commanders", "DI-1", "2026-12-01"],
                ["No activity here", "ZZ-9", "2026-12-01"],
            ],
            title_row=["Tasks of the Bambari sub-office"],
        )
    )
    sign_in("officer")
    page.goto("/operations/CAF/tasks/")
    page.get_by_role("link", name="Import from a spreadsheet").click()
    page.get_by_label("Spreadsheet").set_input_files(str(path))
    page.get_by_role("button", name="Upload and preview").click()
    counts = page.get_by_test_id("preview-counts")
    assert "1 new" in counts.inner_text() and "1 with errors" in counts.inner_text()
    error_row = page.locator("[data-testid=preview] tr[data-status=error]")
    assert "Activity code" in error_row.inner_text()
    assert not Task.objects.exists()

    page.get_by_role("button", name="Import the 1 valid row").click()
    assert "1 created" in page.get_by_role("alert").first.inner_text() or "Imported" in page.content()
    assert list(Task.objects.values_list("title", flat=True)) == ["Brief the zone commanders"]
    assert "1" in page.get_by_test_id("batch-counts").inner_text()

    submit(page, page.get_by_role("button", name="Undo this import"))
    assert "undone" in page.content()
    assert not Task.objects.exists()
    assert page.problems == []


def test_officer_maps_an_unknown_header_once_and_the_next_file_is_matched(page, sign_in, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    first, second = tmp_path / "sub-office.xlsx", tmp_path / "sub-office-december.xlsx"
    first.write_bytes(xlsx_bytes([["Headline", "Activity code"], ["Brief the zone commanders", "DI-1"]]))
    second.write_bytes(xlsx_bytes([["headline", "Activity code"], ["Visit the PoC site", "AN-1"]]))
    sign_in("officer")
    page.goto("/operations/CAF/imports/tasks/")
    page.get_by_label("Spreadsheet").set_input_files(str(first))
    submit(page, page.get_by_role("button", name="Upload and preview"))
    assert "0 new" in page.get_by_test_id("preview-counts").inner_text()
    mapping = page.get_by_test_id("column-mapping")
    mapping.get_by_label("“Headline”").select_option(label="Title")
    submit(page, mapping.get_by_role("button", name="Save the columns and check again"))
    assert "1 new" in page.get_by_test_id("preview-counts").inner_text()
    assert "Title" in page.get_by_test_id("saved-mappings").inner_text()
    assert not Task.objects.exists()

    page.goto("/operations/CAF/imports/tasks/")
    page.get_by_label("Spreadsheet").set_input_files(str(second))
    submit(page, page.get_by_role("button", name="Upload and preview"))
    assert "1 new" in page.get_by_test_id("preview-counts").inner_text()
    assert "“headline” → Title" in page.get_by_test_id("saved-mappings").inner_text()
    submit(page, page.get_by_role("button", name="Import all rows"))
    assert list(Task.objects.values_list("title", flat=True)) == ["Visit the PoC site"]
    assert page.problems == []
