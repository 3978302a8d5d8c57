"""The panel on the task page: what each reader sees, in a fixed number of queries, and never in an export."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import AttachmentFactory, TaskFactory
from tests.support import UNCLASSIFIED, section


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_editors_see_the_files_the_form_and_delete_buttons(client, world, attached):
    client.force_login(world.officer)
    html = client.get(attached.task.get_absolute_url()).text
    panel = section(html, "attachments")
    assert "Commander meeting.pdf" in panel
    assert attached.attachment.get_absolute_url() in panel
    assert 'enctype="multipart/form-data"' in panel
    assert attached.attachment.get_delete_url() in panel


def test_hq_reads_the_files_without_form_or_delete(client, world, attached):
    client.force_login(world.hq)
    panel = section(client.get(attached.task.get_absolute_url()).text, "attachments")
    assert "Commander meeting.pdf" in panel
    assert "multipart/form-data" not in panel
    assert attached.attachment.get_delete_url() not in panel


def test_the_panel_reads_fifty_files_in_the_queries_one_takes(client, world, attached, django_assert_max_num_queries):
    client.force_login(world.officer)
    url = attached.task.get_absolute_url()
    _queries(client, url)  # warm the content type cache
    one = _queries(client, url)
    for _ in range(49):
        AttachmentFactory(record=attached.task, uploaded_by=world.head)
    with django_assert_max_num_queries(one):
        response = client.get(url)
    assert section(response.text, "attachments").count('data-testid="attachment-link"') == 50


def test_an_export_of_a_task_with_a_file_names_no_file(client, world):
    task = TaskFactory(operation=world.operation, owner=world.officer, sensitivity=UNCLASSIFIED, title="Exported")
    AttachmentFactory(record=task, uploaded_by=world.officer, original_name="Secret-annex-name.pdf")
    client.force_login(world.officer)
    for fmt in ("csv", "json"):
        response = client.get(f"/operations/CAF/exports/tasks/{fmt}/")
        assert response.status_code == 200
        body = b"".join(response.streaming_content).decode()
        assert "Exported" in body
        assert "Secret-annex-name" not in body and "/attachments/" not in body
        if fmt == "json":
            assert not any("attach" in key for row in json.loads(body) for key in row)


@pytest.mark.parametrize("standing", ["hct", "other_officer"])
def test_strangers_to_the_task_see_no_panel(client, world, attached, standing):
    client.force_login(world.by_role(standing))
    response = client.get(attached.task.get_absolute_url())
    assert response.status_code == 404
    assert "Commander meeting" not in response.content.decode()
