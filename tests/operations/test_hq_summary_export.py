"""The HQ summary export: the dashboard's matrix as rows (CSV with HXL, XLSX, JSON), for the dashboard's filters,
with the dashboard's numbers (counted as it counts them, with how many the reader cannot open) and a row for every
operation and area, gaps included; numbers only, never a record's content."""

import csv
import io

import hxl
import pytest
from django.urls import reverse

from cmcoord.exports import get_export
from cmcoord.exports.models import ExportLog
from tests.exports.support import as_in_xlsx, content_of, csv_rows, export_url, json_rows, xlsx_rows

from .hq_support import CONFIDENTIAL_TITLE, SECRET_TITLE, URL, last_30_days

CSV = export_url("hq-summary", "csv", code=None)

# Columns of a row: country code, operation, region code, region, area code, area, then each number and how many of
# it the reader cannot open: open, open restricted, overdue, overdue restricted, completed, completed restricted.
NUMBERS = slice(6, 12)


def by_cell(rows):
    """{(country code, area code): (open, open restricted, overdue, …)} of a CSV's data rows."""
    return {(row[0], row[4]): tuple(int(cell) for cell in row[NUMBERS]) for row in rows[2:]}


def dashboard_cells(user, query):
    """The same numbers as the HQ dashboard's matrix computes them for ``query`` (its filters)."""
    from cmcoord.operations.crosscountry import CrossCountryFilterForm, crosscountry_scope
    from protection_tasks.crosscountry import area_matrix

    form = CrossCountryFilterForm(query)
    assert form.is_valid()
    scope = crosscountry_scope(user, form)
    matrix = area_matrix(user, scope.operations, scope.start, scope.end)
    return {
        (row.operation.code, cell.area.code): (
            cell.open.total, cell.open.restricted, cell.overdue.total, cell.overdue.restricted,
            cell.completed.total, cell.completed.restricted,
        )
        for row in matrix.rows
        for cell in row.cells
    }  # fmt: skip


def test_the_dashboard_offers_the_export_with_its_own_filters(world, crosscountry_tasks, login):
    response = login(world.hq).get(URL, {**last_30_days(), "region": "ROWCA"})
    menu = response.text.split('data-testid="export-menu"')[1].split("</div>")[0]
    assert f"{CSV}?" in menu and "region=ROWCA" in menu and "period=custom" in menu


def test_csv_parses_as_hxl(world, crosscountry_tasks, login):
    content = content_of(login(world.hq).get(CSV, last_30_days()))
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    dataset = hxl.data(io.BytesIO(content))
    assert [column.display_tag for column in dataset.columns] == get_export("hq-summary").hashtags() == rows[1]
    assert [row.values for row in dataset] == rows[2:]
    assert "#country+code+v_iso3" in rows[1] and "#region+name" in rows[1] and "#activity+type+name" in rows[1]


FILTER_SETS = [
    last_30_days(),
    {**last_30_days(), "region": "ROWCA"},
    {"period": "custom", "date_from": "2000-01-01", "date_to": "2100-12-31"},
]


@pytest.mark.parametrize("standing", ["hq", "hq_limited", "officer", "hct"])
@pytest.mark.parametrize("query", FILTER_SETS, ids=["30 days", "a region", "all time"])
def test_the_file_carries_the_dashboard_s_numbers_zeros_included(world, crosscountry_tasks, login, standing, query):
    user = world.by_role(standing)
    response = login(user).get(CSV, query)
    assert response.status_code == 200
    content = content_of(response).decode("utf-8-sig")
    cells = by_cell(list(csv.reader(io.StringIO(content))))
    assert cells == dashboard_cells(user, query)
    assert len(cells) == len({code for code, _area in cells}) * 5  # every area of every operation, gaps included
    assert SECRET_TITLE not in content and CONFIDENTIAL_TITLE not in content  # numbers, never a record's content
    if standing == "hq_limited":
        assert "CAF" not in content and "Central African Republic" not in content


def test_the_file_says_how_many_the_reader_cannot_open(world, crosscountry_tasks, login):
    """HQ counts CAF's three open Analysis tasks, as the dashboard does; it cannot open the Strictly confidential."""
    cells = by_cell(csv_rows(login(world.hq).get(CSV, last_30_days())))
    assert cells[("CAF", "AN")][:2] == (3, 1)
    assert cells[("CAF", "CB")] == (0, 0, 0, 0, 0, 0)  # a gap is a row of zeros
    assert by_cell(csv_rows(login(world.outsider).get(CSV, last_30_days()))) == {}


def test_filters_narrow_the_rows_and_bad_filters_give_none(world, crosscountry_tasks, login):
    client = login(world.hq)
    assert by_cell(csv_rows(client.get(CSV, {**last_30_days(), "region": "ROMENA"}))) == {}
    assert by_cell(csv_rows(client.get(CSV, {"period": "custom", "date_from": "2026-13-01"}))) == {}


def test_xlsx_and_json_hold_the_csv_rows_and_every_export_is_logged(world, crosscountry_tasks, login):
    client = login(world.hq)
    rows = csv_rows(client.get(CSV, last_30_days()))
    assert xlsx_rows(client.get(export_url("hq-summary", "xlsx", code=None), last_30_days())) == as_in_xlsx(rows)
    objects = json_rows(client.get(export_url("hq-summary", "json", code=None), last_30_days()))
    assert [(item["country_code"], item["area_code"], item["open"]) for item in objects] == [
        (row[0], row[4], int(row[6])) for row in rows[2:]
    ]
    logs = ExportLog.objects.filter(user=world.hq, export_name="hq-summary")
    assert sorted(logs.values_list("format", flat=True)) == ["csv", "json", "xlsx"]
    assert logs.get(format="csv").filters["period"] == ["custom"]


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(CSV)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_dashboard_and_my_tasks_link_hq_to_every_task_across_operations(world, crosscountry_tasks, login):
    """The cross-country task export, without the dashboard's filters (they are not the task list's)."""
    from tests.support import section

    client = login(world.hq)
    for page in (client.get(URL, {**last_30_days(), "region": "ROWCA"}), client.get(reverse("my-tasks"))):
        links = section(page.text, "all-tasks-export")
        assert export_url("all-tasks", "csv", None) + '"' in links and "region=" not in links
    assert 'data-testid="all-tasks-export"' not in login(world.officer).get(reverse("my-tasks")).text
