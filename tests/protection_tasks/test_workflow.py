"""The status workflow, the completion date, the timeline and history of changes, and readable references."""

import re
from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError

from cmcoord.core.choices import Sensitivity
from cmcoord.core.scoping import OutOfScope
from protection_tasks import services
from protection_tasks.choices import EntryKind, TaskStatus
from protection_tasks.models import Task, TimelineEntry
from tests.factories import TaskFactory
from tests.support import task_log_url, task_url

from .conftest import activity, create_data, edit_data

P, IP, OH, CO, CA = (
    TaskStatus.PLANNED,
    TaskStatus.IN_PROGRESS,
    TaskStatus.ON_HOLD,
    TaskStatus.COMPLETED,
    TaskStatus.CANCELLED,
)
# The workflow as documented, written out by hand: from each status, where a task may go.
LEGAL = {
    P: {IP, OH, CA},
    IP: {CO, OH, CA},
    OH: {IP, CA},
    CO: {IP},  # reopen
    CA: {P},  # reinstate
}
ALL_PAIRS = [(old, new) for old in TaskStatus for new in TaskStatus]


@pytest.mark.parametrize(("old", "new"), ALL_PAIRS, ids=[f"{o}->{n}" for o, n in ALL_PAIRS])
def test_check_transition(old, new):
    if new in LEGAL[old] or old == new:
        services.check_transition(old, new)  # no error
    else:
        with pytest.raises(ValidationError) as caught:
            services.check_transition(old, new)
        assert caught.value.code == "illegal_transition"
        assert caught.value.messages == [
            f"A task cannot go from “{TaskStatus(old).label}” to “{TaskStatus(new).label}”."
        ]


@pytest.mark.parametrize(
    ("time_zone", "local_date"),
    [
        ("Pacific/Kiritimati", date(2026, 11, 22)),
        ("Pacific/Pago_Pago", date(2026, 11, 20)),
        ("UTC", date(2026, 11, 21)),
    ],
)
def test_completion_date_is_the_operation_s_local_date(world, fix_now, time_zone, local_date):
    # 2026-11-21 10:30 UTC: already the 22nd at UTC+14, still the 20th at UTC-11.
    fix_now(datetime(2026, 11, 21, 10, 30, tzinfo=UTC))
    world.operation.time_zone = time_zone
    world.operation.save()
    task = TaskFactory(operation=world.operation, owner=world.officer, status=IP)
    task = services.task_change_status(user=world.officer, task=task, new_status=CO, expected_version=1)
    task.refresh_from_db()
    assert task.status == CO
    assert task.completed_on == local_date
    assert task.version == 2

    task = services.task_change_status(user=world.officer, task=task, new_status=IP, expected_version=2)
    task.refresh_from_db()
    assert task.status == IP
    assert task.completed_on is None
    assert task.version == 3


def test_quick_status_buttons_complete_and_reopen(world, login, fix_now):
    fix_now(datetime(2026, 11, 21, 11, 30, tzinfo=UTC))
    world.operation.time_zone = "Pacific/Kiritimati"
    world.operation.save()
    task = TaskFactory(operation=world.operation, owner=world.officer, status=IP)
    client = login(world.officer)
    url = task_url(task, "task-status")
    response = client.post(url, {"status": CO, "version": 1}, follow=True)
    assert "Status changed to Completed." in response.text
    assert "2026-11-22" in response.text.split("Completed on")[1][:80]
    task.refresh_from_db()
    assert (task.status, task.completed_on) == (CO, date(2026, 11, 22))

    response = client.post(url, {"status": IP, "version": 2}, follow=True)
    assert "Status changed to In progress." in response.text
    assert "Completed on" not in response.text
    task.refresh_from_db()
    assert (task.status, task.completed_on, task.version) == (IP, None, 3)


def test_quick_status_button_refuses_an_illegal_move(world, login):
    task = TaskFactory(operation=world.operation, owner=world.officer, status=P)
    url = task_url(task, "task-status")
    response = login(world.officer).post(url, {"status": CO, "version": 1}, follow=True)
    assert "A task cannot go from “Planned” to “Completed”." in response.text
    task.refresh_from_db()
    assert (task.status, task.completed_on, task.version) == (P, None, 1)
    assert not TimelineEntry.objects.filter(task=task).exists()


def test_quick_status_button_with_an_unknown_status(world, login):
    task = TaskFactory(operation=world.operation, owner=world.officer, status=P)
    url = task_url(task, "task-status")
    response = login(world.officer).post(url, {"status": "archived", "version": 1}, follow=True)
    assert response.status_code == 200
    assert "Unknown status." in response.text
    task.refresh_from_db()
    assert (task.status, task.version) == (P, 1)


