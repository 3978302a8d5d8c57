"""Download, upload and delete through the pages: who gets what, the headers, and what ends up in storage."""

import hashlib

import pytest
from django.test import Client
from django.urls import reverse

from cmcoord.attachments.links import upload_url
from cmcoord.attachments.models import Attachment
from tests.support import STANDINGS

from .conftest import PDF, stored_files, upload

DOWNLOAD = {"officer": 200, "head": 200, "hq": 200, "hct": 404, "hq_limited": 404, "other_officer": 404}
DOWNLOAD |= {"outsider": 404, "admin": 404}
CHANGE = {"officer": 302, "head": 302, "hq": 403, "hct": 404, "hq_limited": 404, "other_officer": 404}
CHANGE |= {"outsider": 404, "admin": 404}


def test_anonymous_is_sent_to_sign_in_everywhere(client, attached):
    for response in (
        client.get(attached.attachment.get_absolute_url()),
        client.get(upload_url(attached.task)),
        client.post(upload_url(attached.task), {"file": upload()}),
        client.post(attached.attachment.get_delete_url()),
    ):
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Attachment.objects.count() == 1


@pytest.mark.parametrize("standing", STANDINGS)
def test_download_of_a_confidential_tasks_file(client, world, attached, standing):
    client.force_login(world.by_role(standing))
    response = client.get(attached.attachment.get_absolute_url())
    assert response.status_code == DOWNLOAD[standing]
    if response.status_code == 200:
        assert b"".join(response.streaming_content) == attached.attachment.file.open("rb").read()
    else:
        assert "Commander meeting" not in response.content.decode()


@pytest.mark.parametrize("standing", STANDINGS)
def test_upload_to_a_confidential_task(client, world, attached, media_root, standing):
    client.force_login(world.by_role(standing))
    page = client.get(upload_url(attached.task))
    assert page.status_code == (200 if CHANGE[standing] == 302 else CHANGE[standing])
    response = client.post(upload_url(attached.task), {"file": upload("Signed note.pdf"), "description": "Signed"})
    assert response.status_code == CHANGE[standing]
    added = Attachment.objects.filter(original_name="Signed note.pdf")
    assert added.exists() == (CHANGE[standing] == 302)
    assert len(stored_files(media_root)) == (2 if CHANGE[standing] == 302 else 1)


@pytest.mark.parametrize("standing", STANDINGS)
def test_delete_from_a_confidential_task(client, world, attached, standing, django_capture_on_commit_callbacks):
    client.force_login(world.by_role(standing))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(attached.attachment.get_delete_url())
    assert response.status_code == CHANGE[standing]
    assert Attachment.objects.exists() == (CHANGE[standing] != 302)


def test_the_download_is_a_private_attachment_never_shown_inline(client, world, attached):
    client.force_login(world.officer)
    response = client.get(attached.attachment.get_absolute_url())
    assert response["Content-Disposition"] == 'attachment; filename="Commander meeting.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert "sandbox" in response["Content-Security-Policy"]


def test_a_non_ascii_name_is_offered_encoded(client, world, attached):
    attached.attachment.original_name = "Procès-verbal ٣.pdf"
    attached.attachment.save()
    client.force_login(world.officer)
    response = client.get(attached.attachment.get_absolute_url())
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''Proc%C3%A8s-verbal")


