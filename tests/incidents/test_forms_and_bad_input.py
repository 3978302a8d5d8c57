"""Recording and editing access incidents: what is saved, what is refused with a clear error (and nothing saved,
never a 5xx), no lost updates, and files attached to an incident read exactly as the incident."""

import datetime

import pytest

from cmcoord.operations.calendar import operation_today
from incidents.models import AccessIncident
from tests.factories import AccessIncidentFactory, ActorFactory, AttachmentFactory, TaskFactory
from tests.support import CONFIDENTIAL, UNCLASSIFIED, in_operation, section

url = in_operation("incidents")


@pytest.fixture
def valid(world):
    """A complete, valid incident as the form posts it."""
    return {
        "title": "Convoy turned back at Kaga-Bandoro",
        "occurred_on": operation_today(world.operation).isoformat(),
        "category": "movement_within",
        "source": "partner",
        "people_affected": "1200",
        "activities_suspended": "2",
        "days_affected": "3",
        "admin1": "Nana-Grébizi (CF71)",
        "admin2": "Kaga-Bandoro (CF711)",
        "sensitivity": str(CONFIDENTIAL),
    }


def test_an_officer_records_an_incident_with_its_actor_and_task(world, login, valid):
    actor = ActorFactory(operation=world.operation, name="Checkpoint militia")
    task = TaskFactory(operation=world.operation, owner=world.officer)
    response = login(world.officer).post(url("create"), {**valid, "actor": actor.pk, "tasks": [task.reference]})
    incident = AccessIncident.objects.get()
    assert response.status_code == 302
    assert response["Location"] == incident.get_absolute_url()
    assert (incident.actor, list(incident.tasks.all()), incident.people_affected) == (actor, [task], 1200)
    assert incident.sensitivity == CONFIDENTIAL and incident.version == 1
    assert {record.history_user for record in incident.history.all()} == {world.officer}  # audited, tasks included


def test_the_default_level_is_confidential(world, login):
    page = login(world.officer).get(url("create")).text
    assert f'<option value="{CONFIDENTIAL}" selected>' in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"occurred_on": "FUTURE"}, "occurred_on", "An incident cannot be dated in the future"),
        ({"people_affected": "-5"}, "people_affected", "greater than or equal to 0"),
        ({"days_affected": "-1"}, "days_affected", "greater than or equal to 0"),
        ({"admin1": "ML1", "admin2": ""}, "admin1", "P-codes of this operation start with CF"),
        ({"admin2": "CF811"}, "admin2", "must start with its admin 1 P-code"),
        ({"category": "earthquake"}, "category", "Select a valid choice"),
        ({"occurred_on": "0001-01-01"}, "occurred_on", "Choose a date between"),
        ({"title": ""}, "title", "This field is required"),
    ],
)
def test_bad_input_is_a_clear_error_and_saves_nothing(world, login, valid, changes, field, message):
    if changes.get("occurred_on") == "FUTURE":
        changes = {"occurred_on": (operation_today(world.operation) + datetime.timedelta(days=1)).isoformat()}
    response = login(world.officer).post(url("create"), {**valid, **changes})
    assert response.status_code == 200
    assert message in section(response.text, "error-summary")
    assert f'href="#id_{field}"' in section(response.text, "error-summary")
    assert not AccessIncident.objects.exists()


def test_an_actor_or_task_of_another_operation_cannot_be_posted(world, login, valid):
    mali_actor = ActorFactory(operation=world.other_operation, sensitivity=UNCLASSIFIED)
    mali_task = TaskFactory(operation=world.other_operation, owner=world.other_officer)
    data = {**valid, "actor": mali_actor.pk, "tasks": [mali_task.reference]}
    response = login(world.officer).post(url("create"), data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not AccessIncident.objects.exists()


def test_a_concurrent_edit_is_refused_with_409_and_keeps_the_input(world, login, valid):
    incident = AccessIncidentFactory(operation=world.operation, title="Original", occurred_on=datetime.date(2026, 1, 5))
    client = login(world.officer)
    first = client.post(url("edit", pk=incident.pk), {**valid, "title": "Head's wording", "version": 1})
    assert first.status_code == 302
    client = login(world.head)
    second = client.post(url("edit", pk=incident.pk), {**valid, "title": "My stale wording", "version": 1})
    assert second.status_code == 409
    assert "saved this access incident while you were editing it" in second.text
    assert "My stale wording" in second.text  # the input is kept
    assert "Head&#x27;s wording" in section(second.text, "conflict")  # what changed is listed
    incident.refresh_from_db()
    assert (incident.title, incident.version) == ("Head's wording", 2)
    again = client.post(url("edit", pk=incident.pk), {**valid, "title": "My stale wording", "version": 2})
    assert again.status_code == 302
    incident.refresh_from_db()
    assert (incident.title, incident.version) == ("My stale wording", 3)


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.mark.parametrize("standing", ["officer", "hq", "hct", "other_officer"])
def test_an_incidents_file_is_read_exactly_as_the_incident(world, login, media_root, standing):
    incident = AccessIncidentFactory(operation=world.operation, sensitivity=CONFIDENTIAL)
    attachment = AttachmentFactory(record=incident, uploaded_by=world.officer)
    client = login(world.by_role(standing))
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == (200 if standing in ("officer", "hq") else 404)
    if standing == "officer":
        assert attachment.original_name in section(client.get(url("detail", pk=incident.pk)).text, "attachments")
