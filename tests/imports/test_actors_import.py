"""Actors from an office's own list: aliases, areas by P-code or by name against the gazetteer, armed actors
Confidential by default, found again by identifier or name; the export re-imports unchanged."""

from django.core.management import call_command

from actors.models import Actor
from cmcoord.core.choices import Sensitivity
from cmcoord.imports import services
from tests.factories import ActorFactory
from tests.imports.conftest import csv_bytes, xlsx_bytes

HEADERS = ["Name", "Acronym", "Category", "Type", "Areas", "Aliases", "Party to the conflict"]


def start(world, data, name="actors.xlsx"):
    return services.start_batch(user=world.officer, operation=world.operation, kind="actors", file_name=name, data=data)


def test_an_office_list_with_aliases_areas_by_name_and_armed_actors_confidential(world, gazetteer):
    data = xlsx_bytes(
        [
            HEADERS,
            [
                *("Front populaire de la Ouaka", "FPO", "Non-state armed group", "Rebel group"),
                *("Ouaka, CF32", "Les Ouakois, FP-Ouaka", "Yes"),
            ],
            ["Comité des sages de Bambari", "", "Domestic civilian", "nsag", "CF71", "", "No"],
            ["Garde de nulle part", "", "Non-state armed group", "Rebel group", "Atlantis", "", "Perhaps"],
        ]
    )
    batch = start(world, data)
    preview = services.preview(batch, world.officer)
    errors = {row.number: row.errors for row in preview.rows}
    assert preview.counts["new"] == 1 and preview.counts["error"] == 2
    assert [column for column, _m in errors[3]] == ["Type"]  # "nsag" is a category, not a type
    assert sorted(column for column, _m in errors[4]) == ["Areas", "Party to the conflict"]

    services.run_import(batch, world.officer)
    actor = Actor.objects.get()
    assert actor.sensitivity == Sensitivity.CONFIDENTIAL  # armed: Confidential unless the file says otherwise
    assert actor.area_list == ["CF71", "CF32"]
    assert actor.alias_list == ["Les Ouakois", "FP-Ouaka"]
    assert actor.party_to_conflict and actor.acronym == "FPO"


def test_reimport_finds_actors_by_name_and_never_duplicates(world):
    actor = ActorFactory(operation=world.operation, name="Comité des sages", sensitivity=Sensitivity.UNCLASSIFIED)
    data = csv_bytes([["Name", "Acronym"], ["comite des sages", "CDS"]], delimiter=";", encoding="cp1252")
    batch = start(world, data, "actors.csv")
    preview = services.preview(batch, world.officer)
    assert preview.counts["update"] == 1 and preview.rows[0].changes == ["acronym"]
    services.run_import(batch, world.officer)
    actor.refresh_from_db()
    assert (actor.acronym, Actor.objects.count()) == ("CDS", 1)
    services.undo_batch(batch, world.officer)
    actor.refresh_from_db()
    assert actor.acronym == ""


def test_the_actor_export_reimports_unchanged(world, tmp_path):
    parent = ActorFactory(operation=world.operation, name="Forces armées", category="domestic_military",
                          actor_type="state_forces", sensitivity=Sensitivity.CONFIDENTIAL, areas="CF71")  # fmt: skip
    ActorFactory(operation=world.operation, name="Bataillon 3", parent=parent, category="domestic_military",
                 actor_type="state_forces", party_to_conflict=True, sensitivity=Sensitivity.UNCLASSIFIED)  # fmt: skip
    for fmt in ("csv", "xlsx"):
        path = tmp_path / f"actors.{fmt}"
        call_command("export", "actors", user="officer", operation="CAF", format=fmt, output=str(path))
        preview = services.preview(start(world, path.read_bytes(), path.name), world.officer)
        assert preview.counts == {"new": 0, "update": 0, "unchanged": 2, "error": 0}, [
            (r.errors, r.changes) for r in preview.rows
        ]
