"""Engagements from a spreadsheet: checked by the engagement form, written by the engagement services, actors met
matched by name or alias among those the user may read, tasks by reference, places against the gazetteer; found
again by identifier (or date and summary), undone as a batch; the export re-imports unchanged."""

import datetime
import functools
import zoneinfo

import pytest
from django.utils import timezone

from actors.matching import ActorNames
from cmcoord.core.choices import Sensitivity
from cmcoord.imports import services
from cmcoord.imports.readers import ImportRefused
from engagements.models import Engagement
from tests.factories import ActorFactory, EngagementFactory, TaskFactory
from tests.imports.conftest import (
    assert_export_reimports_unchanged,
    assert_other_operations_record_not_found,
    assert_preview_within,
    csv_bytes,
    errors_by_row,
    import_then_undo,
    preview_then_import,
    start_import,
    xlsx_bytes,
)

BANGUI = zoneinfo.ZoneInfo("Africa/Bangui")
HEADERS = ["Date", "Time", "Mode", "Actors met", "Topics", "Admin 1", "Summary", "Outcome", "Tasks", "Sensitivity"]

start = functools.partial(start_import, kind="engagements")


@pytest.fixture
def actors(world):
    armed = ActorFactory(operation=world.operation, name="Front populaire de la Ouaka", acronym="FPO",
                         aliases="Les Ouakois", category="nsag", actor_type="rebel_group")  # fmt: skip
    prefect = ActorFactory(
        operation=world.operation, name="Préfecture de la Ouaka", sensitivity=Sensitivity.UNCLASSIFIED
    )
    return armed, prefect


def test_an_office_log_creates_engagements_through_the_service(world, gazetteer, actors):
    armed, prefect = actors
    task = TaskFactory(operation=world.operation, owner=world.officer)
    data = xlsx_bytes(
        [
            HEADERS,
            ["2026-03-02", "14h30", "Meeting", "Les Ouakois; Préfecture de la Ouaka", "Access arrangements, PSEA",
             "Ouaka", "Checkpoint at PK12 discussed", "Lifted", task.reference, ""],
            ["2026-03-05", "", "Call", "prefecture de la ouaka", "", "CF71", "Follow-up call", "", "", "Unclassified"],
        ]
    )  # fmt: skip
    preview_then_import(start(world, data), world.officer, Engagement, new=2, only_valid=False)
    meeting = Engagement.objects.get(summary="Checkpoint at PK12 discussed")
    assert timezone.localtime(meeting.occurred_at, BANGUI) == datetime.datetime(2026, 3, 2, 14, 30, tzinfo=BANGUI)
    assert set(meeting.actors.all()) == {armed, prefect}
    assert list(meeting.tasks.all()) == [task]
    assert meeting.topic_list == ["access", "psea"]
    assert (meeting.admin1_name, meeting.admin1_pcode) == ("Ouaka", "CF71")
    assert meeting.sensitivity == Sensitivity.CONFIDENTIAL  # the page's default
    assert list(meeting.ocha_participants.all()) == [world.officer]  # as the page: its author took part
    call = Engagement.objects.get(summary="Follow-up call")
    assert timezone.localtime(call.occurred_at, BANGUI).time() == datetime.time(12, 0)  # a date alone: noon, local
    assert call.sensitivity == Sensitivity.UNCLASSIFIED and call.mode == "call"
    assert meeting.history.first().history_user == world.officer


