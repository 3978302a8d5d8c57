"""The task log's API writes and the actions of the pages, through the API (issue 19): a task created and edited
through the task form and services, its status moved, a note added, actors and a mission linked and unlinked, a
follow-up turned into a task and a party's answer recorded, each as its page does it.

Who may call which route at which level is the matrix's (``test_action_matrix``); here what a user sees: the
answers, what is stored, the history naming the token, stale versions, retries and hostile input.
"""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from actors.models import TaskActor
from cmcoord.core.models import IdempotentRequest
from deconfliction.models import PartyAnswer
from engagements.models import FollowUp
from missions.models import TaskMission
from protection_tasks.models import Activity, Task, TimelineEntry
from tests.accounts.test_api_tokens import make_token
from tests.factories import (
    ActorFactory,
    EngagementFactory,
    FollowUpFactory,
    MissionFactory,
    NotificationFactory,
    ProtectionPriorityFactory,
    TaskActorFactory,
    TaskFactory,
)
from tests.support import CONFIDENTIAL, STRICTLY_CONFIDENTIAL, UNCLASSIFIED

TASKS = "/api/v1/tasks/"
TOKEN_REASON = "API token “Script”"


def task_api(task, action=""):
    return f"{TASKS}{task.reference}/{action + '/' if action else ''}"


def send(client, address, body=None, method="post", **headers):
    payload = body if isinstance(body, str | bytes) else json.dumps({} if body is None else body)
    return getattr(client, method)(address, payload, content_type="application/json", headers=headers)


def with_token(token):
    client = Client()
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token}"
    return client


@pytest.fixture
def officer(world):
    client = Client()
    client.force_login(world.officer)
    return client


@pytest.fixture
def head(world):
    client = Client()
    client.force_login(world.head)
    return client


@pytest.fixture
def task(world):
    return TaskFactory(operation=world.operation, owner=world.officer, title="Water points", sensitivity=CONFIDENTIAL)


def new_task(**fields):
    """What a create sends: the operation, a title and a catalogue activity (the rest as the create page)."""
    activity = Activity.objects.get(code="AN-1", operation__isnull=True)
    return {"operation": "CAF", "title": "Escort for the Bria convoy", "activity": activity.pk, **fields}


# --- Create and edit ---------------------------------------------------------------------------------------


def test_a_task_is_created_through_the_form_and_the_service_once_per_key(world, officer):
    priority = ProtectionPriorityFactory(operation=world.operation)
    body = new_task(protection_priorities=[priority.pk], due_date="2026-12-31")
    created = send(officer, TASKS, body, Idempotency_Key="new-task-1")
    assert created.status_code == 201, created.json()
    answer = created.json()
    task = Task.objects.get(reference=answer["reference"])
    # As the create page: the author owns it, it starts planned, it is Confidential unless told, and it has its
    # first timeline entry and a reference from the operation's counter.
    assert task.owner == world.officer and task.status == "planned" and answer["status"] == "planned"
    assert answer["version"] == 1 and created["ETag"] == '"1"'
    assert created["Location"].endswith(task_api(task))
    assert list(task.protection_priorities.all()) == [priority]
    assert TimelineEntry.objects.filter(task=task, kind="created").count() == 1
    assert task.history.get().history_user == world.officer
    again = send(officer, TASKS, body, Idempotency_Key="new-task-1")
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    assert again.json() == answer
    assert Task.objects.filter(title="Escort for the Bria convoy").count() == 1
    assert send(officer, TASKS, {**body, "title": "Other"}, Idempotency_Key="new-task-1").status_code == 422
    read = officer.get(task_api(task))
    assert read.json()["version"] == 1 and read["ETag"] == '"1"'


