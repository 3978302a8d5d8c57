"""The import pages: who reaches them, upload → preview → import → batch → undo, refusals as 400 with the reason,
and the preview's query budget."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cmcoord.imports import services
from cmcoord.imports.models import BatchStatus, ImportBatch
from protection_tasks.models import Task
from tests.imports.conftest import csv_bytes, xlsx_bytes

ROWS = [["Title", "Activity code", "Due date"], ["Liaison visit", "AN-1", "2026-12-01"], ["", "AN-1", ""]]


def upload_url(world):
    return reverse("imports:upload", kwargs={"code": world.operation.code, "kind": "tasks"})


def upload(client, world, data, name="tasks.csv"):
    return client.post(upload_url(world), {"file": SimpleUploadedFile(name, data)})


def a_batch(world):
    return services.start_batch(
        user=world.officer, operation=world.operation, kind="tasks", file_name="tasks.csv", data=csv_bytes(ROWS)
    )


# role -> status of the upload page and of the batch page (a batch of CAF's officer)
MATRIX = {
    "anonymous": (302, 302),
    "officer": (200, 200),
    "head": (200, 200),
    "hct": (403, 403),
    "hq": (403, 403),
    "hq_limited": (404, 404),
    "other_officer": (404, 404),
    "outsider": (404, 404),
    "admin": (404, 404),
}


@pytest.mark.parametrize("role", MATRIX)
def test_who_reaches_the_import_and_the_batch(world, client, role):
    batch = a_batch(world)
    if role != "anonymous":
        client.force_login(world.by_role(role))
    upload_status, batch_status = MATRIX[role]
    assert client.get(upload_url(world)).status_code == upload_status
    assert client.get(batch.get_absolute_url()).status_code == batch_status
    file_url = reverse("imports:batch-file", kwargs={"code": world.operation.code, "pk": batch.pk})
    assert client.get(file_url).status_code == batch_status
    response = client.post(batch.get_absolute_url(), {"mode": "valid"})
    assert response.status_code in {302, 403, 404} if batch_status == 200 else response.status_code == batch_status
    if batch_status != 200:
        assert not Task.objects.exists()
        assert upload(client, world, csv_bytes(ROWS)).status_code == upload_status
        assert ImportBatch.objects.count() == 1


def test_a_batch_is_found_only_in_its_own_operation(world, client):
    batch = a_batch(world)
    client.force_login(world.other_officer)
    url = reverse("imports:batch", kwargs={"code": world.other_operation.code, "pk": batch.pk})
    assert client.get(url).status_code == 404


def test_upload_preview_import_and_undo(world, client):
    client.force_login(world.officer)
    list_page = client.get(reverse("protection_tasks:task-list", kwargs={"code": world.operation.code}))
    assert upload_url(world).encode() in list_page.content  # "Import from a spreadsheet" on the task list
    response = upload(client, world, csv_bytes(ROWS))
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    preview = client.get(response.url)
    assert preview.status_code == 200
    assert b"1 new" in preview.content and b"1 with errors" in preview.content
    assert not Task.objects.exists()
    assert client.post(batch.get_absolute_url(), {"mode": "all"}).status_code == 400  # a row has errors
    assert client.post(batch.get_absolute_url(), {"mode": "valid"}).status_code == 302
    assert Task.objects.get().title == "Liaison visit"
    page = client.get(batch.get_absolute_url())
    assert b"Undo this import" in page.content
    assert client.get(reverse("imports:batch-file", kwargs={"code": "CAF", "pk": batch.pk})).status_code == 200
    client.post(batch.get_absolute_url(), {"action": "undo"})
    batch.refresh_from_db()
    assert batch.status == BatchStatus.UNDONE and not Task.objects.exists()
    assert client.post(batch.get_absolute_url(), {"mode": "valid"}).status_code == 400  # imported once only


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("tasks.xlsm", xlsx_bytes([["Title"]]), b"Macro-enabled"),
        ("tasks.xlsx", b"PK\x03\x04garbage", b"not a valid Excel"),
        ("tasks.exe", b"MZ", b"Only .xlsx and .csv"),
        ("tasks.csv", b"", b"The submitted file is empty"),
    ],
)
def test_hostile_or_broken_files_are_refused_with_the_reason(world, client, name, data, reason):
    client.force_login(world.officer)
    response = upload(client, world, data, name)
    assert response.status_code == 400
    assert reason in response.content
    assert not ImportBatch.objects.exists()


def test_an_upload_over_the_limit_never_reaches_the_disk(world, client, settings):
    settings.IMPORT_MAX_MB = 0.01
    client.force_login(world.officer)
    response = upload(client, world, b"Title\n" + b"x" * 20_000)
    assert response.status_code == 400 and b"larger than" in response.content
    assert not ImportBatch.objects.exists()


def test_the_preview_of_200_rows_keeps_to_its_query_budget(world, client, django_assert_max_num_queries):
    rows = [["Title", "Activity code", "Status", "Urgency", "Due date", "Sensitivity"]]
    rows += [[f"Task {n}", "AN-1", "Planned", "High", "2026-12-01", "Confidential"] for n in range(200)]
    batch = services.start_batch(
        user=world.officer, operation=world.operation, kind="tasks", file_name="big.csv", data=csv_bytes(rows)
    )
    client.force_login(world.officer)
    # Each row goes through the task form as the page does: its choices, foreign keys and the task's constraints
    # are checked against the database (about 11 queries a row, the catalogue and gazetteer read once for all).
    with django_assert_max_num_queries(200 * 11 + 40):
        response = client.get(batch.get_absolute_url())
    assert b"200 new" in response.content


LISTS = [("tasks", "protection_tasks:task-list"), ("actors", "actors:actor-list")]


@pytest.mark.parametrize(("kind", "list_name"), LISTS)
def test_each_list_offers_its_import_to_who_may_change_it(world, client, kind, list_name):
    url = reverse("imports:upload", kwargs={"code": world.operation.code, "kind": kind})
    list_url = reverse(list_name, kwargs={"code": world.operation.code})
    client.force_login(world.officer)
    assert url.encode() in client.get(list_url).content
    assert client.get(url).status_code == 200
    client.force_login(world.hct)
    assert url.encode() not in client.get(list_url).content
    assert client.get(reverse("imports:upload", kwargs={"code": "CAF", "kind": "nothing"})).status_code == 403
    client.force_login(world.officer)
    assert client.get(reverse("imports:upload", kwargs={"code": "CAF", "kind": "nothing"})).status_code == 404


def test_bad_input_on_the_batch_page_never_gives_a_server_error(world, client):
    batch = a_batch(world)
    client.force_login(world.officer)
    url = batch.get_absolute_url()
    assert client.get(url, {"date_order": "ymd"}).status_code == 200
    assert client.get(url, {"date_order": "ymd\x00"}).status_code == 400  # the product refuses NUL in any input
    assert client.post(url, {"mode": "everything", "date_order": "x"}).status_code == 400
    assert client.post(url, {"action": "undo"}).status_code == 302  # not imported: refused with a message
    assert not Task.objects.exists()
    batch.file.storage.delete(batch.file.name)
    assert client.get(url).status_code == 200  # says the file is no longer stored
    assert client.post(url, {"mode": "valid"}).status_code == 400
    assert client.get(reverse("imports:batch-file", kwargs={"code": "CAF", "pk": batch.pk})).status_code == 404
    assert client.get(reverse("imports:batch", kwargs={"code": "CAF", "pk": 99999999})).status_code == 404


def test_a_file_over_the_row_limit_is_refused_and_says_so(world, client, settings):
    settings.IMPORT_MAX_ROWS = 3
    client.force_login(world.officer)
    rows = [["Title", "Activity code"]] + [[f"Task {n}", "AN-1"] for n in range(5)]
    response = upload(client, world, csv_bytes(rows))
    assert response.status_code == 400 and b"split it into files of at most 3 rows" in response.content
