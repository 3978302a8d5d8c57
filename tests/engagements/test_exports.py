"""The exports of engagements and key messages follow Action.EXPORT: officers up to Confidential, HQ and HCT
Unclassified only, Strictly confidential never; each CSV carries its HXL row."""

from datetime import UTC

import pytest

from tests.exports.support import csv_rows, export_url
from tests.support import CONFIDENTIAL, STRICTLY_CONFIDENTIAL, UNCLASSIFIED

from .conftest import SUMMARIES, TITLES

EXPORT_LEVELS = {"officer": {UNCLASSIFIED, CONFIDENTIAL}, "hq": {UNCLASSIFIED}, "hct": {UNCLASSIFIED}}


def _export(client, name):
    response = client.get(export_url(name, "csv"))
    assert response.status_code == 200
    _header, hxl, *rows = csv_rows(response)
    return [dict(zip(hxl, row, strict=True)) for row in rows]


@pytest.mark.parametrize("standing", sorted(EXPORT_LEVELS))
def test_engagement_csv_carries_what_the_reader_may_export(world, login, level_engagements, standing):
    level_engagements[UNCLASSIFIED].topics = ",access,psea,"
    level_engagements[UNCLASSIFIED].save()
    rows = _export(login(world.by_role(standing)), "engagements")
    assert sorted(row["#description+summary"] for row in rows) == sorted(
        SUMMARIES[level] for level in EXPORT_LEVELS[standing]
    )
    assert SUMMARIES[STRICTLY_CONFIDENTIAL] not in str(rows)
    public = next(row for row in rows if row["#description+summary"] == SUMMARIES[UNCLASSIFIED])
    engagement = level_engagements[UNCLASSIFIED]
    assert public["#meta+id"] == str(engagement.pk) and public["#country+code+v_iso3"] == "CAF"
    assert public["#date"] == engagement.occurred_at.astimezone(UTC).date().isoformat()
    assert public["#event+topics"] == "access, psea"
    assert public["#meta+sensitivity"] == "Unclassified"


@pytest.mark.parametrize("standing", sorted(EXPORT_LEVELS))
def test_key_message_csv_carries_what_the_reader_may_export(world, login, level_messages, standing):
    rows = _export(login(world.by_role(standing)), "key-messages")
    assert sorted(row["#output+title"] for row in rows) == sorted(TITLES[level] for level in EXPORT_LEVELS[standing])
    assert TITLES[STRICTLY_CONFIDENTIAL] not in str(rows)
    assert {row["#status"] for row in rows} == {"Agreed"}