def test_a_task_is_edited_from_its_version_and_a_stale_edit_is_refused_with_what_changed(world, officer, head, task):
    assert send(officer, task_api(task), {"title": "No version"}, "patch").status_code == 428
    edited = send(head, task_api(task), {"title": "Water points, Kaga-Bandoro"}, "patch", If_Match='"1"')
    assert edited.status_code == 200, edited.json()
    assert edited.json()["version"] == 2 and edited["ETag"] == '"2"'
    stale = send(officer, task_api(task), {"title": "Water points, Bangui", "version": 1}, "patch")
    assert stale.status_code == 412
    assert stale.json()["current"]["title"] == "Water points, Kaga-Bandoro" and stale["ETag"] == '"2"'
    change = next(entry for entry in stale.json()["changes"] if entry["field"] == "title")
    assert change == {"field": "title", "label": "title", "was": "Water points",
                      "theirs": "Water points, Kaga-Bandoro", "yours": "Water points, Bangui"}  # fmt: skip
    # A field nobody changed since is applied from the old version; the head's title stands.
    urgent = send(officer, task_api(task), {"urgency": 4, "version": 1}, "patch")
    assert urgent.status_code == 200, urgent.json()
    task.refresh_from_db()
    assert (task.title, task.urgency, task.version) == ("Water points, Kaga-Bandoro", 4, 3)
    # The edit page's workflow holds: a planned task is not completed in one step.
    illegal = send(officer, task_api(task), {"status": "completed", "version": 3}, "patch")
    assert illegal.status_code == 400 and "status" in illegal.json()


def test_strictly_confidential_tasks_are_neither_written_nor_acted_on(world, officer):
    refused = send(officer, TASKS, new_task(sensitivity=STRICTLY_CONFIDENTIAL))
    assert refused.status_code == 400 and "sensitivity" in refused.json()
    assert not Task.objects.filter(title="Escort for the Bria convoy").exists()
    task = TaskFactory(operation=world.operation, owner=world.officer, sensitivity=CONFIDENTIAL)
    raised = send(officer, task_api(task), {"sensitivity": STRICTLY_CONFIDENTIAL, "version": 1}, "patch")
    assert raised.status_code == 400 and "sensitivity" in raised.json()
    task.refresh_from_db()
    assert task.sensitivity == CONFIDENTIAL and task.version == 1
    secret = TaskFactory(operation=world.operation, owner=world.officer, sensitivity=STRICTLY_CONFIDENTIAL)
    for action, body in [("status", {"status": "in_progress", "version": 1}), ("notes", {"text": "x"})]:
        assert send(officer, task_api(secret, action), body).status_code == 404
    # A Strictly confidential actor is not linked through the API (its link would be Strictly confidential).
    hidden = ActorFactory(operation=world.operation, sensitivity=STRICTLY_CONFIDENTIAL)
    linked = send(officer, task_api(task, "actors"), {"actor": hidden.pk})
    assert linked.status_code == 400 and "actor" in linked.json()
    assert not TaskActor.objects.filter(task=task).exists()


# --- Status and notes ----------------------------------------------------------------------------------------


def test_the_status_moves_as_the_page_buttons_move_it(world, officer, head, task):
    started = send(officer, task_api(task, "status"), {"status": "in_progress", "version": 1})
    assert started.status_code == 200, started.json()
    assert started.json()["status"] == "in_progress" and started.json()["version"] == 2 and started["ETag"] == '"2"'
    task.refresh_from_db()
    assert task.start_date is not None  # as the page's "Start": dated today
    assert TimelineEntry.objects.filter(task=task, kind="status", new_value="In progress").exists()
    # The workflow: in progress may not go back to planned.
    illegal = send(officer, task_api(task, "status"), {"status": "planned"}, If_Match='"2"')
    assert illegal.status_code == 400 and list(illegal.json()) == ["status"]
    # Someone changed the task since version 2: 412 with the task as stored, nothing saved.
    assert send(head, task_api(task), {"urgency": 3, "version": 2}, "patch").status_code == 200
    stale = send(officer, task_api(task, "status"), {"status": "completed", "outcome": "Done", "version": 2})
    assert stale.status_code == 412
    assert stale.json()["current"]["status"] == "in_progress" and stale.json()["current"]["urgency"] == 3
    assert stale.json()["refused"] == ["status", "outcome"]
    assert any(change["field"] == "urgency" for change in stale.json()["changes"])
    completed = send(officer, task_api(task, "status"), {"status": "completed", "outcome": "Done", "version": 3})
    assert completed.status_code == 200 and completed.json()["completed_on"] is not None
    task.refresh_from_db()
    assert task.outcome == "Done" and task.status == "completed"
    assert send(officer, task_api(task, "status"), {"status": "in_progress"}).status_code == 428