def test_edit_form_status_change_and_reassignment_write_the_timeline_and_history(world, login):
    task = TaskFactory(operation=world.operation, owner=world.officer, status=P)
    world.head.first_name, world.head.last_name = "Amina", "Ndiaye"
    world.head.save()
    response = login(world.officer).post(task_url(task, "task-edit"), edit_data(task, status=IP, owner=world.head.pk))
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.status, task.owner, task.assigned_by, task.version) == (IP, world.head, world.officer, 2)

    entries = {entry.kind: entry for entry in TimelineEntry.objects.filter(task=task)}
    assert set(entries) == {EntryKind.STATUS, EntryKind.ASSIGNMENT}
    assert (entries[EntryKind.STATUS].old_value, entries[EntryKind.STATUS].new_value) == ("Planned", "In progress")
    assert entries[EntryKind.ASSIGNMENT].new_value == "Amina Ndiaye"
    assert all(entry.author == world.officer for entry in entries.values())

    latest = task.history.order_by("-history_id").first()
    assert latest.history_user == world.officer
    assert (latest.status, latest.owner_id, latest.version) == (IP, world.head.pk, 2)

    page = login(world.officer).get(task_url(task)).text
    timeline = page.split('data-testid="timeline"')[1]
    assert "Planned → In progress" in timeline
    assert "→ Amina Ndiaye" in timeline


def test_edit_without_status_or_owner_change_writes_only_the_field_s_change(world, login):
    task = TaskFactory(operation=world.operation, owner=world.officer, status=P, title="A title")
    response = login(world.officer).post(task_url(task, "task-edit"), edit_data(task, title="A better title"))
    assert response.status_code == 302
    entries = TimelineEntry.objects.filter(task=task)
    assert [(e.kind, e.text, e.old_value, e.new_value) for e in entries] == [
        (EntryKind.CHANGE, "title", "A title", "A better title")
    ]
    assert task.history.order_by("-history_id").first().history_user == world.officer


def test_creation_through_the_form(world, login, fix_now):
    fix_now(datetime(2026, 11, 21, 11, 30, tzinfo=UTC))
    response = login(world.officer).post(
        task_log_url("task-create"),
        create_data(world.head, title="Logged past work", status=CO),
    )
    task = Task.objects.get()
    assert response.status_code == 302
    assert response["Location"] == task_url(task)
    assert task.reference == "CAF-2026-0001"
    assert (task.status, task.completed_on) == (CO, date(2026, 11, 21))
    assert (task.owner, task.assigned_by, task.version) == (world.head, world.officer, 1)
    created = TimelineEntry.objects.get(task=task)
    assert (created.kind, created.author, created.new_value) == (EntryKind.CREATED, world.officer, "Completed")
    assert task.history.get().history_user == world.officer


def test_creation_cannot_start_cancelled_or_on_hold(world, login):
    client = login(world.officer)
    for status in (CA, OH):
        response = client.post(task_log_url("task-create"), create_data(world.officer, status=status))
        assert response.status_code == 200
        assert "Select a valid choice" in response.context["form"].errors["status"][0]
    assert not Task.objects.exists()


def test_references_count_per_operation(world, login, fix_now):
    fix_now(datetime(2026, 11, 21, 11, 30, tzinfo=UTC))
    create = task_log_url("task-create")
    officer = login(world.officer)
    for _ in range(2):
        assert officer.post(create, create_data(world.officer)).status_code == 302
    mali = login(world.other_officer)
    response = mali.post(task_log_url("task-create", "MLI"), create_data(world.other_officer))
    assert response.status_code == 302
    head = login(world.head)
    assert head.post(create, create_data(world.officer)).status_code == 302
    references = dict(Task.objects.values_list("reference", "operation__country").order_by("pk"))
    assert references == {
        "CAF-2026-0001": "CF",
        "CAF-2026-0002": "CF",
        "MLI-2026-0001": "ML",
        "CAF-2026-0003": "CF",
    }


def test_reference_year_is_the_operation_s_year(world, fix_now):
    """At 2026-12-31 12:00 UTC it is already 2027 at UTC+14: the counter of 2027 starts."""
    fix_now(datetime(2026, 12, 31, 12, 0, tzinfo=UTC))
    world.operation.time_zone = "Pacific/Kiritimati"
    world.operation.save()
    first = services.task_create(
        user=world.officer,
        task=Task(operation=world.operation, activity=activity("AN-1"), title="New year", owner=world.officer),
    )
    second = services.task_create(
        user=world.other_officer,
        task=Task(
            operation=world.other_operation, activity=first.activity, title="Old year", owner=world.other_officer
        ),
    )
    assert first.reference == "CAF-2027-0001"
    assert second.reference == "MLI-2026-0001"


