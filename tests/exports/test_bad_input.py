"""Bad input never answers 5xx: unknown exports and formats are 404, filters behave as on the list."""

import pytest
from django.urls import reverse

from .support import content_of, csv_rows, export_url


@pytest.mark.parametrize(
    "path",
    [
        "/operations/CAF/exports/tasks/xls/",
        "/operations/CAF/exports/tasks/CSV/",
        "/operations/CAF/exports/nothing/csv/",
        "/operations/CAF/exports/missions/csv/",  # a cross-country export is not an operation's
        "/exports/tasks/csv/",  # an operation's export is not cross-country
        "/exports/nothing/json/",
        "/operations/XXX/exports/tasks/csv/",
        "/exports/files/00000000-0000-0000-0000-000000000000/",
        "/exports/files/00000000-0000-0000-0000-000000000000/download/",
    ],
)
def test_unknown_exports_formats_and_files_are_404(world, export_data, login, path):
    assert login(world.officer).get(path).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "status=bogus",
        "due_after=not-a-date",
        "due_before=2026-13-45",
        "activity=999999",
        "activity=abc",
        "owner=-1",
        "area=ZZ",
        "protection_priority=999999",
        "sort=nonsense",
        "overdue=maybe",
    ],
)
def test_bad_filter_values_give_what_the_list_gives(world, export_data, login, query):
    client = login(world.officer)
    listed = client.get(reverse("protection_tasks:task-list", kwargs={"code": "CAF"}) + "?" + query)
    assert listed.status_code == 200
    response = client.get(export_url("tasks", "csv") + "?" + query)
    assert response.status_code == 200
    rows = csv_rows(response)[2:]
    assert len(rows) == listed.context["paginator"].count
    for fmt in ("xlsx", "json"):
        assert login(world.officer).get(export_url("tasks", fmt) + "?" + query).status_code == 200


@pytest.mark.parametrize("query", ["q=%00", "activity=" + "9" * 40, "q=" + "x" * 3000])
def test_unusable_parameters_answer_400(world, export_data, login, query):
    assert login(world.officer).get(export_url("tasks", "csv") + "?" + query).status_code == 400


@pytest.mark.parametrize("query", ["stance=bogus", "influence=9", "party_to_conflict=perhaps", "category=x"])
def test_bad_actor_filters_are_not_errors(world, export_data, login, query):
    response = login(world.officer).get(export_url("actors", "csv") + "?" + query)
    assert response.status_code == 200
    content_of(response)


def test_export_pages_refuse_writes(world, login):
    assert login(world.officer).post(export_url("tasks", "csv")).status_code == 405