def test_a_status_change_sent_again_with_its_key_is_applied_once(world, officer, task):
    first = send(officer, task_api(task, "status"), {"status": "on_hold", "version": 1}, Idempotency_Key="hold")
    again = send(officer, task_api(task, "status"), {"status": "on_hold", "version": 1}, Idempotency_Key="hold")
    assert first.status_code == again.status_code == 200
    assert again["Idempotent-Replayed"] == "true" and again.json() == first.json()
    task.refresh_from_db()
    assert task.version == 2
    assert TimelineEntry.objects.filter(task=task, kind="status").count() == 1


def test_a_note_is_added_once_per_key(world, officer, task):
    body = {"text": "Met the prefect; the water committee meets on Friday."}
    first = send(officer, task_api(task, "notes"), body, Idempotency_Key="note-1")
    assert first.status_code == 201, first.json()
    assert first.json()["text"] == body["text"] and first.json()["kind"] == "note"
    assert first.json()["task"] == task.reference and first.json()["author"]
    again = send(officer, task_api(task, "notes"), body, Idempotency_Key="note-1")
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true" and again.json() == first.json()
    assert TimelineEntry.objects.filter(task=task, kind="note").count() == 1
    assert send(officer, task_api(task, "notes"), body).status_code == 201  # no key: a second note, as sent
    assert TimelineEntry.objects.filter(task=task, kind="note").count() == 2


# --- Links ---------------------------------------------------------------------------------------------------


def test_actors_are_linked_and_unlinked_as_on_the_task_page(world, officer, task):
    actor = ActorFactory(operation=world.operation, sensitivity=UNCLASSIFIED, name="Prefecture of Bria")
    linked = send(officer, task_api(task, "actors"), {"actor": actor.pk, "role": "interlocutor"})
    assert linked.status_code == 201, linked.json()
    assert linked.json() == {"id": linked.json()["id"], "task": task.reference, "actor": actor.pk,
                             "actor_name": "Prefecture of Bria", "role": "interlocutor"}  # fmt: skip
    twice = send(officer, task_api(task, "actors"), {"actor": actor.pk, "role": "interlocutor"})
    assert twice.status_code == 400
    target = send(officer, task_api(task, "actors"), {"actor": actor.pk})
    assert target.status_code == 201 and target.json()["role"] == "target"  # the panel's default
    mali = ActorFactory(operation=world.other_operation, sensitivity=UNCLASSIFIED)
    foreign = send(officer, task_api(task, "actors"), {"actor": mali.pk})
    assert foreign.status_code == 400 and "actor" in foreign.json()
    assert TaskActor.objects.filter(task=task).count() == 2
    removed = send(officer, task_api(task, f"actors/{linked.json()['id']}/remove"))
    assert removed.status_code == 204
    assert list(TaskActor.objects.filter(task=task).values_list("role", flat=True)) == ["target"]
    assert send(officer, task_api(task, f"actors/{linked.json()['id']}/remove")).status_code == 404


def test_the_mission_is_set_changed_and_cleared(world, officer, task):
    minusca = MissionFactory(acronym="MINUSCA", operations=[world.operation])
    other = MissionFactory(acronym="MINUSMA", operations=[world.other_operation])
    answer = send(officer, task_api(task, "mission"), {"mission": minusca.pk})
    assert answer.status_code == 200, answer.json()
    assert answer.json() == {"task": task.reference, "mission": minusca.pk, "acronym": "MINUSCA"}
    refused = send(officer, task_api(task, "mission"), {"mission": other.pk})
    assert refused.status_code == 400 and "mission" in refused.json()
    assert TaskMission.objects.get(task=task).mission == minusca
    cleared = send(officer, task_api(task, "mission"), {"mission": None})
    assert cleared.status_code == 200 and cleared.json()["mission"] is None
    assert not TaskMission.objects.filter(task=task).exists()