def test_an_officer_uploads_a_pdf_and_it_is_stored_by_id_with_its_digest(client, world, attached, media_root):
    client.force_login(world.officer)
    response = client.post(
        upload_url(attached.task), {"file": upload("../../Minutes\u202efdp.exe.pdf"), "description": " Minutes "}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{attached.task.get_absolute_url()}#attachments"
    added = Attachment.objects.exclude(pk=attached.attachment.pk).get()
    assert added.original_name == "Minutesfdp.exe.pdf"
    assert added.mime_type == "application/pdf"
    assert added.size == len(PDF)
    assert added.sha256 == hashlib.sha256(PDF).hexdigest()
    assert added.description == "Minutes"
    assert (added.operation, added.record, added.uploaded_by) == (world.operation, attached.task, world.officer)
    assert added.file.name == f"{world.operation.pk}/{added.pk.hex}"  # nothing the uploader wrote
    assert added.history.count() == 1
    page = client.get(attached.task.get_absolute_url())
    assert "Minutesfdp.exe.pdf" in page.text
    assert "attached" in page.text


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("report.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, "program or a script"),
        ("report.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 200, "program or a script"),
        ("page.html", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "markup"),
        ("map.svg", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', "markup"),
        ("blob.bin", bytes(range(256)) * 4, "cannot be attached"),
    ],
)
def test_refused_content_gives_a_clear_error_and_stores_nothing(
    client, world, attached, media_root, name, data, message
):
    client.force_login(world.officer)
    response = client.post(upload_url(attached.task), {"file": upload(name, data)})
    assert response.status_code == 200
    assert message in response.text
    assert "Nothing was saved" in response.text
    assert Attachment.objects.count() == 1
    assert len(stored_files(media_root)) == 1


def test_a_50_mb_file_is_refused_with_a_clear_message_and_nothing_stored(client, world, attached, media_root):
    client.force_login(world.officer)
    big = upload("Scan of the signed agreement.pdf", PDF + b"0" * (50 * 1024 * 1024))
    response = client.post(upload_url(attached.task), {"file": big, "description": "Too big"})
    assert response.status_code == 200
    assert "larger than 20.0" in response.text
    assert "it was not stored" in response.text
    assert Attachment.objects.count() == 1
    assert len(stored_files(media_root)) == 1


def test_the_size_limit_follows_its_setting(client, world, attached, settings):
    settings.ATTACHMENT_MAX_MB = 0.001  # about a kilobyte
    client.force_login(world.officer)
    response = client.post(upload_url(attached.task), {"file": upload("notes.txt", b"x" * 2000, "text/plain")})
    assert response.status_code == 200 and "it was not stored" in response.text
    response = client.post(upload_url(attached.task), {"file": upload("notes.txt", b"x" * 500, "text/plain")})
    assert response.status_code == 302


def test_the_upload_still_needs_its_csrf_token(world, attached):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.officer)
    response = client.post(upload_url(attached.task), {"file": upload()})
    assert response.status_code == 403
    assert Attachment.objects.count() == 1


def test_a_closed_operation_refuses_uploads_and_deletions_but_serves_downloads(client, world, attached):
    world.operation.is_active = False
    world.operation.save()
    client.force_login(world.officer)
    assert client.get(attached.attachment.get_absolute_url()).status_code == 200
    assert client.post(upload_url(attached.task), {"file": upload()}).status_code == 403
    assert client.post(attached.attachment.get_delete_url()).status_code == 403
    assert Attachment.objects.count() == 1


def test_deleting_removes_the_file_from_storage(client, world, attached, media_root, capture_on_commit):
    assert len(stored_files(media_root)) == 1
    client.force_login(world.officer)
    with capture_on_commit(execute=True):
        response = client.post(attached.attachment.get_delete_url())
    assert response.status_code == 302
    assert stored_files(media_root) == []
    assert attached.attachment.history.filter(history_type="-").exists()  # the deletion is in the audit trail


def test_deleting_a_record_deletes_its_attachments_and_their_files(world, attached, media_root, capture_on_commit):
    with capture_on_commit(execute=True):
        attached.task.delete()
    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize(
    "path",
    [
        "/attachments/add/protection_tasks/task/0/",
        "/attachments/add/protection_tasks/task/99999999999999999999/",
        "/attachments/add/protection_tasks/nosuchmodel/1/",
        "/attachments/add/nosuchapp/task/1/",
        "/attachments/add/protection_tasks/timelineentry/1/",  # a model that takes no attachments
        "/attachments/add/operations/countryoperation/1/",
        "/attachments/00000000-0000-0000-0000-000000000000/",
    ],
)
def test_addresses_of_nothing_answer_404(client, world, attached, path):
    client.force_login(world.officer)
    assert client.get(path).status_code == 404
    assert client.post(path).status_code in {404, 405}


def test_the_files_have_no_public_address(attached):
    with pytest.raises(NotImplementedError):
        attached.attachment.file.url  # noqa: B018
    assert reverse("attachments:download", kwargs={"pk": attached.attachment.pk}).startswith("/attachments/")


def test_two_files_in_one_upload_field_are_refused_and_nothing_stored(client, world, attached, media_root):
    client.force_login(world.officer)
    response = client.post(upload_url(attached.task), {"file": [upload("One.pdf"), upload("Two.pdf")]})
    assert response.status_code == 200
    assert "Choose one file here; 2 were sent. Attach the others one at a time." in response.text
    assert Attachment.objects.count() == 1
    assert len(stored_files(media_root)) == 1
