"""Cells a spreadsheet would run as a formula come out inert (prefixed with ``'``) in CSV and XLSX, raw in JSON.

One case per way a formula hides: blanks a spreadsheet skips before ``=`` (a space, a line feed, a no-break space),
the full-width signs an East Asian input method types, and ``|`` and ``;``. The page's CSV comes from PostgreSQL's
``COPY`` in CI and from the portable path elsewhere: the rule is one SQL expression, so both neutralise alike
(``test_copy_path`` compares their bytes on these same titles).
"""

import io

import pytest
from openpyxl import load_workbook

from cmcoord.exports.registry import neutralise_cell
from tests.factories import TaskFactory
from tests.support import UNCLASSIFIED

from .support import HIDDEN_FORMULAS, content_of, csv_rows, export_url, json_rows

# Text that only looks odd: no spreadsheet runs it, and it must come out exactly as written.
INNOCENT = {"plain": "Convoy to Bambari", "spaces around": "  spaces around  ", "inner =": "a=b", "quote": "'quoted"}


def task_with_title(world, title):
    return TaskFactory(operation=world.operation, owner=world.officer, sensitivity=UNCLASSIFIED, title=title)


@pytest.mark.parametrize("title", HIDDEN_FORMULAS.values(), ids=HIDDEN_FORMULAS.keys())
def test_a_hidden_formula_comes_out_inert_in_csv_and_xlsx_and_raw_in_json(world, login, title):
    task_with_title(world, title)
    client = login(world.officer)
    assert csv_rows(client.get(export_url("tasks", "csv")))[2][3] == "'" + title
    workbook = load_workbook(io.BytesIO(content_of(client.get(export_url("tasks", "xlsx")))))
    cell = next(workbook.worksheets[0].iter_rows(min_row=3))[3]
    assert (cell.value, cell.data_type) == ("'" + title, "s")  # text, never a formula ("f")
    assert json_rows(client.get(export_url("tasks", "json")))[0]["title"] == title


@pytest.mark.parametrize("title", INNOCENT.values(), ids=INNOCENT.keys())
def test_text_no_spreadsheet_runs_comes_out_as_written(world, login, title):
    task_with_title(world, title)
    client = login(world.officer)
    assert csv_rows(client.get(export_url("tasks", "csv")))[2][3] == title
    assert json_rows(client.get(export_url("tasks", "json")))[0]["title"] == title


@pytest.mark.parametrize(
    ("title", "inert"),
    [*((title, True) for title in HIDDEN_FORMULAS.values()), *((title, False) for title in INNOCENT.values())],
)
def test_the_xlsx_writers_last_guard_applies_the_rule_of_the_sql(title, inert):
    assert neutralise_cell(title) == ("'" + title if inert else title)
