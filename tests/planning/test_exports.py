"""The exports of planning documents and MCDA requests follow Action.EXPORT: officers up to Confidential, HQ and HCT
Unclassified only, Strictly confidential never; the CSV carries its HXL row."""

import pytest

from tests.exports.support import csv_rows, export_url
from tests.support import CONFIDENTIAL, STRICTLY_CONFIDENTIAL, UNCLASSIFIED

from .conftest import DOCUMENT_TITLES, MCDA_TITLES

EXPORT_LEVELS = {"officer": {UNCLASSIFIED, CONFIDENTIAL}, "hq": {UNCLASSIFIED}, "hct": {UNCLASSIFIED}}


def export_csv(client, name, **params):
    response = client.get(export_url(name, "csv"), params)
    assert response.status_code == 200
    header, hxl, *rows = csv_rows(response)
    return dict(zip(header, hxl, strict=True)), [dict(zip(header, row, strict=True)) for row in rows]


@pytest.mark.parametrize("standing", sorted(EXPORT_LEVELS))
def test_document_csv_carries_what_the_reader_may_export(world, login, level_documents, standing):
    hxl, rows = export_csv(login(world.by_role(standing)), "planning-documents")
    assert {row["Title"] for row in rows} == {DOCUMENT_TITLES[level] for level in EXPORT_LEVELS[standing]}
    assert DOCUMENT_TITLES[STRICTLY_CONFIDENTIAL] not in {row["Title"] for row in rows}
    assert hxl["Identifier"] == "#meta+id" and hxl["Country code"] == "#country+code+v_iso3"
    assert hxl["Status"] == "#status" and hxl["Sensitivity"] == "#meta+sensitivity"
    assert {row["Status"] for row in rows} == {"In force"} and {row["Country code"] for row in rows} == {"CAF"}


@pytest.mark.parametrize("standing", sorted(EXPORT_LEVELS))
def test_mcda_csv_carries_what_the_reader_may_export(world, login, level_requests, standing):
    hxl, rows = export_csv(login(world.by_role(standing)), "mcda-requests")
    assert {row["Requested"] for row in rows} == {MCDA_TITLES[level] for level in EXPORT_LEVELS[standing]}
    assert MCDA_TITLES[STRICTLY_CONFIDENTIAL] not in {row["Requested"] for row in rows}
    assert hxl["Decision"].startswith("#status") and hxl["Requested on"].startswith("#date")
    assert {(row["Decision"], row["Decided on"]) for row in rows} == {("Approved", "2026-01-10")}
    # The task served is left out: a restricted record's name would need its own check.
    assert not any(row.startswith("Task") for row in hxl)


def test_the_exports_honour_the_list_filters(world, login, level_documents, level_requests):
    client = login(world.officer)
    _hxl, rows = export_csv(client, "planning-documents", q="Ouham")
    assert [row["Title"] for row in rows] == [DOCUMENT_TITLES[CONFIDENTIAL]]
    _hxl, rows = export_csv(client, "mcda-requests", decision="pending")
    assert rows == []
