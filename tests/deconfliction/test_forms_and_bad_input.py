"""Recording and editing notifications and answers: what a good form saves, and what bad input gets (the form again
with a clear error, nothing saved, never a 5xx). Concurrent edits never silently overwrite each other."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.html import escape

from cmcoord.core.choices import Sensitivity
from cmcoord.gazetteer.forms import place_text
from deconfliction.models import Notification, PartyAnswer
from tests.factories import ActorFactory, MissionFactory, NotificationFactory, TaskFactory

from .conftest import create_data, notification_url, notifications_url


@pytest.fixture
def officer(world, login):
    return login(world.officer)


def _local(moment, operation):
    return timezone.localtime(moment, operation.time_zone).strftime("%Y-%m-%dT%H:%M")


def _answer_post(answer, status="acknowledged", when=None, version=None, note=""):
    when = timezone.now() if when is None else when
    data = {
        "status": status,
        "answered_at": _local(when, answer.notification.operation),
        "note": note,
        "version": answer.version if version is None else version,
    }
    return {f"answer-{answer.pk}-{key}": value for key, value in data.items()}


def edit_data(notification, **changes):
    """What the edit form of ``notification`` posts when nothing is touched; plus ``changes``."""
    notification.refresh_from_db()
    data = {
        field: getattr(notification, field)
        for field in (
            "reference", "kind", "title", "notifying_organisation", "description", "origin", "destination", "route",
            "sensitivity",
        )
    }  # fmt: skip
    data["admin1"] = place_text(notification.admin1_name, notification.admin1_pcode)  # the place picker, as shown
    data["admin2"] = place_text(notification.admin2_name, notification.admin2_pcode)
    data.update(
        submitted_at=_local(notification.submitted_at, notification.operation),
        valid_from=notification.valid_from.isoformat(),
        valid_to=notification.valid_to.isoformat(),
        latitude=str(notification.latitude or ""),
        longitude=str(notification.longitude or ""),
        parties=list(notification.answers.values_list("party_id", flat=True)),
        tasks=", ".join(notification.tasks.values_list("reference", flat=True)),
        mission=notification.mission_id or "",
        version=notification.version,
    )
    data.update(changes)
    return data


# --- A good notification --------------------------------------------------------------------------------------


def test_an_officer_records_a_notification_with_its_parties_tasks_and_mission(officer, world, party):
    second = ActorFactory(operation=world.operation, name="National army, 3rd battalion")
    task = TaskFactory(operation=world.operation, owner=world.officer, title="Deconflict the Bambari warehouse")
    mission = MissionFactory(acronym="MINUSCA", operations=[world.operation])
    response = officer.post(
        notifications_url("notification-create"),
        create_data(
            party, parties=[party.pk, second.pk], tasks=task.reference.lower(), mission=mission.pk, sensitivity=""
        )
        | {"sensitivity": Sensitivity.CONFIDENTIAL},
    )
    notification = Notification.objects.get(reference="HNS-CAF-2026-0100")
    assert response.status_code == 302 and response["Location"] == notification.get_absolute_url()
    assert notification.created_by == world.officer
    assert notification.status == "submitted" and notification.awaiting_answer
    assert set(notification.answers.values_list("party__name", "status")) == {
        (party.name, "submitted"),
        (second.name, "submitted"),
    }
    assert list(notification.tasks.all()) == [task] and notification.mission == mission
    assert notification.history.count() >= 1  # audited
    page = officer.get(notification.get_absolute_url()).text
    assert "Deconflict the Bambari warehouse" in page and "MINUSCA" in page


def test_times_are_entered_in_the_operations_time_zone(officer, world, party):
    """10:00 typed on a page of CAF is 10:00 in Bangui (UTC+1), i.e. 09:00 UTC."""
    officer.post(notifications_url("notification-create"), create_data(party, submitted_at="2026-01-05T10:00"))
    notification = Notification.objects.get(reference="HNS-CAF-2026-0100")
    assert notification.submitted_at.isoformat() == "2026-01-05T09:00:00+00:00"


def test_a_movement_with_origin_and_destination_needs_no_coordinates(officer, party):
    data = create_data(
        party, kind="movement", latitude="", longitude="", origin="Bangui", destination="Bossangoa", title="Convoy"
    )
    assert officer.post(notifications_url("notification-create"), data).status_code == 302
    assert Notification.objects.get(title="Convoy").kind == "movement"


def test_the_create_form_suggests_the_next_reference(officer):
    page = officer.get(notifications_url("notification-create")).text
    assert f'value="HNS-CAF-{timezone.localdate().year}-0001"' in page


# --- Bad input: the form again, a clear error, nothing saved -------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"valid_from": "2026-03-10", "valid_to": "2026-03-01"},
            "valid_to",
            "“Valid to” cannot be before “valid from”",
        ),
        ({"admin1": "ML06", "admin2": ""}, "admin1", "P-codes of this operation start with CF."),
        ({"admin2": "ML0601"}, "admin2", "P-codes of this operation start with CF."),
        ({"latitude": "95"}, "latitude", "A latitude is between -90 and 90 degrees."),
        ({"latitude": "-90.5"}, "latitude", "A latitude is between -90 and 90 degrees."),
        ({"longitude": "181"}, "longitude", "A longitude is between -180 and 180 degrees."),
        ({"longitude": ""}, "longitude", "Give both the latitude and the longitude, or neither."),
        ({"latitude": "", "longitude": ""}, "latitude", "A static site needs its coordinates"),
        ({"kind": "movement", "origin": "Bangui"}, "route", "A movement needs its origin and destination"),
        ({"reference": "HNS/CAF/1"}, "reference", "Use capital letters and digits, with hyphens only between them"),
        ({"parties": []}, "parties", "This field is required."),
        ({"tasks": "CAF-2026-9999"}, "tasks", "No task of this operation you can open has the reference CAF-2026-9999"),
        ({"tasks": "not-a-task"}, "tasks", "“NOT-A-TASK” is not a task reference"),
        ({"submitted_at": "2099-01-01T10:00"}, "submitted_at", "A notification cannot be submitted in the future."),
        ({"valid_from": "1999-12-31"}, "valid_from", "Choose a date between 2000-01-01 and 2100-12-31."),
    ],
)
def test_bad_input_is_refused_with_a_clear_error_and_nothing_saved(officer, party, changes, field, message):
    response = officer.post(notifications_url("notification-create"), create_data(party, **changes))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors and any(message in error for error in errors[field]), errors
    assert escape(message) in response.text  # shown on the page, not only in the form's data
    assert not Notification.objects.exists() and not PartyAnswer.objects.exists()


def test_a_party_of_another_operation_or_hidden_task_cannot_be_posted(officer, world, party):
    stranger = ActorFactory(operation=world.other_operation, name="Group of Mali")
    foreign_task = TaskFactory(operation=world.other_operation, owner=world.other_officer)
    response = officer.post(
        notifications_url("notification-create"),
        create_data(party, parties=[party.pk, stranger.pk], tasks=foreign_task.reference),
    )
    assert response.status_code == 200
    assert {"parties", "tasks"} <= set(response.context["form"].errors)
    assert not Notification.objects.exists()


def test_a_duplicate_reference_is_a_form_error(officer, world, party):
    NotificationFactory(operation=world.operation, reference="HNS-CAF-2026-0100")
    response = officer.post(notifications_url("notification-create"), create_data(party))
    assert response.status_code == 200
    assert "This reference is already used in the operation." in response.text
    assert Notification.objects.count() == 1


# --- Answers -------------------------------------------------------------------------------------------------


def test_an_answer_is_recorded_in_one_click_and_the_status_follows(officer, world, level_notifications):
    notification = level_notifications[Sensitivity.CONFIDENTIAL]
    answer = notification.answers.get()
    page = officer.get(notification_url(notification)).text
    assert 'value="acknowledged" selected' in page  # the one click: acknowledged, now
    response = officer.post(notification_url(notification, "answer-record", pk=answer.pk), _answer_post(answer))
    assert response.status_code == 302
    answer.refresh_from_db()
    notification.refresh_from_db()
    assert answer.status == "acknowledged" and answer.recorded_by == world.officer and answer.answered_at
    assert notification.status == "acknowledged" and not notification.awaiting_answer
    assert notification.history.filter(status="acknowledged").exists()  # the change is in the history


def test_an_acknowledgement_dated_before_submission_is_refused_and_nothing_saved(officer, level_notifications):
    notification = level_notifications[Sensitivity.CONFIDENTIAL]
    answer = notification.answers.get()
    early = notification.submitted_at - timedelta(hours=2)
    response = officer.post(
        notification_url(notification, "answer-record", pk=answer.pk), _answer_post(answer, when=early)
    )
    assert response.status_code == 200
    assert "An answer cannot come before the notification was submitted" in response.text
    assert 'data-testid="answer-form"' in response.text
    answer.refresh_from_db()
    notification.refresh_from_db()
    assert answer.status == "submitted" and answer.answered_at is None and answer.version == 1
    assert notification.status == "submitted" and notification.awaiting_answer


@pytest.mark.parametrize(
    ("status", "when", "message"),
    [
        ("submitted", None, "Select a valid choice."),
        ("acknowledged", "", "This field is required."),
        ("acknowledged", "2026-13-45T10:00", "Enter a valid date/time."),
        ("acknowledged", "2099-01-01T10:00", "An answer cannot be dated in the future."),
    ],
)
def test_other_bad_answers_are_refused(officer, level_notifications, status, when, message):
    notification = level_notifications[Sensitivity.UNCLASSIFIED]
    answer = notification.answers.get()
    data = _answer_post(answer, status=status)
    if when is not None:
        data[f"answer-{answer.pk}-answered_at"] = when
    response = officer.post(notification_url(notification, "answer-record", pk=answer.pk), data)
    assert response.status_code == 200 and message in response.text
    answer.refresh_from_db()
    assert answer.status == "submitted"


def test_a_rejection_outweighs_acknowledgements(officer, world, level_notifications, party):
    notification = level_notifications[Sensitivity.UNCLASSIFIED]
    army = ActorFactory(operation=world.operation, name="National army")
    second = PartyAnswer.objects.create(notification=notification, party=army)
    first = notification.answers.get(party=party)
    officer.post(notification_url(notification, "answer-record", pk=first.pk), _answer_post(first))
    notification.refresh_from_db()
    assert notification.status == "submitted" and notification.awaiting_answer  # the army has not answered
    officer.post(notification_url(notification, "answer-record", pk=second.pk), _answer_post(second, "rejected"))
    notification.refresh_from_db()
    assert notification.status == "rejected" and not notification.awaiting_answer


def test_an_answer_recorded_meanwhile_is_not_overwritten(officer, world, login, level_notifications):
    notification = level_notifications[Sensitivity.UNCLASSIFIED]
    answer = notification.answers.get()
    stale = _answer_post(answer, status="rejected")
    login(world.head).post(notification_url(notification, "answer-record", pk=answer.pk), _answer_post(answer))
    response = officer.post(notification_url(notification, "answer-record", pk=answer.pk), stale, follow=True)
    assert "recorded an answer of Armed group of the north while you were looking" in response.text
    answer.refresh_from_db()
    assert answer.status == "acknowledged" and answer.recorded_by == world.head


# --- Editing ---------------------------------------------------------------------------------------------------


def test_an_edit_saves_and_keeps_the_answers_of_remaining_parties(officer, world, level_notifications, party):
    notification = level_notifications[Sensitivity.CONFIDENTIAL]
    army = ActorFactory(operation=world.operation, name="National army")
    response = officer.post(
        notification_url(notification, "notification-edit"),
        edit_data(notification, title="Kaga-Bandoro convoy, new route", parties=[party.pk, army.pk]),
    )
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.title == "Kaga-Bandoro convoy, new route" and notification.version == 2
    assert set(notification.answers.values_list("party__name", flat=True)) == {party.name, "National army"}


def test_a_party_that_answered_cannot_be_taken_off(officer, world, level_notifications, party):
    notification = level_notifications[Sensitivity.CONFIDENTIAL]
    notification.answers.update(status="acknowledged", answered_at=timezone.now())
    army = ActorFactory(operation=world.operation, name="National army")
    response = officer.post(
        notification_url(notification, "notification-edit"), edit_data(notification, parties=[army.pk])
    )
    assert response.status_code == 200
    assert "A party that has already answered cannot be taken off the notification." in response.text
    notification.refresh_from_db()
    assert notification.version == 1 and list(notification.answers.values_list("party", flat=True)) == [party.pk]


def test_a_concurrent_edit_is_refused_with_409_keeping_the_input_and_listing_the_changes(
    officer, world, login, level_notifications
):
    notification = level_notifications[Sensitivity.CONFIDENTIAL]
    mine = edit_data(notification, title="My title")
    theirs = edit_data(notification, valid_to=(notification.valid_to + timedelta(days=3)).isoformat())
    assert login(world.head).post(notification_url(notification, "notification-edit"), theirs).status_code == 302
    response = officer.post(notification_url(notification, "notification-edit"), mine)
    assert response.status_code == 409
    assert 'value="My title"' in response.text  # the input is kept
    assert "Valid to" in response.text and 'data-testid="conflict"' in response.text
    notification.refresh_from_db()
    assert notification.title != "My title"
    again = officer.post(notification_url(notification, "notification-edit"), {**mine, "version": notification.version})
    assert again.status_code == 302
    notification.refresh_from_db()
    assert notification.title == "My title"


def test_the_head_sets_the_operations_response_time(world, login):
    client = login(world.head)
    assert 'value="72"' in client.get(notifications_url("settings")).text
    assert client.post(notifications_url("settings"), {"response_hours": "0"}).status_code == 200
    assert client.post(notifications_url("settings"), {"response_hours": "48"}).status_code == 302
    assert world.operation.notification_settings.response_hours == 48
