"""Access incidents from a spreadsheet: checked by the incident form, the actor responsible matched by name or alias
among those the user may read, found again by identifier (or date and summary), undone as a batch; the export
re-imports unchanged."""

import datetime
import functools

import pytest

from cmcoord.core.choices import Sensitivity
from cmcoord.imports import services
from incidents.models import AccessIncident
from tests.factories import AccessIncidentFactory, ActorFactory, TaskFactory
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

HEADERS = ["Date", "Summary", "Category", "Admin 1", "Actor responsible", "People affected", "Source", "Verified",
           "Tasks", "Sensitivity"]  # fmt: skip

start = functools.partial(start_import, kind="incidents")


@pytest.fixture
def armed(world):
    return ActorFactory(operation=world.operation, name="Front populaire de la Ouaka", acronym="FPO",
                        aliases="Les Ouakois", category="nsag", actor_type="rebel_group")  # fmt: skip


def test_an_office_list_creates_incidents(world, gazetteer, armed):
    task = TaskFactory(operation=world.operation, owner=world.officer)
    data = xlsx_bytes(
        [
            HEADERS,
            [datetime.date(2026, 2, 10), "Checkpoint at PK12", "Restriction of movement within the country", "Ouaka",
             "les ouakois", "1 200", "Humanitarian partner", "Oui", task.reference, ""],
            ["2026-02-11", "Convoy stopped", "movement_within", "CF71", "", "", "OCHA", "No", "", "Unclassified"],
        ]
    )  # fmt: skip
    preview_then_import(start(world, data), world.officer, AccessIncident, new=2, only_valid=False)
    checkpoint = AccessIncident.objects.get(title="Checkpoint at PK12")
    assert checkpoint.occurred_on == datetime.date(2026, 2, 10) and checkpoint.actor == armed
    assert checkpoint.people_affected == 1200 and checkpoint.verified and checkpoint.source == "partner"
    assert checkpoint.admin1_pcode == "CF71" and list(checkpoint.tasks.all()) == [task]
    assert checkpoint.sensitivity == Sensitivity.CONFIDENTIAL  # the page's default
    convoy = AccessIncident.objects.get(title="Convoy stopped")
    assert convoy.actor is None and not convoy.verified and convoy.sensitivity == Sensitivity.UNCLASSIFIED


def test_bad_rows_are_reported_by_row_and_cell(world, gazetteer, armed):
    ActorFactory(operation=world.other_operation, name="Milice de Ménaka")
    mali_task = TaskFactory(operation=world.other_operation, owner=world.other_officer)
    data = xlsx_bytes(
        [
            HEADERS,
            ["2026-02-10", "Good", "Interference", "", "FPO", "", "OCHA", "", "", ""],
            ["2026-02-10", "", "Interference", "", "", "", "OCHA", "", "", ""],
            ["2026-02-10", "Bad category", "Weather", "", "", "", "OCHA", "", "", ""],
            ["2099-02-10", "Future", "Interference", "", "", "", "OCHA", "", "", ""],
            ["2026-02-10", "Other operation's actor", "Interference", "", "Milice de Ménaka", "", "OCHA", "", "", ""],
            ["2026-02-10", "Other operation's task", "Interference", "", "", "", "OCHA", "", mali_task.reference, ""],
            ["2026-02-10", "Bad numbers", "Interference", "Atlantis", "", "-3", "OCHA", "Perhaps", "", ""],
        ]
    )
    preview = services.preview(start(world, data), world.officer)
    errors = errors_by_row(preview)
    assert preview.counts["new"] == 1 and preview.counts["error"] == 6
    assert errors[3] == ["Summary"]
    assert errors[4] == ["Category"]
    assert errors[5] == ["Date"]
    assert errors[6] == ["Actor responsible"]
    assert errors[7] == ["Tasks"]
    assert errors[8] == ["Admin 1", "People affected", "Verified"]


def test_reimport_updates_and_never_duplicates(world, armed):
    incident = AccessIncidentFactory(operation=world.operation, title="Checkpoint at PK12",
                                     occurred_on=datetime.date(2026, 2, 10))  # fmt: skip
    data = csv_bytes([["Identifier", "Actor responsible", "Verified"], [str(incident.pk), "FPO", "Yes"]])
    batch = start(world, data, "incidents.csv")
    assert services.preview(batch, world.officer).rows[0].changes == ["actor responsible", "verified"]
    services.run_import(batch, world.officer)
    incident.refresh_from_db()
    assert incident.actor == armed and incident.verified and AccessIncident.objects.count() == 1

    office = csv_bytes([["Date", "Summary", "People affected"], ["10/02/2026", "CHECKPOINT at pk12", "30"]])
    batch = start(world, office, "office.csv")
    preview = services.preview(batch, world.officer, "dmy")
    assert preview.counts["update"] == 1 and preview.rows[0].changes == ["people affected"]
    services.run_import(batch, world.officer, date_order="dmy")
    incident.refresh_from_db()
    assert (incident.people_affected, incident.title, AccessIncident.objects.count()) == (30, "Checkpoint at PK12", 1)
    again = services.preview(start(world, office, "office.csv"), world.officer, "dmy")
    assert again.counts == {"new": 0, "update": 0, "unchanged": 1, "error": 0}


def test_the_incident_export_reimports_unchanged(world, gazetteer, armed, tmp_path):
    hidden = ActorFactory(
        operation=world.operation, name="Unité secrète", sensitivity=Sensitivity.STRICTLY_CONFIDENTIAL
    )
    for level, actor in ((Sensitivity.UNCLASSIFIED, armed), (Sensitivity.CONFIDENTIAL, hidden)):
        AccessIncidentFactory(operation=world.operation, sensitivity=level, actor=actor, admin1_name="Ouaka",
                              admin1_pcode="CF71", people_affected=12, verified=True,
                              title="+ looked like a formula")  # fmt: skip
    assert_export_reimports_unchanged(world, tmp_path, export="access-incidents", kind="incidents", count=2)
    # The Strictly confidential actor was left out of the export, and is kept.
    assert AccessIncident.objects.filter(actor=hidden).exists()


def test_undo(world, armed):
    incident = AccessIncidentFactory(operation=world.operation, title="Before")
    data = csv_bytes([["Identifier", "Summary", "Actor responsible", "Date", "Category", "Source"],
                      [str(incident.pk), "After", "FPO", "", "", ""],
                      ["", "Created", "", "2026-02-01", "Interference", "OCHA"]])  # fmt: skip
    import_then_undo(start(world, data, "incidents.csv"), world.officer, AccessIncident)
    incident.refresh_from_db()
    assert incident.title == "Before" and incident.actor is None


def test_the_other_operations_incidents_are_never_matched(world):
    mali = AccessIncidentFactory(operation=world.other_operation)
    assert_other_operations_record_not_found(world, mali, kind="incidents", column="Summary", refusal="No incident")


def test_the_preview_of_50_rows_keeps_to_its_query_budget(world, gazetteer, armed, django_assert_max_num_queries):
    task = TaskFactory(operation=world.operation, owner=world.officer)
    rows = [HEADERS] + [
        ["2026-02-10", f"Incident {n}", "Interference", "Ouaka", "FPO", "10", "OCHA", "Yes", task.reference, ""]
        for n in range(50)
    ]
    # Each row through the incident form as the page does (its choices and links checked against the database);
    # the actors, the gazetteer and the incidents are read once for all.
    assert_preview_within(world, rows, 50 * 8 + 20, django_assert_max_num_queries, kind="incidents")
