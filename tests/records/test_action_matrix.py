"""Every write route the task log and the pages' actions have in the API, tried by every standing (anonymous and a
read-only token too) on a record of each level in CAF and on one in Mali: who may change it does (2xx), who
reads it through the API but may not change it gets 403, anyone else 404 (no hint that it exists), and 401
without a session or token. Strictly confidential records are out of the API's reach for everyone.

The kit's record types have theirs in ``test_matrix`` and ``test_api_writes``; the expectations here are those of
tests/support.py, written by hand from the README's "Who sees what".
"""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from actors.models import TaskActor
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
    TaskActorFactory,
    TaskFactory,
)
from tests.support import API_LEVELS, CONFIDENTIAL, EDITORS, STANDINGS, STRICTLY_CONFIDENTIAL, UNCLASSIFIED

LEVELS = (UNCLASSIFIED, CONFIDENTIAL, STRICTLY_CONFIDENTIAL)
MALI_READERS = {"hq", "hq_limited", "other_officer"}  # read Mali's Unclassified records through the API
MALI_EDITORS = {"other_officer"}
CAF_READERS = {"officer", "head", "hct", "hq", "read_only_token"}  # see CAF at all (a create names it)
CALLERS = [*STANDINGS, "anonymous", "read_only_token"]
MARKER = "Matrix task marker"

# Each route on one bundle of records (a task, its actor link, a follow-up, a party's answer) at one level, and
# its answer where it is applied.
ROUTES = {
    "edit": (lambda b: (f"/api/v1/tasks/{b.task.reference}/", {"urgency": 3, "version": b.version()}, "patch"), 200),
    "status": (lambda b: (f"/api/v1/tasks/{b.task.reference}/status/",
                          {"status": "on_hold", "version": b.version()}, "post"), 200),
    "note": (lambda b: (f"/api/v1/tasks/{b.task.reference}/notes/", {"text": "A note"}, "post"), 201),
    "link actor": (lambda b: (f"/api/v1/tasks/{b.task.reference}/actors/",
                              {"actor": b.actor.pk, "role": "partner"}, "post"), 201),
    "unlink actor": (lambda b: (f"/api/v1/tasks/{b.task.reference}/actors/{b.link.pk}/remove/", {}, "post"), 204),
    "mission": (lambda b: (f"/api/v1/tasks/{b.task.reference}/mission/", {"mission": b.mission.pk}, "post"), 200),
    "follow-up to task": (lambda b: (f"/api/v1/follow-ups/{b.follow_up.pk}/task/", {}, "post"), 201),
    "answer": (lambda b: (f"/api/v1/notification-answers/{b.answer.pk}/record/",
                          {"status": "acknowledged", "version": b.answer_version()}, "post"), 200),
}  # fmt: skip


class Bundle:
    """The records one level's routes act on, in ``operation``."""

    def __init__(self, operation, owner, level, mission):
        self.actor = ActorFactory(operation=operation, sensitivity=UNCLASSIFIED)
        self.task = TaskFactory(operation=operation, owner=owner, sensitivity=level, title=f"{MARKER} {level}")
        self.link = TaskActorFactory(task=self.task, actor=self.actor)
        engagement = EngagementFactory(operation=operation, sensitivity=level, summary=f"{MARKER} {level}")
        self.follow_up = FollowUpFactory(engagement=engagement, text=f"{MARKER} follow-up {level}")
        notification = NotificationFactory(
            operation=operation, sensitivity=level, parties=[self.actor], title=f"{MARKER} {level}",
            submitted_at=timezone.now() - timedelta(days=2),
        )  # fmt: skip
        self.answer = PartyAnswer.objects.get(notification=notification)
        self.mission = mission

    def version(self):
        return Task.objects.get(pk=self.task.pk).version

    def answer_version(self):
        return PartyAnswer.objects.get(pk=self.answer.pk).version


