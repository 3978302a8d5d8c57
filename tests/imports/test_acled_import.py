"""Actors from an ACLED export (invented actors and events in ACLED's column layout): rows of the operation's
country only, one preview row per actor with its events, interaction codes mapped to categories and types, areas
matched to the gazetteer, armed actors Confidential, matched by name or alias, undone as a batch."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from actors.models import Actor
from cmcoord.core.choices import Sensitivity
from cmcoord.imports import services
from cmcoord.imports.models import BatchStatus
from tests.factories import ActorFactory
from tests.imports.conftest import csv_bytes, xlsx_bytes

HEADERS = ["event_id_cnty", "event_date", "year", "disorder_type", "event_type", "actor1", "assoc_actor_1", "inter1",
           "actor2", "assoc_actor_2", "inter2", "interaction", "iso", "region", "country", "admin1", "admin2",
           "location", "latitude", "longitude", "source", "notes", "fatalities"]  # fmt: skip
FRONT = "Front populaire de la Ouaka"
ARMY = "Military Forces of the Central African Republic (2016-)"
POLICE = "Police Forces of the Central African Republic (2016-)"
BLUE = "MINUSCA: United Nations Multidimensional Integrated Stabilization Mission in the Central African Republic"


def event(number, date, actor1, inter1, actor2="", inter2="", assoc1="", assoc2="", *, iso="140",
          country="Central African Republic", admin1="Ouaka", admin2="Bambari"):  # fmt: skip
    return [f"CAF{number}", date, date[:4], "Political violence", "Battles", actor1, assoc1, inter1, actor2, assoc2,
            inter2, "", iso, "Middle Africa", country, admin1, admin2, "Invented place", "5.76", "20.67",
            "Invented source", "An invented event.", "0"]  # fmt: skip


EVENTS = [
    HEADERS,
    event(1, "2026-09-02", FRONT, "2", ARMY, "1", assoc1="Milice des collines; Groupe Mbari", assoc2=POLICE),
    event(2, "2026-10-14", FRONT, "2", "Civilians (Central African Republic)", "7", admin1="Haute-Kotto", admin2=""),
    event(3, "2026-10-20", "Protesters (Central African Republic)", "6", POLICE, "1"),
    event(4, "2026-10-21", BLUE, "8", "Milice des collines", "2", admin1="Nowhere at all", admin2=""),
    event(5, "2026-10-22", "Armée du Tchad voisin", "1", "", "", iso="148", country="Chad", admin1="Salamat"),
]


def start(world, data, name="acled.csv", user=None):
    return services.start_batch(
        user=user or world.officer, operation=world.operation, kind="acled", file_name=name, data=data
    )


def test_an_acled_export_becomes_actors_with_their_events_areas_and_levels(world, gazetteer):
    batch = start(world, csv_bytes(EVENTS))
    preview = services.preview(batch, world.officer)
    rows = {row.title: row for row in preview.rows}
    assert set(rows) == {FRONT, "Milice des collines", "Groupe Mbari", ARMY, POLICE, BLUE}
    assert preview.counts == {"new": 6, "update": 0, "unchanged": 0, "error": 0}, [r.errors for r in preview.rows]
    assert rows[FRONT].detail == "2 events, the last on 2026-10-14"
    assert rows[POLICE].detail == "2 events, the last on 2026-10-20"
    assert rows[BLUE].detail == "1 event, the last on 2026-10-21. Not in the gazetteer: Nowhere at all"
    assert "1 row of another country skipped (row 6)." in preview.notes
    assert any("Civilians (Central African Republic), Protesters" in note for note in preview.notes)
    assert not Actor.objects.exists()  # the preview writes nothing

    services.run_import(batch, world.officer, only_valid=False)
    actors = {actor.name: actor for actor in Actor.objects.all()}
    front = actors[FRONT]
    assert (front.category, front.actor_type) == ("nsag", "rebel_group")
    assert front.sensitivity == Sensitivity.CONFIDENTIAL  # armed: Confidential by default
    assert front.area_list == ["CF71", "CF72"]  # Ouaka, Haute-Kotto
    assert (actors[ARMY].category, actors[ARMY].actor_type) == ("domestic_military", "state_forces")
    assert actors[POLICE].actor_type == "police"
    assert (actors[BLUE].category, actors[BLUE].actor_type) == ("foreign_military", "un_military")
    assert actors[BLUE].area_list == []
    assert actors["Milice des collines"].area_list == ["CF71"]
    assert not any("Civilians" in name or "Protesters" in name or "Tchad" in name for name in actors)


def test_another_countrys_state_forces_come_in_as_foreign_military_the_hosts_as_domestic(world, gazetteer):
    """ACLED codes every country's army 1: the name says whose. Only a country recognised, and not the operation's,
    makes an actor foreign; the host's own army under ACLED's spelling stays domestic."""
    rwanda, chad_police = "Military Forces of Rwanda (2000-)", "Police Forces of Chad (2021-)"
    data = csv_bytes(
        [
            HEADERS,
            event(1, "2026-09-02", FRONT, "2", rwanda, "1"),
            event(2, "2026-09-03", ARMY, "1", chad_police, "1"),
            event(3, "2026-09-04", "Military Forces of Central African Republic", "1"),
        ]
    )
    services.run_import(start(world, data), world.officer, only_valid=False)
    kinds = {actor.name: (actor.category, actor.actor_type) for actor in Actor.objects.all()}
    assert kinds[rwanda] == ("foreign_military", "state_forces")
    assert kinds[chad_police] == ("foreign_military", "police")
    assert kinds[ARMY] == kinds["Military Forces of Central African Republic"] == ("domestic_military", "state_forces")


def test_a_known_actor_is_matched_by_alias_keeps_its_judgement_and_gains_areas(world, gazetteer):
    known = ActorFactory(operation=world.operation, name="FPO (Front populaire)", aliases="Front populaire de la Ouaka",
                         category="nsag", actor_type="political_militia", areas="CF32",
                         sensitivity=Sensitivity.STRICTLY_CONFIDENTIAL)  # fmt: skip
    data = csv_bytes([HEADERS, EVENTS[1], EVENTS[2]])
    batch = start(world, data)
    preview = services.preview(batch, world.officer)
    (front,) = [row for row in preview.rows if row.status == "update"]  # the preview keeps what the page shows
    assert front.title == "Front populaire de la Ouaka" and front.changes == ["areas of operation"]  # by its alias
    services.run_import(batch, world.officer)
    known.refresh_from_db()
    assert known.name == "FPO (Front populaire)" and known.actor_type == "political_militia"
    assert known.sensitivity == Sensitivity.STRICTLY_CONFIDENTIAL
    assert known.area_list == ["CF32", "CF71", "CF72"]

    again = services.preview(start(world, data), world.officer)  # the same file again: nothing new
    assert again.counts == {"new": 0, "update": 0, "unchanged": len(again.rows), "error": 0}

    services.undo_batch(batch, world.officer)
    known.refresh_from_db()
    assert known.area_list == ["CF32"] and Actor.objects.filter(pk=known.pk).exists()
    assert Actor.objects.count() == 1  # the actors the import created are gone
    batch.refresh_from_db()
    assert batch.status == BatchStatus.UNDONE


def test_actors_that_cannot_be_recorded_are_errors_of_their_row(world):
    ActorFactory(operation=world.operation, name="Groupe A", aliases="Les Collines")
    ActorFactory(operation=world.operation, name="Groupe B", aliases="Les Collines")
    data = xlsx_bytes([HEADERS, event(1, "2026-10-01", "Les Collines", "3", "X" * 250, "2")])
    preview = services.preview(start(world, data, "acled.xlsx"), world.officer)
    assert preview.counts == {"new": 0, "update": 0, "unchanged": 0, "error": 2}
    messages = " ".join(message for row in preview.rows for _column, message in row.errors)
    assert "Several actors of the registry" in messages and "200 characters" in messages


def test_the_other_operations_actors_are_never_matched(world, gazetteer):
    mali = ActorFactory(operation=world.other_operation, name=FRONT, category="nsag", actor_type="rebel_group")
    services.run_import(start(world, csv_bytes([HEADERS, EVENTS[2]])), world.officer)
    mine = Actor.objects.get(operation=world.operation, name=FRONT)
    assert mine.pk != mali.pk
    mali.refresh_from_db()
    assert mali.area_list == [] and mali.version == 1


@pytest.mark.parametrize("role", ["hct", "hq", "other_officer", "outsider"])
def test_who_may_not_import_acled(world, role):
    with pytest.raises(PermissionDenied):
        start(world, csv_bytes(EVENTS), user=world.by_role(role))


def test_the_command_and_the_page_show_the_actors_events(world, gazetteer, tmp_path, client):
    path = tmp_path / "acled.csv"
    path.write_bytes(csv_bytes(EVENTS))
    out = io.StringIO()
    call_command("import", "acled", str(path), user="officer", operation="CAF", dry_run=True, stdout=out)
    assert "6 new" in out.getvalue() and "another country skipped" in out.getvalue()
    batch = start(world, csv_bytes(EVENTS))
    client.force_login(world.officer)
    page = client.get(batch.get_absolute_url())
    assert page.status_code == 200
    assert b"2 events, the last on 2026-10-14" in page.content
    assert b"1 row of another country skipped (row 6)." in page.content


def test_the_preview_of_50_events_keeps_to_its_query_budget(world, gazetteer, django_assert_max_num_queries):
    rows = [HEADERS] + [
        event(n, f"2026-10-{n % 28 + 1:02d}", f"Groupe armé {n % 25}", "3", POLICE, "1") for n in range(50)
    ]
    batch = start(world, csv_bytes(rows))
    # One row per actor (26 here), each through the actor form as the page does (its unique name checked); the
    # actors and the gazetteer are read once for all, however many events name them.
    with django_assert_max_num_queries(26 * 4 + 20):
        preview = services.preview(batch, world.officer)
    assert preview.counts["new"] == 26


def test_hostile_acled_cells_are_reported_or_skipped_never_an_error_page(world, client):
    rows = [
        HEADERS,
        event(1, "someday", "Groupe sans code", "abc"),
        event(2, "2026-10-01", "Groupe infini", "1e400", iso="1e400"),
        event(3, "2026-10-01", "", "", "", "", assoc1=" ; ;"),
        event(4, "15 March 2026", "Groupe daté", "3", iso="", country="central african republic"),
        event(5, "2026-10-01", '=HYPERLINK("http://x")', "2", iso="nan"),
    ]
    batch = start(world, csv_bytes(rows))
    preview = services.preview(batch, world.officer)
    assert [(row.title, row.detail) for row in preview.rows] == [("Groupe daté", "1 event, the last on 2026-03-15")]
    assert any("Groupe sans code" in note for note in preview.notes)
    client.force_login(world.officer)
    assert client.get(batch.get_absolute_url()).status_code == 200
