"""A large XLSX is built by a worker (in-process here: the embedded default), for who asked only, and removed
after its time."""

import io
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cmcoord.exports.models import ExportFile, ExportFileStatus, ExportLog
from cmcoord.exports.tasks import remove_expired_files

from .support import content_of, export_url


@pytest.fixture
def small_threshold(settings):
    settings.EXPORT_XLSX_DIRECT_ROWS = 1
    settings.EXPORT_FILE_LIFETIME_HOURS = 24


def test_below_the_threshold_the_workbook_is_answered_at_once(world, export_data, login, settings):
    settings.EXPORT_XLSX_DIRECT_ROWS = 2  # the officer may export exactly two tasks
    response = login(world.officer).get(export_url("tasks", "xlsx"))
    assert response.status_code == 200
    assert not ExportFile.objects.exists()


def test_above_the_threshold_a_worker_builds_it_for_who_asked(world, export_data, login, small_threshold):
    client = login(world.officer)
    response = client.get(export_url("tasks", "xlsx") + "?sort=title")
    job = ExportFile.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.status == ExportFileStatus.READY and job.rows_total == job.rows_done == 2
    assert job.expires_at > timezone.now() + timedelta(hours=23)
    assert job.log.row_count == 2 and job.log.completed and job.log.filters == {"sort": ["title"]}

    page = client.get(job.get_absolute_url())
    assert page.status_code == 200
    assert 'http-equiv="refresh"' not in page.content.decode()  # finished: no more refreshing
    assert reverse("exports:file-download", kwargs={"pk": job.pk}) in page.content.decode()

    download = client.get(reverse("exports:file-download", kwargs={"pk": job.pk}))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment;")
    rows = list(load_workbook(io.BytesIO(content_of(download))).worksheets[0].iter_rows(values_only=True))
    assert [row[3] for row in rows[2:]] == ["Task-C-secret", "Task-U-secret"]  # the filters of the request
    assert job.file.name.startswith("exports/")

    assert client.get(reverse("exports:mine")).content.decode().count(job.download_name) >= 1


@pytest.mark.parametrize("standing", ["head", "hq", "hct", "other_officer", "outsider", "admin"])
def test_nobody_else_reaches_the_file(world, export_data, login, small_threshold, standing):
    login(world.officer).get(export_url("tasks", "xlsx"))
    job = ExportFile.objects.get()
    other = login(world.by_role(standing))
    assert other.get(job.get_absolute_url()).status_code == 404
    assert other.get(reverse("exports:file-download", kwargs={"pk": job.pk})).status_code == 404


def test_a_waiting_job_shows_its_progress_and_refreshes(world, login, small_threshold):
    log = ExportLog.objects.create(user=world.officer, operation=world.operation, export_name="tasks", format="xlsx")
    job = ExportFile.objects.create(log=log, user=world.officer, rows_total=200, rows_done=50)
    page = login(world.officer).get(job.get_absolute_url()).content.decode()
    assert 'http-equiv="refresh"' in page and 'value="25"' in page
    assert login(world.officer).get(reverse("exports:file-download", kwargs={"pk": job.pk})).status_code == 404


def test_expired_files_are_removed(world, export_data, login, small_threshold):
    client = login(world.officer)
    client.get(export_url("tasks", "xlsx"))
    job = ExportFile.objects.get()
    name = job.file.name
    assert default_storage.exists(name)
    assert remove_expired_files() == 0  # not yet
    ExportFile.objects.filter(pk=job.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    download = reverse("exports:file-download", kwargs={"pk": job.pk})
    assert client.get(download).status_code == 404  # past its time, even before the clean-up ran
    assert remove_expired_files() == 1
    assert not default_storage.exists(name)
    assert not ExportFile.objects.exists()
    assert ExportLog.objects.filter(pk=job.log_id, completed=True).exists()  # the log stays
    assert client.get(download).status_code == 404


def test_the_clean_up_is_scheduled(settings):
    assert any(entry["task"] == "exports.remove_expired_files" for entry in settings.CELERY_BEAT_SCHEDULE.values())
