"""A file over IMPORT_BACKGROUND_ROWS (3 here) is checked and written by a Celery task (run in-process by the tests),
the batch page showing its progress until it is done: end to end, refusals, who reaches it, its query budget."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cmcoord.imports import services, tasks
from cmcoord.imports.models import BatchStatus, HeaderMapping, ImportBatch, JobState
from protection_tasks.models import Task
from tests.imports.conftest import csv_bytes, xlsx_bytes

HEADER = ["Title", "Activity code", "Due date"]
ROWS = [HEADER] + [[f"Patrol debrief {n}", "AN-1", "2026-12-01"] for n in range(5)] + [["", "ZZ-9", ""]]


@pytest.fixture(autouse=True)
def small_threshold(settings):
    settings.IMPORT_BACKGROUND_ROWS = 3


def upload(client, world, data, name="tasks.xlsx"):
    url = reverse("imports:upload", kwargs={"code": world.operation.code, "kind": "tasks"})
    return client.post(url, {"file": SimpleUploadedFile(name, data)})


def test_a_large_file_is_checked_and_imported_by_the_worker_end_to_end(world, client):
    client.force_login(world.officer)
    response = upload(client, world, xlsx_bytes(ROWS))
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert batch.background and batch.rows_total == 6
    assert batch.state == JobState.READY  # the check ran (in-process here, by a worker in production)
    assert batch.summary["counts"] == {"new": 5, "update": 0, "unchanged": 0, "error": 1}
    page = client.get(response.url).content.decode()
    assert "5 new" in page and "1 with errors" in page
    assert 'data-state="ready"' in page and 'http-equiv="refresh"' not in page
    assert "Activity code" in page  # the bad row's error, by its column
    assert "Import the 5 valid rows" in page
    assert not Task.objects.exists()

    assert client.post(batch.get_absolute_url(), {"mode": "all"}).status_code == 302
    batch.refresh_from_db()
    assert batch.state == JobState.READY and "Some rows have errors" in batch.failure
    assert not Task.objects.exists()
    assert "Some rows have errors" in client.get(batch.get_absolute_url()).content.decode()

    assert client.post(batch.get_absolute_url(), {"mode": "valid"}).status_code == 302
    batch.refresh_from_db()
    assert (batch.status, batch.state, batch.failure) == (BatchStatus.IMPORTED, JobState.DONE, "")
    assert (batch.created_count, batch.error_count, batch.records.count()) == (5, 1, 5)
    assert Task.objects.count() == 5
    page = client.get(batch.get_absolute_url()).content.decode()
    assert "Undo this import" in page
    client.post(batch.get_absolute_url(), {"action": "undo"})
    assert not Task.objects.exists()


def test_a_small_file_stays_within_the_request(world, client):
    client.force_login(world.officer)
    upload(client, world, csv_bytes(ROWS[:3]), "tasks.csv")
    batch = ImportBatch.objects.get()
    assert not batch.background and batch.state == ""


def test_the_progress_page_refreshes_itself_and_keeps_to_its_query_budget(world, client, django_assert_max_num_queries):
    batch = services.start_batch(
        user=world.officer, operation=world.operation, kind="tasks", file_name="t.csv", data=csv_bytes(ROWS)
    )
    ImportBatch.objects.filter(pk=batch.pk).update(state=JobState.PREVIEWING, rows_done=2)
    client.force_login(world.officer)
    client.get(batch.get_absolute_url())  # the session and the operation's menu read once
    with django_assert_max_num_queries(12):
        page = client.get(batch.get_absolute_url())
    text = page.content.decode()
    assert page.status_code == 200
    assert '<meta http-equiv="refresh" content="3">' in text
    assert 'data-state="previewing"' in text and "2 of 6 rows" in text and "<progress" in text
    assert 'name="viewport"' in text  # the page is laid out for a phone, as every page
    # While the worker runs, nothing of the file is read, no import can start and no mapping be chosen.
    assert client.post(batch.get_absolute_url(), {"mode": "valid"}).status_code == 302
    columns = reverse("imports:batch-columns", kwargs={"code": "CAF", "pk": batch.pk})
    assert client.post(columns, {"header_0": "title"}).status_code == 302
    batch.refresh_from_db()
    assert batch.state == JobState.PREVIEWING and not Task.objects.exists()


def test_a_file_gone_before_the_check_fails_the_batch_with_the_reason(world, client):
    batch = services.start_batch(
        user=world.officer, operation=world.operation, kind="tasks", file_name="t.csv", data=csv_bytes(ROWS)
    )
    batch.file.storage.delete(batch.file.name)
    services.queue_check(batch)
    batch.refresh_from_db()
    assert batch.state == JobState.FAILED and "no longer stored" in batch.failure
    client.force_login(world.officer)
    page = client.get(batch.get_absolute_url()).content.decode()
    assert "no longer stored" in page and 'data-state="failed"' in page and 'http-equiv="refresh"' not in page


def test_a_mapping_chosen_on_a_large_file_checks_it_again(world, client):
    rows = [["Headline", "Activity code"]] + [[f"Task {n}", "AN-1"] for n in range(5)]
    client.force_login(world.officer)
    upload(client, world, xlsx_bytes(rows))
    batch = ImportBatch.objects.get()
    assert batch.summary["counts"]["error"] == 5
    page = client.get(batch.get_absolute_url()).content.decode()
    assert "“Headline”" in page and 'data-testid="column-mapping"' in page
    columns = reverse("imports:batch-columns", kwargs={"code": "CAF", "pk": batch.pk})
    assert client.post(columns, {"header_0": "title"}).status_code == 302
    batch.refresh_from_db()
    assert HeaderMapping.objects.get().column == "title"
    assert batch.state == JobState.READY and batch.summary["counts"] == {
        "new": 5,
        "update": 0,
        "unchanged": 0,
        "error": 0,
    }


def test_the_date_order_of_a_large_file_is_chosen_and_checked_again(world, client):
    rows = [HEADER] + [[f"Task {n}", "AN-1", "03/04/2026"] for n in range(5)]
    client.force_login(world.officer)
    upload(client, world, csv_bytes(rows), "tasks.csv")
    batch = ImportBatch.objects.get()
    assert batch.summary["date_order_choice"] and batch.summary["counts"]["error"] == 5
    columns = reverse("imports:batch-columns", kwargs={"code": "CAF", "pk": batch.pk})
    client.post(columns, {"date_order": "dmy"})
    batch.refresh_from_db()
    assert batch.date_order == "dmy" and batch.summary["counts"]["new"] == 5
    client.post(batch.get_absolute_url(), {"mode": "all"})
    assert {str(d) for d in Task.objects.values_list("due_date", flat=True)} == {"2026-04-03"}


def test_a_task_run_twice_does_nothing_twice(world):
    batch = services.start_batch(
        user=world.officer, operation=world.operation, kind="tasks", file_name="t.csv", data=csv_bytes(ROWS)
    )
    services.queue_check(batch)
    assert tasks.check_batch.delay(batch.pk).get() == "skipped"  # already checked
    services.queue_import(batch, only_valid=True)
    assert tasks.import_batch.delay(batch.pk, True).get() == "skipped"  # already imported
    assert Task.objects.count() == 5


# role -> status of a large batch's page, of its file, and of its import
MATRIX = {
    "anonymous": 302,
    "officer": 200,
    "head": 200,
    "hct": 403,
    "hq": 403,
    "hq_limited": 404,
    "other_officer": 404,
    "outsider": 404,
    "admin": 404,
}


@pytest.mark.parametrize("role", MATRIX)
def test_a_large_batch_and_its_file_keep_the_access_of_its_records(world, client, role):
    batch = services.start_batch(
        user=world.officer, operation=world.operation, kind="tasks", file_name="t.csv", data=csv_bytes(ROWS)
    )
    services.queue_check(batch)
    if role != "anonymous":
        client.force_login(world.by_role(role))
    status = MATRIX[role]
    assert client.get(batch.get_absolute_url()).status_code == status
    file_url = reverse("imports:batch-file", kwargs={"code": "CAF", "pk": batch.pk})
    assert client.get(file_url).status_code == status
    response = client.post(batch.get_absolute_url(), {"mode": "valid"})
    assert response.status_code == (302 if status == 200 else status)
    batch.refresh_from_db()
    assert Task.objects.exists() == (status == 200)
    assert batch.state == (JobState.DONE if status == 200 else JobState.READY)


def test_the_command_checks_and_imports_a_large_file_row_by_row(world, tmp_path):
    import io

    from django.core.management import call_command

    path = tmp_path / "tasks.xlsx"
    path.write_bytes(xlsx_bytes(ROWS))
    out, err = io.StringIO(), io.StringIO()
    call_command("import", "tasks", str(path), user="officer", operation="CAF", dry_run=True, stdout=out, stderr=err)
    assert "5 new" in out.getvalue() and "1 with errors" in out.getvalue() and "row 7" in err.getvalue()
    assert not Task.objects.exists() and not ImportBatch.objects.exists()
    call_command("import", "tasks", str(path), user="officer", operation="CAF", only_valid=True, stdout=out, stderr=err)
    assert Task.objects.count() == 5
    assert ImportBatch.objects.get().state == JobState.DONE


def test_a_broker_out_of_reach_fails_the_check_saying_so_and_it_can_be_checked_again(world, client, monkeypatch):
    def unreachable(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.check_batch, "delay", unreachable)
    client.force_login(world.officer)
    upload(client, world, xlsx_bytes(ROWS))
    batch = ImportBatch.objects.get()
    assert batch.state == JobState.FAILED and "could not be reached" in batch.failure
    page = client.get(batch.get_absolute_url()).content.decode()
    assert "could not be reached" in page and "Check the file again" in page and 'http-equiv="refresh"' not in page
    monkeypatch.undo()
    columns = reverse("imports:batch-columns", kwargs={"code": "CAF", "pk": batch.pk})
    assert client.post(columns, {"date_order": ""}).status_code == 302
    batch.refresh_from_db()
    assert batch.state == JobState.READY and batch.summary["counts"]["new"] == 5


def _stuck(world, state, minutes_ago, **fields):
    batch = services.start_batch(
        user=world.officer, operation=world.operation, kind="tasks", file_name="t.csv", data=csv_bytes(ROWS)
    )
    since = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    ImportBatch.objects.filter(pk=batch.pk).update(state=state, state_changed_at=since, **fields)
    return batch


def test_a_check_whose_message_was_lost_is_queued_again_and_one_long_unfinished_is_reported(world):
    lost = _stuck(world, JobState.QUEUED, 10)  # its message never came
    waiting = _stuck(world, JobState.QUEUED, 1)  # its message may still come
    checking = _stuck(world, JobState.PREVIEWING, 90)  # its worker died and no message will come again
    importing = _stuck(world, JobState.IMPORTING, 90, summary={"counts": {"new": 5}})

    assert tasks.recover_batches() == {"requeued": 1, "failed": 2}

    lost.refresh_from_db()
    assert lost.state == JobState.READY and lost.summary["counts"]["new"] == 5  # checked by the message sent again
    waiting.refresh_from_db()
    assert waiting.state == JobState.QUEUED
    checking.refresh_from_db()
    assert checking.state == JobState.FAILED and "could not be processed" in checking.failure
    importing.refresh_from_db()  # nothing of an import is written until it ends: the checked file can be imported
    assert (importing.state, importing.status) == (JobState.READY, BatchStatus.PREVIEW)
    assert "could not be processed" in importing.failure
    assert not Task.objects.exists()
    assert tasks.recover_batches() == {"requeued": 0, "failed": 0}


def test_the_recovery_says_why_in_the_uploaders_language(world):
    batch = _stuck(world, JobState.PREVIEWING, 90, language="fr")
    tasks.recover_batches()
    batch.refresh_from_db()
    assert batch.state == JobState.FAILED and batch.failure.startswith("Le fichier")


def test_beat_runs_the_recovery():
    from django.conf import settings

    assert any(entry["task"] == "imports.recover_batches" for entry in settings.CELERY_BEAT_SCHEDULE.values())