def test_bad_rows_are_reported_by_row_and_cell(world, gazetteer, actors):
    mali_actor = ActorFactory(operation=world.other_operation, name="Milice de Ménaka")
    mali_task = TaskFactory(operation=world.other_operation, owner=world.other_officer)
    future = (timezone.now() + datetime.timedelta(days=5)).date().isoformat()
    data = xlsx_bytes(
        [
            HEADERS,
            ["2026-03-02", "", "Meeting", "FPO", "", "", "Good", "", "", ""],
            ["2026-03-02", "", "Meeting", "Milice de Ménaka", "", "", "Other operation's actor", "", "", ""],
            ["2026-03-02", "", "Meeting", "", "", "", "Other operation's task", "", mali_task.reference, ""],
            ["someday", "", "Meeting", "", "", "", "Bad date", "", "", ""],
            [future, "", "Meeting", "", "", "", "Future", "", "", ""],
            ["2026-03-02", "", "Picnic", "", "", "", "Bad mode", "", "", ""],
            ["2026-03-02", "", "Meeting", "", "Gossip", "Atlantis", "Bad topic and place", "", "", ""],
            ["2026-03-02", "", "Meeting", "FPO", "", "", "Armed, Unclassified by an officer", "", "", "Unclassified"],
        ]
    )
    preview = services.preview(start(world, data), world.officer)
    errors = errors_by_row(preview)
    assert preview.counts["new"] == 1 and preview.counts["error"] == 7
    assert errors[3] == ["Actors met"] and mali_actor.name in preview.rows[1].errors[0][1]
    assert errors[4] == ["Tasks"]
    assert errors[5] == ["Date"] and errors[6] == ["Date"]
    assert errors[7] == ["Mode"]
    assert errors[8] == ["Admin 1", "Topics"]
    assert errors[9] == ["Sensitivity"] and "head of office" in preview.rows[7].errors[0][1]
    # The head of office may import it Unclassified.
    head_preview = services.preview(start(world, data, user=world.head), world.head)
    assert head_preview.rows[7].status == "new"


def test_reimport_updates_by_identifier_or_date_and_summary_and_never_duplicates(world, actors):
    armed, prefect = actors
    nine = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=BANGUI)
    engagement = EngagementFactory(operation=world.operation, summary="Talks on the corridor", mode="meeting",
                                   occurred_at=nine, actors=[prefect])  # fmt: skip
    data = csv_bytes([["Identifier", "Mode", "Actors met"], [str(engagement.pk), "Call", "FPO"]])
    batch = start(world, data, "engagements.csv")
    assert services.preview(batch, world.officer).rows[0].changes == ["mode", "actors met"]
    services.run_import(batch, world.officer)
    engagement.refresh_from_db()
    assert engagement.mode == "call" and list(engagement.actors.all()) == [armed]
    assert Engagement.objects.count() == 1

    # An office's own log, without identifiers: found again by its local date and summary.
    office = csv_bytes([["Date", "Summary", "Outcome"], ["02/03/2026", "talks on the  corridor", "Agreed"]])
    batch = start(world, office, "log.csv")
    preview = services.preview(batch, world.officer, "dmy")
    assert preview.counts["update"] == 1 and preview.rows[0].changes == ["outcome"]
    services.run_import(batch, world.officer, date_order="dmy")
    engagement.refresh_from_db()
    assert engagement.outcome == "Agreed" and Engagement.objects.count() == 1
    assert timezone.localtime(engagement.occurred_at, BANGUI).hour == 9  # same day, no time: kept
    again = services.preview(start(world, office, "log.csv"), world.officer, "dmy")
    assert again.counts == {"new": 0, "update": 0, "unchanged": 1, "error": 0}

    twice = csv_bytes([["Identifier", "Outcome"], [str(engagement.pk), "A"], [str(engagement.pk), "B"]])
    preview = services.preview(start(world, twice, "twice.csv"), world.officer)
    assert [row.status for row in preview.rows] == ["update", "error"]


