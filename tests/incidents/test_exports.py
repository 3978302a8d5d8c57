"""Exports of incidents and trainings follow Action.EXPORT: officers up to Confidential, HQ and HCT Unclassified
only, Strictly confidential never; a responsible actor's name only where the reader may export the actor too."""

import json

import pytest
from django.urls import reverse

from tests.factories import AccessIncidentFactory, ActorFactory, TrainingFactory
from tests.support import CONFIDENTIAL, STRICTLY_CONFIDENTIAL, UNCLASSIFIED

from .conftest import TITLES

EXPORT_LEVELS = {"officer": {UNCLASSIFIED, CONFIDENTIAL}, "hq": {UNCLASSIFIED}, "hct": {UNCLASSIFIED}}


def export(client, name, fmt="json", **params):
    response = client.get(reverse("operation_exports:export", kwargs={"code": "CAF", "name": name, "fmt": fmt}), params)
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("standing", ["officer", "hq", "hct"])
def test_incident_export_carries_what_the_standing_may_export(world, login, level_incidents, standing):
    secret_actor = ActorFactory(operation=world.operation, name="Ndele Shadow Brigade", sensitivity=CONFIDENTIAL)
    level_incidents[UNCLASSIFIED].actor = secret_actor
    level_incidents[UNCLASSIFIED].save()
    rows = json.loads(export(login(world.by_role(standing)), "access-incidents"))
    assert {row["title"] for row in rows} == {TITLES[level] for level in EXPORT_LEVELS[standing]}
    public = next(row for row in rows if row["title"] == TITLES[UNCLASSIFIED])
    assert public["actor"] == ("Ndele Shadow Brigade" if standing == "officer" else None)
    assert public["category"] == "Restriction of movement within the country"


def test_incident_csv_has_an_hxl_row_and_honours_the_list_filters(world, login, level_incidents):
    AccessIncidentFactory(operation=world.operation, title="Landmine on the Bouar road", category="explosive_hazards")
    lines = export(login(world.officer), "access-incidents", "csv", category="explosive_hazards").decode().splitlines()
    assert "#event+name" in lines[1] and "#adm1+code" in lines[1]
    assert len(lines) == 3 and "Landmine on the Bouar road" in lines[2]


def test_training_export_never_carries_strictly_confidential_ones(world, login):
    for level in (UNCLASSIFIED, CONFIDENTIAL, STRICTLY_CONFIDENTIAL):
        TrainingFactory(operation=world.operation, title=f"Training at level {level}", sensitivity=level)
    rows = json.loads(export(login(world.officer), "trainings"))
    assert sorted(row["title"] for row in rows) == ["Training at level 1", "Training at level 2"]
    assert rows[0]["female"] == 5 and rows[0]["male"] == 7
