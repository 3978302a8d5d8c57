"""In Chromium: an officer filters the task list and exports it as CSV; the file holds exactly the listed rows."""

import csv
import io
from pathlib import Path

import pytest

from cmcoord.core.choices import Sensitivity
from cmcoord.exports.models import ExportLog
from protection_tasks.models import Activity, Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_exports_exactly_the_filtered_task_list_as_csv(page, sign_in, world):
    activity = Activity.objects.get(code="AN-1")
    titles = {
        "CAF-2026-0001": ("Map the Ouaka access constraints", "planned"),
        "CAF-2026-0002": ("Brief the zone commanders", "in_progress"),
        "CAF-2026-0003": ("Map the displacement sites", "planned"),
        "CAF-2026-0004": ("Map the checkpoints, again", "cancelled"),
    }
    for reference, (title, status) in titles.items():
        Task.objects.create(
            operation=world.operation, activity=activity, owner=world.officer, reference=reference, title=title,
            status=status, sensitivity=Sensitivity.UNCLASSIFIED,
        )  # fmt: skip
    sign_in("officer")
    page.goto("/operations/CAF/tasks/")
    page.get_by_text("Filters").click()
    page.get_by_label("Search").fill("Map")
    page.get_by_role("checkbox", name="Planned").check()
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**/tasks/?*q=Map*")
    listed = sorted(page.get_by_test_id("task-row").all_inner_texts())
    assert len(listed) == 2

    with page.expect_download() as download_info:
        page.get_by_test_id("export-menu").get_by_role("link", name="CSV").click()
    download = download_info.value
    assert download.suggested_filename.startswith("CAF-tasks-") and download.suggested_filename.endswith(".csv")
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert rows[1][:4] == ["#country+code+v_iso3", "#country+name", "#meta+id", "#activity+title"]
    assert sorted(row[2] for row in rows[2:]) == ["CAF-2026-0001", "CAF-2026-0003"]
    assert all(any(row[3] in text for text in listed) for row in rows[2:])

    log = ExportLog.objects.get()
    assert (log.format, log.row_count, log.completed) == ("csv", 2, True)
    assert log.filters["q"] == ["Map"] and log.filters["status"] == ["planned"]
    assert page.problems == [], page.problems