# --- Follow-ups and answers ----------------------------------------------------------------------------------


def test_a_follow_up_becomes_one_task_however_often_it_is_sent(world, officer):
    actor = ActorFactory(operation=world.operation, sensitivity=UNCLASSIFIED)
    engagement = EngagementFactory(operation=world.operation, sensitivity=CONFIDENTIAL, actors=[actor])
    follow_up = FollowUpFactory(engagement=engagement, text="Visit the detention site")
    shown = officer.get(f"/api/v1/engagements/{engagement.pk}/").json()["follow_ups"]
    assert shown[0]["id"] == follow_up.pk and shown[0]["task"] is None
    first = send(officer, f"/api/v1/follow-ups/{follow_up.pk}/task/")
    assert first.status_code == 201, first.json()
    task = Task.objects.get(reference=first.json()["reference"])
    assert first.json()["title"].startswith("Visit the detention site") and first["Location"].endswith(task_api(task))
    assert task.sensitivity == CONFIDENTIAL  # as restricted as its engagement
    assert list(TaskActor.objects.filter(task=task).values_list("actor", flat=True)) == [actor.pk]
    again = send(officer, f"/api/v1/follow-ups/{follow_up.pk}/task/")
    assert again.status_code == 200 and again.json()["reference"] == task.reference
    keyed = send(officer, f"/api/v1/follow-ups/{follow_up.pk}/task/", Idempotency_Key="convert")
    assert keyed.status_code == 200 and keyed.json()["reference"] == task.reference
    assert Task.objects.filter(title__startswith="Visit the detention site").count() == 1
    assert FollowUp.objects.get(pk=follow_up.pk).task == task
    assert send(officer, f"/api/v1/follow-ups/{follow_up.pk}/task/", {"owner": 1}).status_code == 400


@pytest.fixture
def answer(world):
    party = ActorFactory(operation=world.operation, sensitivity=UNCLASSIFIED, party_to_conflict=True, name="FACA")
    notification = NotificationFactory(
        operation=world.operation, sensitivity=CONFIDENTIAL, parties=[party],
        submitted_at=timezone.now() - timedelta(days=2),
    )  # fmt: skip
    return PartyAnswer.objects.get(notification=notification)


def test_a_partys_answer_is_recorded_and_the_notification_follows(world, officer, head, answer):
    listed = officer.get(f"/api/v1/notifications/{answer.notification.pk}/").json()["answers"]
    assert listed == [{"id": answer.pk, "party": "FACA", "status": "submitted", "answered_at": None, "version": 1}]
    address = f"/api/v1/notification-answers/{answer.pk}/record/"
    assert send(officer, address, {"status": "acknowledged"}).status_code == 428
    recorded = send(officer, address, {"status": "rejected", "note": "By phone", "version": 1})
    assert recorded.status_code == 200, recorded.json()
    assert recorded.json()["status"] == "rejected" and recorded.json()["note"] == "By phone"
    assert recorded.json()["version"] == 2 and recorded["ETag"] == '"2"'
    answer.notification.refresh_from_db()
    assert answer.notification.status == "rejected"  # a rejection outweighs everything
    stale = send(head, address, {"status": "acknowledged", "version": 1})
    assert stale.status_code == 412 and stale.json()["current"]["status"] == "rejected"
    assert any(change["field"] == "status" for change in stale.json()["changes"])
    early = send(head, address, {"status": "acknowledged", "answered_at": "2000-01-01T10:00", "version": 2})
    assert early.status_code == 400 and "answered_at" in early.json()
    answer.refresh_from_db()
    assert answer.status == "rejected" and answer.version == 2


# --- Audit ---------------------------------------------------------------------------------------------------


