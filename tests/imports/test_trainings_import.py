"""Trainings from a spreadsheet: checked by the training form (both breakdowns of participants count the same
people), audience actors matched by name or alias among those the user may read, found again by identifier (or
start date and title), undone as a batch; the export re-imports unchanged."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from cmcoord.core.choices import Sensitivity
from cmcoord.imports import services
from cmcoord.imports.models import BatchStatus
from tests.factories import ActorFactory, TaskFactory, TrainingFactory
from tests.imports.conftest import csv_bytes, xlsx_bytes
from trainings.models import Training

HEADERS = ["Title", "Start date", "End date", "Topics", "Audience", "Admin 1", "Female participants",
           "Male participants", "From the military", "Pre-test average", "Post-test average", "Tasks",
           "Sensitivity"]  # fmt: skip


def start(world, data, name="trainings.xlsx", user=None, operation=None):
    return services.start_batch(
        user=user or world.officer, operation=operation or world.operation, kind="trainings", file_name=name,
        data=data,
    )  # fmt: skip


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
    batch = start(world, data)
    preview = services.preview(batch, world.officer)
    assert preview.counts == {"new": 2, "update": 0, "unchanged": 0, "error": 0}, [r.errors for r in preview.rows]
    assert not Training.objects.exists()
    services.run_import(batch, world.officer)
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
    errors = {row.number: sorted(column for column, _m in row.errors) for row in preview.rows}
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
    for fmt in ("csv", "xlsx"):
        path = tmp_path / f"trainings.{fmt}"
        call_command("export", "trainings", user="officer", operation="CAF", format=fmt, output=str(path))
        preview = services.preview(start(world, path.read_bytes(), path.name), world.officer)
        assert preview.counts == {"new": 0, "update": 0, "unchanged": 2, "error": 0}, [
            (r.errors, r.changes) for r in preview.rows
        ]
        assert preview.unknown == []


def test_undo(world, army):
    training = TrainingFactory(operation=world.operation, title="Before")
    data = csv_bytes([["Identifier", "Title", "Audience", "Start date", "End date"],
                      [str(training.pk), "After", "FACA", "", ""],
                      ["", "Created", "", "2026-02-01", "2026-02-01"]])  # fmt: skip
    batch = start(world, data, "trainings.csv")
    services.run_import(batch, world.officer)
    assert Training.objects.count() == 2
    services.undo_batch(batch, world.officer)
    training.refresh_from_db()
    assert training.title == "Before" and not training.audience.exists() and Training.objects.count() == 1
    batch.refresh_from_db()
    assert batch.status == BatchStatus.UNDONE


@pytest.mark.parametrize("role", ["hct", "hq", "other_officer", "outsider"])
def test_who_may_not_import_trainings(world, role):
    with pytest.raises(PermissionDenied):
        start(world, csv_bytes([["Title"], ["x"]]), "trainings.csv", user=world.by_role(role))


def test_the_other_operations_trainings_are_never_matched(world):
    mali = TrainingFactory(operation=world.other_operation)
    preview = services.preview(
        start(world, csv_bytes([["Identifier", "Title"], [str(mali.pk), "Hijack"]]), "trainings.csv"), world.officer
    )
    assert preview.counts["error"] == 1 and "No training" in preview.rows[0].errors[0][1]


def test_the_preview_of_50_rows_keeps_to_its_query_budget(world, gazetteer, army, django_assert_max_num_queries):
    task = TaskFactory(operation=world.operation, owner=world.officer)
    rows = [HEADERS] + [
        [f"Training {n}", "2026-02-10", "2026-02-11", "IHL", "FACA", "Ouaka", "2", "3", "5", "", "", task.reference,
         "Confidential"]
        for n in range(50)
    ]  # fmt: skip
    batch = start(world, xlsx_bytes(rows))
    # Each row through the training form as the page does; the actors, the gazetteer and the trainings read once.
    with django_assert_max_num_queries(50 * 9 + 20):
        preview = services.preview(batch, world.officer)
    assert preview.counts["new"] == 50


def test_the_list_offers_the_import_to_who_may_change_it(world, client):
    url = reverse("imports:upload", kwargs={"code": world.operation.code, "kind": "trainings"})
    list_url = reverse("trainings:list", kwargs={"code": world.operation.code})
    client.force_login(world.officer)
    assert url.encode() in client.get(list_url).content
    assert client.get(url).status_code == 200
    client.force_login(world.hct)
    assert url.encode() not in client.get(list_url).content
    assert client.get(url).status_code == 403
