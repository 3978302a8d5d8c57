"""In Chromium: an officer attaches a PDF to a task from its page, then downloads it: the same bytes, as a file."""

from pathlib import Path

import pytest

from cmcoord.attachments.models import Attachment
from cmcoord.core.choices import Sensitivity
from protection_tasks.models import Activity, Task
from tests.support import submit

from .conftest import PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def catalogue(guidance_note_catalogue):
    """The shipped catalogue, which an earlier transactional test's flush removed."""


def test_officer_attaches_a_pdf_to_a_task_and_downloads_it(page, sign_in, world, tmp_path):
    task = Task.objects.create(
        operation=world.operation, activity=Activity.objects.get(code="DI-1"), owner=world.officer,
        reference="CAF-2026-0001", title="Meet the zone commander in Bambari", sensitivity=Sensitivity.CONFIDENTIAL,
    )  # fmt: skip
    minutes = tmp_path / "Minutes Bambari.pdf"
    minutes.write_bytes(PDF)

    sign_in("officer")
    page.goto(task.get_absolute_url())
    panel = page.get_by_test_id("attachments")
    panel.get_by_label("File").set_input_files(str(minutes))
    panel.get_by_label("Description").fill("Signed minutes")
    submit(page, panel.get_by_role("button", name="Attach file"))
    assert page.get_by_text("“Minutes Bambari.pdf” attached.").is_visible()
    link = page.get_by_test_id("attachment-link")
    assert link.inner_text() == "Minutes Bambari.pdf"

    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == "Minutes Bambari.pdf"
    assert Path(download.path()).read_bytes() == PDF
    assert Attachment.objects.get().description == "Signed minutes"
    assert page.problems == [], page.problems
