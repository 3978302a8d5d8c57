"""The notification export (from the record type's columns): the rows the reader may export under Action.EXPORT,
never a Strictly confidential one, with an HXL row."""

import pytest

from tests.exports.support import csv_rows, export_url
from tests.support import CONFIDENTIAL, STRICTLY_CONFIDENTIAL, UNCLASSIFIED

from .conftest import REFERENCES, TITLES

EXPORT_LEVELS = {"officer": {UNCLASSIFIED, CONFIDENTIAL}, "hct": {UNCLASSIFIED}}


@pytest.mark.parametrize("standing", ["officer", "hct"])
def test_the_csv_carries_what_the_reader_may_export_and_never_a_strictly_confidential_one(
    login, world, level_notifications, standing
):
    response = login(world.by_role(standing)).get(export_url("notifications", "csv"))
    assert response.status_code == 200
    _header, hxl, *rows = csv_rows(response)
    for tag in ("#meta+id", "#country+code+v_iso3", "#date+start", "#date+end", "#adm1+name", "#status"):
        assert tag in hxl
    assert "#meta+sensitivity" in hxl
    reference = hxl.index("#meta+ref")
    assert {row[reference] for row in rows} == {REFERENCES[level] for level in EXPORT_LEVELS[standing]}
    text = "\n".join(",".join(row) for row in rows)
    assert TITLES[STRICTLY_CONFIDENTIAL] not in text and REFERENCES[STRICTLY_CONFIDENTIAL] not in text
    status = hxl.index("#status")
    assert {row[status] for row in rows} == {"Awaiting answers"}  # the status by its label
