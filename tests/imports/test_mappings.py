"""Headers no column knows, mapped by the user once on the preview and saved for the operation: who may save a
mapping, the preview run again with it, the next file matched by it, and the page's query budget."""

import pytest
from django.urls import reverse

from cmcoord.imports import services
from cmcoord.imports.models import HeaderMapping
from protection_tasks.models import Task
from tests.imports.conftest import csv_bytes

ROWS = [
    ["Headline", "Activity code", "Due date", "Notes of the sub-office"],
    ["Liaison visit", "AN-1", "2026-12-01", "x"],
]


def a_batch(world, rows=ROWS, user=None, operation=None):
    return services.start_batch(
        user=user or world.officer,
        operation=operation or world.operation,
        kind="tasks",
        file_name="tasks.csv",
        data=csv_bytes(rows),
    )


def columns_url(batch):
    return reverse("imports:batch-columns", kwargs={"code": batch.operation.code, "pk": batch.pk})


def test_an_unknown_header_is_offered_the_importers_columns_and_the_choice_reruns_the_preview(world, client):
    batch = a_batch(world)
    client.force_login(world.officer)
    page = client.get(batch.get_absolute_url())
    text = page.content.decode()
    assert "“Headline”" in text and 'data-testid="column-mapping"' in text
    assert "0 new" in text and "1 with errors" in text  # no title: the row cannot be imported yet
    assert '<option value="title">Title</option>' in text
    assert '<option value="activity_code">' not in text  # already matched by "Activity code"
    response = client.post(columns_url(batch), {"header_0": "title", "header_3": "-"})
    assert response.status_code == 302 and response.url == batch.get_absolute_url()
    saved = {m.header_key: (m.header, m.column, m.user) for m in HeaderMapping.objects.all()}
    assert saved == {
        "headline": ("Headline", "title", world.officer),
        "notes of the sub office": ("Notes of the sub-office", "", world.officer),
    }
    page = client.get(response.url).content.decode()
    assert "1 new" in page and "0 with errors" in page
    assert 'data-testid="saved-mappings"' in page and "“Headline”</span> → Title" in page
    assert "→ not imported" in page
    assert 'data-testid="unknown-columns"' not in page
    assert not Task.objects.exists()
    assert client.post(batch.get_absolute_url(), {"mode": "all"}).status_code == 302
    assert Task.objects.get().title == "Liaison visit"


def test_the_next_file_with_that_header_is_matched_by_the_saved_mapping(world, client):
    client.force_login(world.officer)
    client.post(columns_url(a_batch(world)), {"header_0": "title"})
    # Another file, another officer's upload, the header in other case and with an accent: matched at once.
    second = a_batch(world, [["HEADLÏNE", "Activity code"], ["Brief the commanders", "DI-1"]], user=world.head)
    result = services.preview(second, world.head)
    assert result.unknown == [] and [c.key for c in result.mapped.values()] == ["title"]
    assert result.counts["new"] == 1
    client.force_login(world.head)
    page = client.get(second.get_absolute_url()).content.decode()
    assert "“HEADLÏNE”</span> → Title" in page and "1 new" in page
    # A saved mapping belongs to its operation: the same header in Mali is unknown.
    rows = [["Headline", "Activity code"], ["Patrol", "AN-1"]]
    mali = a_batch(world, rows, world.other_officer, world.other_operation)
    assert services.preview(mali, world.other_officer).unknown == ["Headline"]


def test_a_saved_mapping_can_be_changed_or_forgotten(world, client):
    client.force_login(world.officer)
    batch = a_batch(world)
    client.post(columns_url(batch), {"header_0": "title"})
    client.post(columns_url(batch), {"header_0": "description"})
    assert HeaderMapping.objects.get().column == "description"
    client.post(columns_url(batch), {"header_0": ""})
    assert not HeaderMapping.objects.exists()
    assert services.preview(batch, world.officer).unknown == ["Headline", "Notes of the sub-office"]


def test_two_headers_for_one_column_are_refused_and_say_why(world, client):
    client.force_login(world.officer)
    batch = a_batch(world)
    response = client.post(columns_url(batch), {"header_0": "title", "header_3": "title"})
    assert response.status_code == 400
    assert "cannot both be the column Title" in response.content.decode()
    assert not HeaderMapping.objects.exists()


@pytest.mark.parametrize(
    "data",
    [{"header_0": "no_such_column"}, {"header_0": "title\x00"}, {"header_99": "title", "date_order": "ymd"}, {}],
)
def test_odd_choices_never_give_a_server_error(world, client, data):
    client.force_login(world.officer)
    batch = a_batch(world)
    response = client.post(columns_url(batch), data)
    assert response.status_code in {302, 400}
    assert not HeaderMapping.objects.filter(column="no_such_column").exists()
    assert not HeaderMapping.objects.filter(header_key="").exists()


# role -> status of the mapping's POST on a CAF batch
MATRIX = {
    "anonymous": 302,
    "officer": 302,
    "head": 302,
    "hct": 403,
    "hq": 403,
    "hq_limited": 404,
    "other_officer": 404,
    "outsider": 404,
    "admin": 404,
}


@pytest.mark.parametrize("role", MATRIX)
def test_only_who_may_import_in_the_operation_saves_a_mapping(world, client, role):
    batch = a_batch(world)
    if role != "anonymous":
        client.force_login(world.by_role(role))
    response = client.post(columns_url(batch), {"header_0": "title"})
    assert response.status_code == MATRIX[role]
    if role == "anonymous":
        assert "/accounts/login/" in response.url or "login" in response.url
    assert HeaderMapping.objects.exists() == (role in {"officer", "head"})
    if role in {"officer", "head"}:
        assert client.get(batch.get_absolute_url()).status_code == 200


def test_a_batch_of_another_operation_is_not_found_through_this_one(world, client):
    mali = a_batch(world, ROWS, world.other_officer, world.other_operation)
    client.force_login(world.officer)
    url = reverse("imports:batch-columns", kwargs={"code": world.operation.code, "pk": mali.pk})
    assert client.post(url, {"header_0": "title"}).status_code == 404
    assert not HeaderMapping.objects.exists()


def test_the_mapping_preview_keeps_to_its_query_budget(world, client, django_assert_max_num_queries):
    rows = [["Headline", "Activity code", "Due date", "Remarks"]]
    rows += [[f"Task {n}", "AN-1", "2026-12-01", "r"] for n in range(50)]
    batch = a_batch(world, rows)
    client.force_login(world.officer)
    client.post(columns_url(batch), {"header_0": "title"})
    # As the preview without mappings: about 11 queries a row (the task form's checks), one more for the mappings.
    with django_assert_max_num_queries(50 * 11 + 40):
        response = client.get(batch.get_absolute_url())
    assert b"50 new" in response.content and b"Remarks" in response.content
