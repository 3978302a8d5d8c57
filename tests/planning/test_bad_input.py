"""Bad input on the forms of planning and preparedness: each a clear error on the form, nothing saved, never a 5xx;
and the lost-update guard of every edit (HTTP 409, the input kept, the changes listed)."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from planning.models import ChecklistItem, MCDARequest, PlanningDocument
from tests.factories import (
    ActorFactory,
    ChecklistItemFactory,
    MCDARequestFactory,
    MissionFactory,
    PlanningDocumentFactory,
    TaskFactory,
)
from tests.support import CONFIDENTIAL, UNCLASSIFIED, in_operation, section

url = in_operation("planning")


DOCUMENT = {"kind": "assessment", "title": "CMCoord assessment 2026", "status": "in_force",
            "effective_date": "2026-01-10", "review_due": "2026-07-10", "sensitivity": CONFIDENTIAL}  # fmt: skip
REQUEST = {"requested": "Airlift of cholera kits to Birao", "asset": "MINUSCA Mi-8", "purpose": "Cholera response",
           "justification": ["no_civilian_alternative", "time_critical"], "requested_on": "2026-01-05",
           "decision": "pending", "sensitivity": CONFIDENTIAL}  # fmt: skip


def errors_of(response):
    return section(response.text, "error-summary")


def test_valid_forms_save(world, login, caf_task):
    client = login(world.officer)
    response = client.post(url("document-create"), {**DOCUMENT, "tasks": caf_task.reference.lower()})
    document = PlanningDocument.objects.get()
    assert response.status_code == 302
    assert response["Location"] == document.get_absolute_url()
    assert list(document.tasks.all()) == [caf_task]
    response = client.post(url("mcda-create"), {**REQUEST, "task": caf_task.reference})
    request = MCDARequest.objects.get()
    assert response.status_code == 302
    assert (request.no_civilian_alternative, request.time_critical, request.unique_capability) == (True, True, False)
    assert request.task == caf_task
    assert request.history.count() == 1  # audited


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"justification": []}, "Last-resort justification", "Give at least one last-resort justification."),
        ({"decision": "approved", "decided_on": "2026-01-04"}, "Decided on",
         "The decision cannot be dated before the request (2026-01-05)."),
        ({"decision": "approved", "decided_on": ""}, "Decided on", "Give the date of the decision."),
        ({"decision": "pending", "decided_on": "2026-01-06"}, "Decided on", "A pending request has no decision date"),
        ({"justification": ["no_civilian_alternative", "armed_escort"]}, "Last-resort justification",
         "Select a valid choice"),
        ({"requested_on": "0001-01-01"}, "Requested on", ""),
        ({"requested_on": "2026-13-45"}, "Requested on", "Enter a valid date."),
        ({"task": "CAF-2026"}, "Task served", "“CAF-2026” is not a task reference"),
        ({"task": "CAF-2026-9999"}, "Task served", "No task of this operation you can open"),
        ({"decision": "granted"}, "Decision", "Select a valid choice"),
        ({"sensitivity": "9"}, "Sensitivity", "Select a valid choice"),
    ],
)  # fmt: skip
def test_bad_mcda_requests_are_refused_with_a_clear_error(world, login, change, field, message):
    response = login(world.officer).post(url("mcda-create"), {**REQUEST, **change})
    assert response.status_code == 200
    summary = errors_of(response)
    assert "Nothing was saved" in summary
    assert field in summary
    assert message in summary
    assert not MCDARequest.objects.exists()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"review_due": "2026-01-09"}, "Review due", "The review date cannot be before the effective date."),
        ({"effective_date": ""}, "Effective date", "A document in force needs its effective date."),
        ({"tasks": ["CAF-2026-0042", "nonsense"]}, "Tasks", "“NONSENSE” is not a task reference"),
        ({"tasks": "CAF-2026-9999"}, "Tasks", "No task of this operation you can open"),
        ({"kind": "manifesto"}, "Kind", "Select a valid choice"),
        ({"title": ""}, "Title", "This field is required."),
        ({"review_due": "9999-12-31"}, "Review due", ""),
    ],
)  # fmt: skip
def test_bad_planning_documents_are_refused_with_a_clear_error(world, login, change, field, message):
    response = login(world.officer).post(url("document-create"), {**DOCUMENT, **change})
    assert response.status_code == 200
    summary = errors_of(response)
    assert field in summary
    assert message in summary
    assert not PlanningDocument.objects.exists()


def test_a_task_of_another_operation_cannot_be_linked(world, login):
    mali_task = TaskFactory(operation=world.other_operation, owner=world.other_officer, sensitivity=UNCLASSIFIED)
    client = login(world.officer)
    response = client.post(url("document-create"), {**DOCUMENT, "tasks": mali_task.reference})
    assert "No task of this operation you can open" in errors_of(response)
    response = client.post(url("mcda-create"), {**REQUEST, "task": mali_task.reference})
    assert "No task of this operation you can open" in errors_of(response)
    assert not PlanningDocument.objects.exists()
    assert not MCDARequest.objects.exists()


def test_an_actor_or_mission_of_another_operation_is_no_valid_choice(world, login):
    actor = ActorFactory(operation=world.other_operation, sensitivity=UNCLASSIFIED)
    mission = MissionFactory(acronym="MINUSMA", operations=[world.other_operation])
    response = login(world.officer).post(
        url("mcda-create"), {**REQUEST, "asset_actor": actor.pk, "asset_mission": mission.pk}
    )
    summary = errors_of(response)
    assert "Providing actor" in summary and "Providing mission" in summary
    assert not MCDARequest.objects.exists()


def test_the_database_refuses_what_the_form_refuses(world):
    """The invariants hold without the form too (the admin, a shell, a future import)."""
    for fields in (
        {"no_civilian_alternative": False},
        {"decision": "approved", "decided_on": None},
        {"decision": "approved", "decided_on": datetime.date(2026, 1, 1)},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            MCDARequestFactory(operation=world.operation, **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanningDocumentFactory(operation=world.operation, effective_date=datetime.date(2026, 2, 1),
                                review_due=datetime.date(2026, 1, 1))  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanningDocumentFactory(operation=world.operation, status="in_force", effective_date=None)


# --- Lost updates -------------------------------------------------------------------------------------------


def test_a_concurrent_edit_is_refused_with_409_and_the_input_kept(world, login):
    document = PlanningDocumentFactory(operation=world.operation, title="Guidelines v1", status="draft")
    head = login(world.head)
    assert head.post(url("document-edit", pk=document.pk), {**DOCUMENT, "title": "Guidelines v2", "status": "draft",
                                                            "version": 1}).status_code == 302  # fmt: skip
    officer = login(world.officer)
    response = officer.post(url("document-edit", pk=document.pk), {**DOCUMENT, "title": "My title", "version": 1})
    assert response.status_code == 409
    assert "saved this planning document while you were editing it" in response.text
    conflict = section(response.text, "conflict")
    assert "Guidelines v1" in conflict
    assert "Guidelines v2" in conflict
    assert 'value="My title"' in response.text
    document.refresh_from_db()
    assert (document.title, document.version) == ("Guidelines v2", 2)
    response = officer.post(url("document-edit", pk=document.pk), {**DOCUMENT, "title": "My title", "version": 2})
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.title, document.version) == ("My title", 3)


def test_an_mcda_edit_needs_its_version(world, login):
    request = MCDARequestFactory(operation=world.operation)
    client = login(world.officer)
    for version in ("", "x", "0", "9" * 30):
        response = client.post(url("mcda-edit", pk=request.pk), {**REQUEST, "version": version})
        assert response.status_code in (200, 409), version
    request.refresh_from_db()
    assert request.version == 1
    assert request.requested != REQUEST["requested"]


def test_checklist_quick_status_refuses_bad_and_stale_input(world, login):
    item = ChecklistItemFactory(operation=world.operation)
    client = login(world.officer)
    for data in ({"status": "finished", "version": 1}, {"status": "done"}, {"status": "done", "version": "x"}):
        response = client.post(url("checklist-item-status", pk=item.pk), data, follow=True)
        assert response.status_code == 200
        assert "nothing was saved" in response.text
    item.refresh_from_db()
    assert (item.status, item.version) == ("not_started", 1)
    assert client.post(url("checklist-item-status", pk=item.pk), {"status": "done", "version": 1}).status_code == 302
    response = client.post(url("checklist-item-status", pk=item.pk), {"status": "not_applicable", "version": 1},
                           follow=True)  # fmt: skip
    assert "your change was not saved" in response.text
    item.refresh_from_db()
    assert (item.status, item.version) == ("done", 2)


def test_a_checklist_owner_is_an_officer_or_head_of_the_operation(world, login):
    item = ChecklistItemFactory(operation=world.operation)
    client = login(world.officer)
    for person in (world.hct, world.other_officer, world.hq):
        data = {"status": "in_progress", "owner": person.pk, "sensitivity": CONFIDENTIAL, "version": 1}
        response = client.post(url("checklist-item-edit", pk=item.pk), data)
        assert response.status_code == 200
        assert "Select a valid choice" in errors_of(response)
    data = {"status": "in_progress", "owner": world.head.pk, "sensitivity": CONFIDENTIAL, "version": 1}
    response = client.post(url("checklist-item-edit", pk=item.pk), data)
    assert response.status_code == 302
    item = ChecklistItem.objects.get(pk=item.pk)
    assert (item.owner, item.status, item.version) == (world.head, "in_progress", 2)