def test_every_write_made_with_a_token_names_it_in_the_history(world, task, answer):
    client = with_token(make_token(world.officer, can_write=True))
    actor = ActorFactory(operation=world.operation, sensitivity=UNCLASSIFIED)
    mission = MissionFactory(operations=[world.operation])
    follow_up = FollowUpFactory(engagement=EngagementFactory(operation=world.operation, sensitivity=CONFIDENTIAL))
    created = send(client, TASKS, new_task())
    assert created.status_code == 201, created.json()
    assert send(client, task_api(task, "status"), {"status": "in_progress", "version": 1}).status_code == 200
    assert send(client, task_api(task, "notes"), {"text": "Visited"}).status_code == 201
    link = send(client, task_api(task, "actors"), {"actor": actor.pk})
    assert link.status_code == 201
    assert send(client, task_api(task, "mission"), {"mission": mission.pk}).status_code == 200
    assert send(client, task_api(task, f"actors/{link.json()['id']}/remove")).status_code == 204
    converted = send(client, f"/api/v1/follow-ups/{follow_up.pk}/task/")
    assert converted.status_code == 201
    recorded = send(client, f"/api/v1/notification-answers/{answer.pk}/record/", {"status": "acknowledged",
                                                                                   "version": 1})  # fmt: skip
    assert recorded.status_code == 200

    def reasons(history):
        return {(row.history_change_reason, row.history_user_id) for row in history}

    named = {(TOKEN_REASON, world.officer.pk)}
    assert reasons(Task.history.filter(reference=created.json()["reference"])) == named
    assert reasons(Task.history.filter(id=task.pk, version=2)) == named
    assert reasons(TimelineEntry.history.filter(task_id=task.pk, kind="note")) == named
    assert reasons(TaskActor.history.filter(task_id=task.pk)) == named  # the link and its removal
    assert TaskActor.history.filter(task_id=task.pk).count() == 2
    assert reasons(TaskMission.history.filter(task_id=task.pk)) == named
    assert reasons(Task.history.filter(reference=converted.json()["reference"])) == named
    assert reasons(FollowUp.history.filter(id=follow_up.pk).exclude(task=None)) == named
    assert reasons(PartyAnswer.history.filter(id=answer.pk, version=2)) == named
    # A write through the pages (no token) names none.
    page = Client()
    page.force_login(world.officer)
    page.post(f"/operations/CAF/tasks/{task.reference}/notes/", {"text": "From the page"})
    assert reasons(TimelineEntry.history.filter(text="From the page")) == {(None, world.officer.pk)}


def test_a_read_only_token_changes_nothing(world, task, answer):
    client = with_token(make_token(world.officer))
    follow_up = FollowUpFactory(engagement=EngagementFactory(operation=world.operation, sensitivity=CONFIDENTIAL))
    writes = [
        (TASKS, new_task()),
        (task_api(task, "status"), {"status": "in_progress", "version": 1}),
        (task_api(task, "notes"), {"text": "Visited"}),
        (f"/api/v1/follow-ups/{follow_up.pk}/task/", {}),
        (f"/api/v1/notification-answers/{answer.pk}/record/", {"status": "acknowledged", "version": 1}),
    ]
    for address, body in writes:
        assert send(client, address, body).status_code == 403, address
    assert send(client, task_api(task), {"title": "x", "version": 1}, "patch").status_code == 403
    task.refresh_from_db()
    assert task.version == 1 and not TimelineEntry.objects.filter(task=task).exists()
    assert Task.objects.count() == 1 and IdempotentRequest.objects.count() == 0


# --- Hostile input -------------------------------------------------------------------------------------------

HOSTILE = [None, True, 1e308, -1, "9" * 5000, "\x00", "\ud800", [1, 2], {"a": 1}, "x" * 100_000, "", "0001-01-01"]


