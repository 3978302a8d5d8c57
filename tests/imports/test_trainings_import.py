"""Trainings from a spreadsheet: checked by the training form (both breakdowns of participants count the same
people), audience actors matched by name or alias among those the user may read, found again by identifier (or
start date and title), undone as a batch; the export re-imports unchanged."""

import datetime
import functools

import pytest

from cmcoord.core.choices import Sensitivity
from cmcoord.imports import services
from tests.factories import ActorFactory, TaskFactory, TrainingFactory
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
from trainings.models import Training

HEADERS = ["Title", "Start date", "End date", "Topics", "Audience", "Admin 1", "Female participants",
           "Male participants", "From the military", "Pre-test average", "Post-test average", "Tasks",
           "Sensitivity"]  # fmt: skip

start = functools.partial(start_import, kind="trainings")


@pytest.fixture
def army(world):
    return ActorFactory(operation=world.operation, name="Forces armées centrafricaines", acronym="FACA",
                        category="domestic_military", actor_type="state_forces")  # fmt: skip


def test_an_office_list_creates_trainings(world, gazetteer, army):
    task = TaskFactory(operation=world.operation, owner=world.officer)
    data = xlsx_bytes(
        [
            HEADERS,
            ["Atelier DIH à Bambari", datetime.date(2026, 2, 10), "2026-02-12", "IHL; PSEA", "FACA", "Ouaka",
             "4", "16", "20", "41,5", "78", task.reference, ""],
            ["Séance publique", "2026-02-20", "2026-02-20", "Humanitarian principles", "", "CF71", "30", "20", "",
             "", "", "", "Unclassified"],
        ]
    )  # fmt: skip
    preview_then_import(start(world, data), world.officer, Training, new=2)
    assert Training.objects.get(title="Séance publique").sensitivity == Sensitivity.UNCLASSIFIED
    training = Training.objects.get(title="Atelier DIH à Bambari")
    assert (training.start_date, training.end_date) == (datetime.date(2026, 2, 10), datetime.date(2026, 2, 12))
    assert training.topics == ["ihl", "psea"] and list(training.audience.all()) == [army]
    assert (training.female, training.male, training.from_military) == (4, 16, 20)
    assert training.pre_test_score == 41.5 and training.admin1_pcode == "CF71"
    assert list(training.tasks.all()) == [task] and training.sensitivity == Sensitivity.CONFIDENTIAL


def test_bad_rows_are_reported_by_row_and_cell(world, army):
    ActorFactory(operation=world.other_operation, name="Forces armées maliennes")
    data = csv_bytes(
        [
            ["Title", "Start date", "End date", "Audience", "Male participants", "From the military", "Topics"],
            ["Good", "2026-02-10", "2026-02-10", "FACA", "5", "5", "IHL"],
            ["", "2026-02-10", "2026-02-10", "", "", "", ""],
            ["Ends before it starts", "2026-02-10", "2026-02-01", "", "", "", ""],
            ["Other operation's actor", "2026-02-10", "2026-02-10", "Forces armées maliennes", "", "", ""],
            ["Bad numbers and topic", "2026-02-10", "2026-02-10", "", "many", "", "Cooking"],
            ["Breakdowns differ", "2026-02-10", "2026-02-10", "", "5", "3", ""],
        ]
    )
    preview = services.preview(start(world, data, "trainings.csv"), world.officer)
    errors = errors_by_row(preview)
    assert preview.counts["new"] == 1 and preview.counts["error"] == 5
    assert errors[3] == ["Title"]
    assert errors[4] == ["End date"]
    assert errors[5] == ["Audience"]
    assert errors[6] == ["Male participants", "Topics"]
    assert "both count the same people" in preview.rows[5].errors[0][1]


def test_reimport_updates_and_never_duplicates(world, army):
    training = TrainingFactory(operation=world.operation, title="Atelier DIH", start_date=datetime.date(2026, 2, 10))
    data = csv_bytes([["Identifier", "Audience", "Co-facilitating partners"], [str(training.pk), "FACA", "ICRC"]])
    batch = start(world, data, "trainings.csv")
    assert services.preview(batch, world.officer).rows[0].changes == ["co-facilitating partners", "audience"]
    services.run_import(batch, world.officer)
    training.refresh_from_db()
    assert training.partners == "ICRC" and list(training.audience.all()) == [army] and Training.objects.count() == 1

    office = csv_bytes([["Title", "Start date", "Notes"], ["atelier dih", "2026-02-10", "Good turnout"]])
    preview = services.preview(start(world, office, "office.csv"), world.officer)
    assert preview.counts["update"] == 1 and preview.rows[0].changes == ["notes"]


def test_the_training_export_reimports_unchanged(world, gazetteer, army, tmp_path):
    for level in (Sensitivity.UNCLASSIFIED, Sensitivity.CONFIDENTIAL):
        TrainingFactory(operation=world.operation, sensitivity=level, admin1_name="Ouaka", admin1_pcode="CF71",
                        partners="=ICRC", female=5, male=7, from_military=12)  # fmt: skip
    assert_export_reimports_unchanged(world, tmp_path, export="trainings", kind="trainings", count=2)


def test_undo(world, army):
    training = TrainingFactory(operation=world.operation, title="Before")
    data = csv_bytes([["Identifier", "Title", "Audience", "Start date", "End date"],
                      [str(training.pk), "After", "FACA", "", ""],
                      ["", "Created", "", "2026-02-01", "2026-02-01"]])  # fmt: skip
    import_then_undo(start(world, data, "trainings.csv"), world.officer, Training)
    training.refresh_from_db()
    assert training.title == "Before" and not training.audience.exists()


def test_the_other_operations_trainings_are_never_matched(world):
    mali = TrainingFactory(operation=world.other_operation)
    assert_other_operations_record_not_found(world, mali, kind="trainings", column="Title", refusal="No training")


def test_the_preview_of_50_rows_keeps_to_its_query_budget(world, gazetteer, army, django_assert_max_num_queries):
    task = TaskFactory(operation=world.operation, owner=world.officer)
    rows = [HEADERS] + [
        [f"Training {n}", "2026-02-10", "2026-02-11", "IHL", "FACA", "Ouaka", "2", "3", "5", "", "", task.reference,
         "Confidential"]
        for n in range(50)
    ]  # fmt: skip
    # Each row through the training form as the page does; the actors, the gazetteer and the trainings read once.
    assert_preview_within(world, rows, 50 * 9 + 20, django_assert_max_num_queries, kind="trainings")