def test_the_engagement_export_reimports_unchanged(world, gazetteer, actors, tmp_path):
    prefect = actors[1]
    early, late = (
        datetime.datetime(2026, 3, 2, 0, 30, tzinfo=BANGUI),
        datetime.datetime(2026, 3, 3, 23, 30, tzinfo=BANGUI),
    )
    for level, moment in ((Sensitivity.UNCLASSIFIED, early), (Sensitivity.CONFIDENTIAL, late)):
        EngagementFactory(operation=world.operation, sensitivity=level, occurred_at=moment, topics=",access,psea,",
                          admin1_name="Ouaka", admin1_pcode="CF71", summary="=1+1 looked like a formula",
                          outcome="Agreed", actors=[prefect])  # fmt: skip
    assert_export_reimports_unchanged(world, tmp_path, export="engagements", kind="engagements", count=2)


def test_undo_deletes_what_was_created_and_restores_what_was_changed(world, actors):
    prefect = actors[1]
    engagement = EngagementFactory(operation=world.operation, summary="Before", actors=[prefect])
    data = csv_bytes(
        [["Identifier", "Date", "Summary", "Actors met"], [str(engagement.pk), "", "After", "FPO"],
         ["", "2026-03-02", "Created", "FPO"]]
    )  # fmt: skip
    import_then_undo(start(world, data, "engagements.csv"), world.officer, Engagement)
    engagement.refresh_from_db()
    assert engagement.summary == "Before" and list(engagement.actors.all()) == [prefect]


def test_the_other_operations_records_and_restricted_actors_are_never_matched(world, actors):
    mali = EngagementFactory(operation=world.other_operation, summary="Mali")
    assert_other_operations_record_not_found(world, mali, kind="engagements", column="Summary", refusal="No engagement")
    # Actors are matched through the access policy: an HCT member reads the Unclassified one only.
    names = ActorNames(world.hct, world.operation)
    assert names.find("FPO")[0] is None and names.find("Préfecture de la Ouaka")[0] == actors[1].pk


def test_an_officer_of_the_other_operation_cannot_use_caf_actors_in_mali(world, actors):
    data = csv_bytes([["Date", "Summary", "Actors met"], ["2026-03-02", "x", "FPO"]])
    batch = start(world, data, "engagements.csv", user=world.other_officer, operation=world.other_operation)
    preview = services.preview(batch, world.other_officer)
    assert [column for column, _m in preview.rows[0].errors] == ["Actors met"]
    with pytest.raises(ImportRefused):
        services.run_import(batch, world.other_officer)
    assert not Engagement.objects.exists()


def test_the_preview_of_50_rows_keeps_to_its_query_budget(world, gazetteer, actors, django_assert_max_num_queries):
    tasks = [TaskFactory(operation=world.operation, owner=world.officer) for _n in range(3)]
    rows = [HEADERS] + [
        ["2026-03-02", "10:00", "Meeting", "FPO; Les Ouakois", "Access arrangements", "Ouaka", f"Meeting {n}", "",
         tasks[n % 3].reference, "Confidential"]
        for n in range(50)
    ]  # fmt: skip
    # Each row goes through the engagement form as the page does (its choices and links checked against the
    # database: 8 queries a row); the actors, the gazetteer and the records are read once for all.
    # The form's own queries, 8 a row on SQLite and 9 on PostgreSQL:
    assert_preview_within(world, rows, 50 * 9 + 20, django_assert_max_num_queries, kind="engagements")


def test_times_and_identifiers_as_spreadsheets_write_them(world, actors):
    engagement = EngagementFactory(operation=world.operation, summary="Before")
    data = xlsx_bytes(
        [["Identifier", "Date", "Time", "Summary"], [float(engagement.pk), "2026-03-02", "25:99", "Bad time"],
         ["", "2026-03-02", datetime.time(8, 15), "Excel time"]]
    )  # fmt: skip
    preview = services.preview(start(world, data), world.officer)
    assert [row.status for row in preview.rows] == ["error", "new"]
    assert [column for column, _m in preview.rows[0].errors] == ["Date"]
    services.run_import(start(world, data), world.officer)
    created = Engagement.objects.get(summary="Excel time")
    assert timezone.localtime(created.occurred_at, BANGUI).time() == datetime.time(8, 15)