def test_bad_input_is_a_400_naming_the_field_never_a_5xx(world, officer, task, answer):
    officer.raise_request_exception = False
    an_hour_ago = timezone.localtime(timezone.now() - timedelta(hours=1), world.operation.time_zone)
    an_hour_ago = an_hour_ago.strftime("%Y-%m-%dT%H:%M")
    actor = ActorFactory(operation=world.operation, sensitivity=UNCLASSIFIED)
    TaskActorFactory(task=task, actor=actor)
    routes = {
        task_api(task, "status"): {"status": "in_progress", "outcome": "x", "version": 1},
        task_api(task, "notes"): {"text": "A note"},
        task_api(task, "actors"): {"actor": actor.pk, "role": "partner"},
        task_api(task, "mission"): {"mission": None},
        f"/api/v1/notification-answers/{answer.pk}/record/": {
            "status": "acknowledged", "answered_at": an_hour_ago, "note": "x", "version": 1,
        },
        TASKS: new_task(),
    }  # fmt: skip

    def fresh():  # a value the route takes moves the task or the answer on: each try starts from version 1
        Task.objects.filter(pk=task.pk).update(status="planned", version=1)
        PartyAnswer.objects.filter(pk=answer.pk).update(status="submitted", answered_at=None, version=1)

    failures = []
    for address, valid in routes.items():
        for name in valid:
            for value in HOSTILE:
                body = {**valid, name: value}
                fresh()
                response = send(officer, address, body)
                if response.status_code >= 500 or response.status_code not in (200, 201, 400):
                    failures.append(f"{address} {name}={str(value)[:12]!r}: {response.status_code}")
                elif response.status_code == 400 and not set(response.json()) & {name, "non_field_errors"}:
                    failures.append(f"{address} {name}={str(value)[:12]!r}: 400 naming {list(response.json())}")
        for body in ([], "not json", {**valid, "no_such_field": 1}, {**valid, "\ud800": 1}):
            response = send(officer, address, body)
            if response.status_code != 400:
                failures.append(f"{address} {str(body)[:12]!r}: {response.status_code}")
        if officer.post(address, {"form": "encoded"}).status_code != 415:
            failures.append(f"{address} form-encoded")
    assert not failures, "\n".join(failures)
    fresh()
    named = [
        (task_api(task, "status"), {"status": "flying", "version": 1}, "status"),
        (task_api(task, "status"), {"status": None, "version": 1}, "status"),
        (task_api(task, "status"), {"status": "in_progress", "version": "one"}, "version"),
        (task_api(task, "notes"), {"text": "   "}, "text"),
        (task_api(task, "notes"), {"text": "x" * 5001}, "text"),
        (task_api(task, "actors"), {"actor": "Prefecture"}, "actor"),
        (task_api(task, "actors"), {"actor": actor.pk, "role": "boss"}, "role"),
        (task_api(task, "mission"), {"mission": 999_999}, "mission"),
        (task_api(task, "mission"), {}, "mission"),
        (f"/api/v1/notification-answers/{answer.pk}/record/", {"status": "submitted", "version": 1}, "status"),
        (TASKS, new_task(status="cancelled"), "status"),
        (TASKS, new_task(title="x" * 201), "title"),
        (TASKS, {"title": "No operation"}, "operation"),
    ]
    for address, body, field in named:
        response = send(officer, address, body)
        assert response.status_code == 400 and field in response.json(), (address, body, response.content[:200])
    assert send(officer, task_api(task, "status"), {"status": "in_progress"}, method="put").status_code == 405


# --- Query budgets -------------------------------------------------------------------------------------------


def test_the_task_list_and_writes_cost_the_same_whatever_the_data(world, officer, django_assert_max_num_queries):
    priorities = [ProtectionPriorityFactory(operation=world.operation) for _ in range(3)]
    for n in range(60):
        owner = world.officer if n % 2 else world.head
        TaskFactory(operation=world.operation, owner=owner, sensitivity=UNCLASSIFIED, protection_priorities=priorities)
    with django_assert_max_num_queries(12):
        listed = officer.get(f"{TASKS}?page_size=50")
    assert len(listed.json()["results"]) == 50
    assert all(len(row["protection_priorities"]) == 3 for row in listed.json()["results"])
    task = Task.objects.order_by("pk").first()
    with django_assert_max_num_queries(60):  # 56 without priorities: one more to link them, not one each
        assert send(officer, TASKS, new_task(protection_priorities=[p.pk for p in priorities])).status_code == 201
    # An edit reads the task form twice (as stored, then with the body laid over it) and saves through task_edit:
    # 58 with three priorities, two more where the task has collaborators; never one per link.
    with django_assert_max_num_queries(62):
        assert send(officer, task_api(task), {"urgency": 3, "version": 1}, "patch").status_code == 200
    with django_assert_max_num_queries(15):
        assert send(officer, task_api(task, "notes"), {"text": "Visited"}).status_code == 201
    with django_assert_max_num_queries(40):
        assert send(officer, task_api(task, "status"), {"status": "in_progress", "version": 2}).status_code == 200