def expected(caller, where, level):
    """The status of a write on a record of ``level`` in ``where`` (CAF or MLI) by ``caller``; None: applied."""
    if caller == "anonymous":
        return 401
    if where == "MLI":
        readable, editor = caller in MALI_READERS, caller in MALI_EDITORS
    else:  # a read-only token reads what its owner (an officer) reads, and changes nothing
        readable = level in API_LEVELS["officer" if caller == "read_only_token" else caller]
        editor = caller in EDITORS
    if not readable:
        return 404
    return None if editor else 403


def expected_create(caller, code, level):
    """The status of ``POST /api/v1/tasks/`` into operation ``code`` at ``level`` by ``caller``."""
    if caller == "anonymous":
        return 401
    sees, edits = (caller in CAF_READERS, caller in EDITORS) if code == "CAF" else (
        caller in MALI_READERS, caller in MALI_EDITORS
    )  # fmt: skip
    if not sees:
        return 400  # on ``operation``: as if it did not exist
    if not edits:
        return 403
    return 400 if level == STRICTLY_CONFIDENTIAL else 201  # the API carries no Strictly confidential task


def client_for(world, caller):
    client = Client()
    if caller == "read_only_token":
        client.defaults["HTTP_AUTHORIZATION"] = f"Token {make_token(world.officer)}"
    elif caller != "anonymous":
        client.force_login(world.by_role(caller))
    return client


def send(client, address, body, method):
    return getattr(client, method)(address, json.dumps(body), content_type="application/json")


@pytest.mark.parametrize("caller", CALLERS)
def test_every_write_route_by_standing_level_and_operation(world, caller):
    mission = MissionFactory(operations=[world.operation, world.other_operation])
    bundles = {("CAF", level): Bundle(world.operation, world.officer, level, mission) for level in LEVELS}
    bundles["MLI", UNCLASSIFIED] = Bundle(world.other_operation, world.other_officer, UNCLASSIFIED, mission)
    client = client_for(world, caller)
    activity = Activity.objects.get(code="AN-1", operation__isnull=True).pk
    tasks_before = Task.objects.count()
    failures = []
    for (where, level), bundle in bundles.items():
        want = expected(caller, where, level)
        for name, (route, applied) in ROUTES.items():
            address, body, method = route(bundle)
            response = send(client, address, body, method)
            if response.status_code != (applied if want is None else want):
                failures.append(f"{name} {where} {level}: {response.status_code}, expected {want or applied}")
            if want is not None and MARKER in response.content.decode():
                failures.append(f"{name} {where} {level}: a refusal shows the record")
        if want is not None:  # refused: nothing of the bundle changed
            task = Task.objects.get(pk=bundle.task.pk)
            assert (task.version, task.status) == (1, "planned"), (caller, where, level)
            assert not TimelineEntry.objects.filter(task=task).exists()
            assert list(TaskActor.objects.filter(task=task)) == [bundle.link]
            assert not TaskMission.objects.filter(task=task).exists()
            assert FollowUp.objects.get(pk=bundle.follow_up.pk).task_id is None
            assert PartyAnswer.objects.get(pk=bundle.answer.pk).version == 1
        create = {"title": "Created by the matrix", "activity": activity}
        response = send(client, "/api/v1/tasks/", {**create, "operation": where, "sensitivity": level}, "post")
        want = expected_create(caller, where, level)
        if response.status_code != want:
            failures.append(f"create {where} {level}: {response.status_code}, expected {want}")
        elif want == 400:
            assert list(response.json()) == ["operation" if expected_create(caller, where, 1) == 400 else "sensitivity"]
    assert not failures, "\n".join(failures)
    made = Task.objects.count() - tasks_before
    applied = sum(expected(caller, where, level) is None for where, level in bundles)
    creates = sum(expected_create(caller, where, level) == 201 for where, level in bundles)
    assert made == applied + creates  # a follow-up each where applied, a create each where allowed; none else
