"""The cross-country task export: every task the reader may export in every operation they reach, and no other."""

import csv
import io

import hxl
import pytest

from tests.support import STANDINGS

from .support import FORMATS, content_of, csv_rows, export_text, export_url, xlsx_rows

# Which tasks each standing's cross-country export carries: CAF's "Task-<level>-secret" and Mali's "Mali-task"
# (Unclassified), written out by hand from the README's "Who sees what".
CARRIES = {
    "officer": {"Task-U-secret", "Task-C-secret"},
    "head": {"Task-U-secret", "Task-C-secret"},
    "hct": {"Task-U-secret"},
    "hq": {"Task-U-secret", "Mali-task"},  # an HQ reader of every operation: Unclassified only
    "hq_limited": {"Mali-task"},  # an HQ reader of Mali only
    "other_officer": {"Mali-task"},
    "outsider": set(),
    "admin": set(),
}
EVERY_TASK = {"Task-U-secret", "Task-C-secret", "Task-SC-secret", "Mali-task"}


def test_anonymous_is_sent_to_sign_in(client, export_data):
    response = client.get(export_url("all-tasks", "csv", None))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("standing", STANDINGS)
def test_it_carries_exactly_what_the_policy_allows_across_operations(world, export_data, login, standing, fmt):
    response = login(world.by_role(standing)).get(export_url("all-tasks", fmt, None))
    assert response.status_code == 200
    text = export_text(response, fmt)
    for title in EVERY_TASK:
        assert (title in text) == (title in CARRIES[standing]), title


def test_each_row_names_its_operation_and_the_file_is_hxl(world, export_data, login):
    response = login(world.by_role("hq")).get(export_url("all-tasks", "csv", None))
    content = content_of(response)
    rows = list(csv.reader(io.StringIO(content.decode())))
    assert {(row[0], row[1], row[3]) for row in rows[2:]} == {
        ("CAF", world.operation.name, "Task-U-secret"),
        ("MLI", world.other_operation.name, "Mali-task"),
    }
    dataset = hxl.data(io.BytesIO(content))
    assert {row.get("#country+code") for row in dataset} == {"CAF", "MLI"}


def test_the_list_filters_apply_and_xlsx_holds_the_same_rows(world, export_data, login):
    client = login(world.by_role("hq"))
    filtered = csv_rows(client.get(export_url("all-tasks", "csv", None) + "?operation=MLI"))
    assert [row[3] for row in filtered[2:]] == ["Mali-task"]
    assert xlsx_rows(client.get(export_url("all-tasks", "xlsx", None))) == csv_rows(
        client.get(export_url("all-tasks", "csv", None))
    )


def test_a_refused_filter_gives_no_rows_not_an_error(world, export_data, login):
    response = login(world.by_role("hq")).get(export_url("all-tasks", "csv", None) + "?status=nonsense&due_before=x")
    assert response.status_code == 200
    assert len(csv_rows(response)) == 2  # the header and the HXL row
