"""The HQ summary export: the dashboard's matrix as rows (CSV with HXL, XLSX, JSON), for the dashboard's filters,
counted under ``Action.EXPORT`` (Unclassified only for HQ readers, never Strictly confidential)."""

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

# Columns of a row: country code, operation, region code, region, area code, area, open, overdue, completed, …
OPEN, OVERDUE, COMPLETED = 6, 7, 8
MALI = {("MLI", "AN"): (1, 0, 0), ("MLI", "CB"): (0, 0, 1)}


def by_cell(rows):
    """{(country code, area code): (open, overdue, completed)} of a CSV's data rows."""
    return {(row[0], row[4]): (int(row[OPEN]), int(row[OVERDUE]), int(row[COMPLETED])) for row in rows[2:]}


def test_the_dashboard_offers_the_export_with_its_own_filters(world, crosscountry_tasks, login):
    response = login(world.hq).get(URL, {**last_30_days(), "region": "ROWCA"})
    menu = response.text.split('data-testid="export-menu"')[1].split("</div>")[0]
    assert f"{CSV}?" in menu and "region=ROWCA" in menu and "period=custom" in menu


def test_csv_parses_as_hxl(world, crosscountry_tasks, login):
    content = content_of(login(world.hq).get(CSV, last_30_days()))
    rows = list(csv.reader(io.StringIO(content.decode())))
    dataset = hxl.data(io.BytesIO(content))
    assert [column.display_tag for column in dataset.columns] == get_export("hq-summary").hashtags() == rows[1]
    assert [row.values for row in dataset] == rows[2:]
    assert "#country+code+v_iso3" in rows[1] and "#region+name" in rows[1] and "#activity+type+name" in rows[1]


@pytest.mark.parametrize(
    ("standing", "expected"),
    [
        # HQ exports Unclassified only: of CAF's three open Analysis tasks, one; no overdue one.
        ("hq", {("CAF", "AN"): (1, 0, 0), ("CAF", "DI"): (0, 0, 1), **MALI}),
        ("hq_limited", MALI),
        # Officers export up to Confidential: the on-hold Confidential task is open and overdue; never the other.
        ("officer", {("CAF", "AN"): (2, 1, 0), ("CAF", "DI"): (0, 0, 1)}),
        ("hct", {("CAF", "AN"): (1, 0, 0), ("CAF", "DI"): (0, 0, 1)}),
        ("outsider", {}),
    ],
)
def test_rows_count_only_exportable_tasks_of_the_readers_operations(
    world, crosscountry_tasks, login, standing, expected
):
    response = login(world.by_role(standing)).get(CSV, last_30_days())
    assert response.status_code == 200
    content = content_of(response).decode()
    assert by_cell(list(csv.reader(io.StringIO(content)))) == expected
    assert SECRET_TITLE not in content and CONFIDENTIAL_TITLE not in content
    if standing == "hq_limited":
        assert "CAF" not in content and "Central African Republic" not in content


def test_filters_narrow_the_rows_and_bad_filters_give_none(world, crosscountry_tasks, login):
    client = login(world.hq)
    wide = {"period": "custom", "date_from": "2000-01-01", "date_to": "2100-12-31"}
    assert by_cell(csv_rows(client.get(CSV, wide)))[("CAF", "CB")] == (0, 0, 1)
    assert ("CAF", "CB") not in by_cell(csv_rows(client.get(CSV, last_30_days())))
    assert by_cell(csv_rows(client.get(CSV, {**last_30_days(), "region": "ROMENA"}))) == {}
    assert by_cell(csv_rows(client.get(CSV, {"period": "custom", "date_from": "2026-13-01"}))) == {}


def test_xlsx_and_json_hold_the_csv_rows_and_every_export_is_logged(world, crosscountry_tasks, login):
    client = login(world.hq)
    rows = csv_rows(client.get(CSV, last_30_days()))
    assert xlsx_rows(client.get(export_url("hq-summary", "xlsx", code=None), last_30_days())) == as_in_xlsx(rows)
    objects = json_rows(client.get(export_url("hq-summary", "json", code=None), last_30_days()))
    assert [(item["country_code"], item["area_code"], item["open"]) for item in objects] == [
        (row[0], row[4], int(row[OPEN])) for row in rows[2:]
    ]
    logs = ExportLog.objects.filter(user=world.hq, export_name="hq-summary")
    assert sorted(logs.values_list("format", flat=True)) == ["csv", "json", "xlsx"]
    assert logs.get(format="csv").filters["period"] == ["custom"]


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(CSV)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