# --- Schema --------------------------------------------------------------------------------------------------


def test_the_schema_documents_every_new_operation_with_its_bodies_answers_and_enums():
    from drf_spectacular.generators import SchemaGenerator

    from actors.choices import TaskActorRole
    from deconfliction.choices import ANSWERS
    from protection_tasks.choices import TaskStatus

    schema = SchemaGenerator().get_schema(request=None, public=True)
    paths, components = schema["paths"], schema["components"]["schemas"]
    refusals = {"400", "401", "403", "404", "409", "415", "422", "429"}
    actions = {
        "/api/v1/tasks/{reference}/status/": ({"200", "412", "428"}, "StatusBody"),
        "/api/v1/tasks/{reference}/notes/": ({"201"}, "NoteBody"),
        "/api/v1/tasks/{reference}/actors/": ({"201"}, "ActorLinkBody"),
        "/api/v1/tasks/{reference}/actors/{id}/remove/": ({"204"}, None),
        "/api/v1/tasks/{reference}/mission/": ({"200"}, "MissionBody"),
        "/api/v1/follow-ups/{id}/task/": ({"200", "201"}, None),
        "/api/v1/notification-answers/{id}/record/": ({"200", "412", "428"}, "AnswerBody"),
    }
    for path, (answers, body) in actions.items():
        operations = paths[path]
        assert set(operations) == {"post"}, path  # an action is a POST, nothing else
        post = operations["post"]
        assert answers | refusals <= set(post["responses"]), (path, sorted(post["responses"]))
        assert any(parameter["name"] == "Idempotency-Key" for parameter in post["parameters"]), path
        if body is None:
            assert "requestBody" not in post, path
        else:
            assert post["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(f"/{body}"), path
    assert {"201", "400", "401", "403", "409", "415", "422", "429"} <= set(paths["/api/v1/tasks/"]["post"]["responses"])
    edit = paths["/api/v1/tasks/{reference}/"]["patch"]
    assert {"200", "400", "401", "403", "404", "412", "415", "428", "429"} <= set(edit["responses"])
    assert "put" not in paths["/api/v1/tasks/{reference}/"] and "delete" not in paths["/api/v1/tasks/{reference}/"]
    # Typed ids and the values the server takes.
    assert components["NoteBody"]["properties"]["text"]["maxLength"] == 5000
    assert components["ActorLinkBody"]["properties"]["actor"]["type"] == "integer"
    assert components["MissionBody"]["properties"]["mission"]["type"] == "integer"
    assert components["MissionBody"]["properties"]["mission"]["nullable"] is True
    assert components["TaskStatusEnum"]["enum"] == list(TaskStatus.values)
    assert components["NewTaskStatusEnum"]["enum"] == ["planned", "in_progress", "completed"]
    assert components["RecordedAnswerEnum"]["enum"] == [status.value for status in ANSWERS]
    role = components["ActorLinkBody"]["properties"]["role"]["$ref"].rsplit("/", 1)[1]
    assert components[role]["enum"] == list(TaskActorRole.values)
    # A new task starts the workflow; an edit may send any status (the workflow then judges the move).
    assert "/NewTaskStatusEnum" in json.dumps(components["TaskNew"]["properties"]["status"])
    assert "/TaskStatusEnum" in json.dumps(components["PatchedTaskEdit"]["properties"]["status"])
    for body in ("TaskNew", "PatchedTaskEdit"):  # ids by their type: the catalogue's and people's are integers
        for name in ("activity", "owner"):
            assert components[body]["properties"][name]["type"] == "integer", (body, name)
        assert components[body]["properties"]["collaborators"]["items"]["type"] == "integer"
    assert "version" in components["Task"]["properties"]
