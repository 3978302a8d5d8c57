"""What the files hold: HXL that libhxl reads, the same rows in CSV, XLSX and JSON, inert formulas, labels and
ISO dates."""

import csv
import datetime
import io

import hxl
import pytest
from openpyxl import load_workbook

from cmcoord.exports import get_export
from tests.factories import TaskFactory
from tests.support import UNCLASSIFIED

from .support import EXPORTS, as_in_xlsx, content_of, csv_rows, export_url, json_rows, xlsx_rows

FORMULAS = ['=HYPERLINK("http://x.example","click")', "+1+1", "-2+3", "@SUM(A1)", "\tTabbed", "\rReturned"]


@pytest.fixture
def formula_tasks(world):
    return [
        TaskFactory(operation=world.operation, owner=world.officer, sensitivity=UNCLASSIFIED, title=title)
        for title in FORMULAS
    ]


@pytest.mark.parametrize(("name", "code"), EXPORTS)
def test_every_csv_export_parses_as_hxl(world, export_data, login, name, code):
    content = content_of(login(world.officer).get(export_url(name, "csv", code)))
    rows = list(csv.reader(io.StringIO(content.decode())))
    dataset = hxl.data(io.BytesIO(content))
    assert [column.display_tag for column in dataset.columns] == get_export(name).hashtags() == rows[1]
    assert [row.values for row in dataset] == rows[2:]
    assert rows[2:], "the export holds rows"


@pytest.mark.parametrize(("name", "code"), EXPORTS)
def test_xlsx_and_json_hold_the_csv_rows(world, export_data, formula_tasks, login, name, code):
    client = login(world.officer)
    rows = csv_rows(client.get(export_url(name, "csv", code)))
    assert xlsx_rows(client.get(export_url(name, "xlsx", code))) == as_in_xlsx(rows)
    objects = json_rows(client.get(export_url(name, "json", code)))
    assert [list(item) for item in objects] == [list(get_export(name).keys)] * len(objects)
    assert len(objects) == len(rows) - 2


def test_formula_titles_come_out_inert_in_csv_and_xlsx_and_raw_in_json(world, formula_tasks, login):
    client = login(world.officer)
    csv_titles = {row[3] for row in csv_rows(client.get(export_url("tasks", "csv")))[2:]}
    assert csv_titles == {"'" + title for title in FORMULAS}

    workbook = load_workbook(io.BytesIO(content_of(client.get(export_url("tasks", "xlsx")))))
    cells = [row[3] for row in workbook.worksheets[0].iter_rows(min_row=3)]
    assert {cell.value for cell in cells} == {"'" + title.replace("\r", "\n") for title in FORMULAS}
    assert {cell.data_type for cell in cells} == {"s"}  # text, never a formula ("f")

    assert {item["title"] for item in json_rows(client.get(export_url("tasks", "json")))} == set(FORMULAS)


def test_choices_are_labels_and_dates_iso(world, login):
    TaskFactory(
        operation=world.operation, owner=world.officer, sensitivity=UNCLASSIFIED, title="Dated",
        status="in_progress", urgency=4, start_date=datetime.date(2026, 1, 5), due_date=datetime.date(2026, 11, 21),
    )  # fmt: skip
    client = login(world.officer)
    header, _tags, row = csv_rows(client.get(export_url("tasks", "csv")))
    cell = dict(zip(header, row, strict=True))
    assert (cell["Status"], cell["Urgency"], cell["Sensitivity"]) == ("In progress", "Critical", "Unclassified")
    assert (cell["Start date"], cell["Due date"], cell["Completed on"]) == ("2026-01-05", "2026-11-21", "")
    assert (cell["Country code"], cell["Area"]) == ("CAF", "Analysis")
    [item] = json_rows(client.get(export_url("tasks", "json")))
    assert (item["status"], item["due_date"], item["completed_on"]) == ("In progress", "2026-11-21", None)


def test_files_open_well_in_a_spreadsheet(world, login):
    """CSV in UTF-8 with a byte-order mark (Excel then shows "Yakité", and libhxl still reads the hashtags); XLSX with
    real dates, the header and HXL rows frozen, a filter whose buttons sit on the HXL row (so sorting moves the data
    only) and columns wide enough for their headers."""
    TaskFactory(
        operation=world.operation, owner=world.officer, sensitivity=UNCLASSIFIED, title="Réunion avec M. Yakité",
        due_date=datetime.date(2026, 11, 21),
    )  # fmt: skip
    client = login(world.officer)
    content = content_of(client.get(export_url("tasks", "csv")))
    assert content.startswith(b"\xef\xbb\xbfCountry code,")
    dataset = hxl.data(hxl.input.make_input(io.BytesIO(content)))
    assert [row.get("#activity+title") for row in dataset] == ["Réunion avec M. Yakité"]

    sheet = load_workbook(io.BytesIO(content_of(client.get(export_url("tasks", "xlsx"))))).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    due = sheet.cell(row=3, column=header.index("Due date") + 1)
    assert due.value.date() == datetime.date(2026, 11, 21) and due.number_format == "yyyy-mm-dd"  # a date, not text
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == f"A2:{sheet.cell(row=2, column=len(header)).column_letter}3"
    assert sheet.column_dimensions["D"].width >= len("Title") + 2


def test_text_that_needs_quoting_survives_the_round_trip(world, login):
    awkward = 'Comma, "quotes" and\nnew line — é ✓'
    TaskFactory(operation=world.operation, owner=world.officer, sensitivity=UNCLASSIFIED, title=awkward)
    client = login(world.officer)
    assert csv_rows(client.get(export_url("tasks", "csv")))[2][3] == awkward
    assert xlsx_rows(client.get(export_url("tasks", "xlsx")))[2][3] == awkward
    assert json_rows(client.get(export_url("tasks", "json")))[0]["title"] == awkward


def test_files_are_attachments_not_cached(world, export_data, login):
    client = login(world.officer)
    for fmt, content_type in [("csv", "text/csv"), ("json", "application/json"), ("xlsx", "application/vnd.")]:
        response = client.get(export_url("tasks", fmt))
        assert response["Content-Type"].startswith(content_type)
        assert response["Content-Disposition"].startswith("attachment;")
        assert "CAF-tasks-" in response["Content-Disposition"] and f'.{fmt}"' in response["Content-Disposition"]
        assert "no-store" in response["Cache-Control"]