def test_task_create_refuses_a_task_the_user_may_not_change(world):
    task = Task(
        operation=world.operation,
        activity=activity("AN-1"),
        title="Placed by an HCT member",
        owner=world.officer,
        sensitivity=Sensitivity.UNCLASSIFIED,
    )
    with pytest.raises(OutOfScope):
        services.task_create(user=world.hct, task=task)
    assert not Task.objects.exists()
    assert not TimelineEntry.objects.exists()


def _buttons(html):
    return html.split('data-testid="status-buttons"')[1].split("Edit task")[0]


def test_the_status_buttons_say_what_they_do(world, login):
    """A completed task is reopened, not "started"; a task on hold is resumed; completing asks first."""
    client = login(world.officer)
    for status, offered, absent in [
        (P, ["Start", "Put on hold", "Cancel task…"], ["Reopen", "Resume"]),
        (IP, ["Complete…", "Put on hold", "Cancel task…"], ["Start"]),
        (CO, ["Reopen"], ["Start", "Complete…"]),
        (OH, ["Resume", "Cancel task…"], ["Start"]),
    ]:
        completed_on = date(2026, 11, 20) if status == CO else None
        task = TaskFactory(operation=world.operation, owner=world.officer, status=status, completed_on=completed_on)
        buttons = _buttons(client.get(task_url(task)).text)
        for label in offered:
            assert f">{label}<" in buttons, (status, label)
        for label in absent:
            assert f">{label}<" not in buttons, (status, label)


def test_starting_a_task_dates_its_start_when_it_has_none(world, login, fix_now):
    fix_now(datetime(2026, 11, 21, 23, 30, tzinfo=UTC))  # already the 22nd in Bangui
    client = login(world.officer)
    undated = TaskFactory(operation=world.operation, owner=world.officer, status=P)
    client.post(task_url(undated, "task-status"), {"status": IP, "version": 1})
    undated.refresh_from_db()
    assert (undated.status, undated.start_date) == (IP, date(2026, 11, 22))
    dated = TaskFactory(operation=world.operation, owner=world.officer, status=P, start_date=date(2026, 11, 2))
    client.post(task_url(dated, "task-status"), {"status": IP, "version": 1})
    dated.refresh_from_db()
    assert dated.start_date == date(2026, 11, 2)  # the officer's own date stays
    # Due before today: a start today would come after it; the date is left for the officer to give.
    late = TaskFactory(operation=world.operation, owner=world.officer, status=P, due_date=date(2026, 11, 10))
    client.post(task_url(late, "task-status"), {"status": IP, "version": 1})
    late.refresh_from_db()
    assert (late.status, late.start_date) == (IP, None)


def test_completing_takes_the_outcome_in_the_same_step(world, login):
    task = TaskFactory(operation=world.operation, owner=world.officer, status=IP, outcome="Draft outcome")
    client = login(world.officer)
    page = client.get(task_url(task)).text
    assert re.search(r'<textarea[^>]*name="outcome"[^>]*>Draft outcome</textarea>', page)
    outcome = "Checkpoint fees dropped on the Bambari road."
    response = client.post(task_url(task, "task-status"), {"status": CO, "version": 1, "outcome": outcome}, follow=True)
    assert "Status changed to Completed." in response.text
    task.refresh_from_db()
    assert (task.status, task.outcome) == (CO, outcome)
    # Text that was not UTF-8 is refused with the form's message; nothing changes.
    other = TaskFactory(operation=world.operation, owner=world.officer, status=IP)
    client.post(task_url(other, "task-status"), {"status": CO, "version": 1, "outcome": "caf\ufffd"})
    other.refresh_from_db()
    assert (other.status, other.outcome) == (IP, "")


def test_every_field_change_is_in_the_timeline_as_from_and_to(world, login):
    task = TaskFactory(operation=world.operation, owner=world.officer, status=P, urgency=2, sensitivity=1)
    client = login(world.officer)
    data = edit_data(task, urgency=4, due_date="2026-12-20", outcome="Convoy passed", sensitivity=2)
    assert client.post(task_url(task, "task-edit"), data).status_code == 302
    changes = [
        (entry.text, entry.old_value, entry.new_value)
        for entry in TimelineEntry.objects.filter(task=task, kind=EntryKind.CHANGE).order_by("pk")
    ]
    assert changes == [
        ("urgency", "Medium", "Critical"),
        ("due date", "", "2026-12-20"),
        ("sensitivity", "Unclassified", "Confidential"),
        ("outcome / result", "", "Convoy passed"),
    ]
    page = client.get(task_url(task)).text
    assert "Changed urgency from Medium to Critical" in page
    assert "Changed due date from — to 2026-12-20" in page
    # Saving again unchanged adds nothing.
    client.post(task_url(task, "task-edit"), edit_data(task))
    assert TimelineEntry.objects.filter(task=task, kind=EntryKind.CHANGE).count() == 4
