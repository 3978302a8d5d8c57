"""Writes of engagements, follow-ups and key messages. Views change them only through these functions.

Every write is re-checked inside its transaction (``save_within_scope``); edits claim the record's version with one
conditional UPDATE, as tasks do, so that of two simultaneous saves one wins and the other is told what changed.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from actors.choices import ARMED_CATEGORIES, TaskActorRole
from actors.models import Actor, TaskActor
from cmcoord.core.access import Action, can, standings_allowed
from cmcoord.core.choices import Sensitivity
from cmcoord.core.scoping import OutOfScope, save_within_scope
from cmcoord.core.versioning import ConcurrentEdit, save_versioned
from cmcoord.operations.models import Membership
from missions.models import TaskMission
from protection_tasks.models import Task
from protection_tasks.services import task_create

from .choices import KeyMessageStatus
from .models import Engagement, FollowUp, KeyMessage

__all__ = ["ConcurrentEdit"]

# Fields compared to tell a user what changed under them, in the order they are shown.
TRACKED_FIELDS = {
    Engagement: [
        "occurred_at", "mode", "mission", "sensitivity", "topics", "admin1_name", "admin1_pcode",
        "admin2_name", "admin2_pcode", "other_participants", "summary", "outcome", "delivered_language",
    ],
    KeyMessage: [
        "title", "issue", "status", "endorsed_on", "sensitivity", "language", "text", "text_en", "text_fr", "text_es",
        "text_ar",
    ],
}  # fmt: skip


# --- Links ------------------------------------------------------------------------------------------


def _set_links(user, manager, chosen) -> None:
    """Replace the records a many-to-many field links to by ``chosen``, keeping those the user cannot see: a form
    offers only what its user may read, and saving it must not drop what it never showed."""
    if chosen is None:
        return
    model = manager.model
    hidden = list(
        manager.exclude(pk__in=model.objects.restrict(user, Action.VIEW).values("pk")).values_list("pk", flat=True)
    )
    manager.set([*chosen, *hidden])


def declassification_error(user, engagement: Engagement, actors, before: Engagement | None = None) -> str | None:
    """Why ``user`` may not save ``engagement`` as it stands with ``actors``, or None.

    An engagement with an armed actor (armed forces, foreign military, non-state armed group) becomes Unclassified
    only by the head of office, who manages the operation: the HCT then reads who met whom. Once the head has made
    it so, an officer may edit it without undoing that decision, as long as no armed actor is added.
    """
    if engagement.sensitivity != Sensitivity.UNCLASSIFIED:
        return None
    armed = {actor.pk for actor in actors if actor.category in ARMED_CATEGORIES}
    if not armed or can(user, Action.MANAGE, engagement.operation):
        return None
    if before is not None and before.sensitivity == Sensitivity.UNCLASSIFIED:
        already = set(before.actors.filter(category__in=ARMED_CATEGORIES).values_list("pk", flat=True))
        if armed <= already:
            return None
    return _(
        "An engagement with an armed actor can be made Unclassified only by the head of office. "
        "Keep it Confidential, or ask the head of office to declassify it."
    )


def _all_actors(user, engagement: Engagement, actors) -> list[Actor]:
    """The actors the engagement will have once saved: those chosen plus those the user cannot see."""
    chosen = list(actors) if actors is not None else list(engagement.actors.all()) if engagement.pk else []
    if engagement.pk:
        hidden = engagement.actors.exclude(pk__in=Actor.objects.restrict(user, Action.VIEW).values("pk"))
        chosen += list(hidden)
    return chosen


# --- Engagements ------------------------------------------------------------------------------------


def _engagement_writer(user, engagement, *, actors, ocha_participants, tasks, key_messages):
    def write():
        engagement.full_clean()
        engagement.save()
        _set_links(user, engagement.actors, actors)
        if ocha_participants is not None:
            engagement.ocha_participants.set(ocha_participants)
        _set_links(user, engagement.tasks, tasks)
        _set_links(user, engagement.key_messages, key_messages)
        if key_messages is not None:
            mark_delivered(user, engagement.key_messages.filter(pk__in=[message.pk for message in key_messages]))
        return engagement

    return write


# A message the HCT drafted or agreed becomes "Delivered" once recorded as delivered at an engagement; a retired one
# stays retired (it was delivered before it was withdrawn).
DELIVERABLE = (KeyMessageStatus.DRAFT, KeyMessageStatus.AGREED)


def mark_delivered(user, messages) -> None:
    """Set the key messages among ``messages`` that are drafted or agreed to "Delivered", each saved as an edit (its
    version moves on, so that a form opened before sees the change; the history records who recorded the delivery)."""
    for message in messages.filter(status__in=DELIVERABLE):
        message.status = KeyMessageStatus.DELIVERED
        message.version += 1
        message._history_user = user  # who recorded the delivery, in the message's history
        message.save(update_fields=["status", "version", "updated_at"])


def _check_declassification(user, engagement, actors, before) -> None:
    problem = declassification_error(user, engagement, _all_actors(user, engagement, actors), before)
    if problem:
        raise ValidationError({"sensitivity": problem})


def engagement_create(*, user, engagement: Engagement, actors=(), ocha_participants=(), tasks=(), key_messages=()):
    """Save a new engagement with its links. Raises ValidationError (nothing saved) for an armed actor's
    engagement made Unclassified by anyone but the head of office, and :class:`OutOfScope` outside the user's scope.
    """
    _check_declassification(user, engagement, actors, None)
    write = _engagement_writer(
        user, engagement, actors=actors, ocha_participants=ocha_participants, tasks=tasks, key_messages=key_messages
    )
    return save_within_scope(user, engagement, save=write)


def engagement_edit(
    *, user, engagement: Engagement, expected_version: int, actors=None, ocha_participants=None, tasks=None,
    key_messages=None,
):  # fmt: skip
    """Save an edited engagement if nobody saved it since ``expected_version``; else raise :class:`ConcurrentEdit`.
    Links given as None are left as they are."""
    before = Engagement.objects.restrict(user, Action.CHANGE).filter(pk=engagement.pk).first()
    if before is None:
        raise OutOfScope(_("You cannot change this record."))
    _check_declassification(user, engagement, actors, before)
    write = _engagement_writer(
        user, engagement, actors=actors, ocha_participants=ocha_participants, tasks=tasks, key_messages=key_messages
    )
    return save_versioned(
        user=user,
        instance=engagement,
        expected_version=expected_version,
        write=write,
        fields=TRACKED_FIELDS[Engagement],
    )


# --- Follow-ups -------------------------------------------------------------------------------------


def follow_up_add(*, user, follow_up: FollowUp) -> FollowUp:
    """Add an agreed follow-up to an engagement the user may change."""

    def write():
        follow_up.full_clean()
        follow_up.save()
        return follow_up

    return save_within_scope(user, follow_up, save=write)


def follow_up_delete(*, user, follow_up: FollowUp) -> None:
    """Remove a follow-up that has not become a task (one that has stays, as the task's reference back)."""
    with transaction.atomic():
        deleted, _rows = (
            FollowUp.objects.restrict(user, Action.CHANGE).filter(pk=follow_up.pk, task__isnull=True).delete()
        )
    if not deleted:
        raise ValidationError(_("This follow-up is already a task; it stays as the task's reference back."))


class _AlreadyConverted(Exception):  # noqa: N818 - an internal signal to roll back, not an error
    pass


def follow_up_convert(*, user, follow_up: FollowUp) -> tuple[Task, bool]:
    """Turn an agreed follow-up into a task of the operation, once: ``(task, True)`` the first time, then
    ``(the same task, False)``, however many clicks arrive and however close together.

    The task is pre-filled from the follow-up (activity, text, due date, proposed owner) and its engagement
    (sensitivity, place, actors, mission), created through ``task_create`` like any other; the follow-up's link to
    it is the reference back, shown on the task's page to who may open the engagement. The task stays as restricted
    as the engagement (``cmcoord.core.derivations``, declared in ``models``). The
    follow-up row is locked while this runs (PostgreSQL), and claimed with a conditional UPDATE (every database):
    a second click waits, then finds the task; a click that lost a race has its own task rolled back.
    """
    try:
        with transaction.atomic():
            locked = _lock(user, follow_up.pk)
            if locked is None:
                raise OutOfScope(_("You cannot change this follow-up."))
            if locked.task_id:
                return Task.objects.get(pk=locked.task_id), False
            task = task_create(user=user, task=_task_for(user, locked))
            engagement = locked.engagement
            actors = engagement.actors.restrict(user, Action.VIEW).order_by("pk")
            TaskActor.objects.bulk_create(
                [TaskActor(task=task, actor=actor, role=TaskActorRole.INTERLOCUTOR) for actor in actors]
            )
            if engagement.mission_id:
                TaskMission.objects.create(task=task, mission=engagement.mission)
            if not FollowUp.objects.filter(pk=locked.pk, task__isnull=True).update(task=task):
                raise _AlreadyConverted
            locked.task = task
            locked.save(update_fields=["task"])  # once more through the model, for the audit trail
            return task, True
    except _AlreadyConverted:
        current = FollowUp.objects.restrict(user, Action.CHANGE).select_related("task").get(pk=follow_up.pk)
        return current.task, False


def _lock(user, pk) -> FollowUp | None:
    """The follow-up, locked until the transaction ends (PostgreSQL; SQLite serialises writers itself)."""
    return (
        FollowUp.objects.restrict(user, Action.CHANGE)
        .select_for_update(of=("self",))
        .select_related("engagement__operation", "engagement__mission", "activity", "owner")
        .filter(pk=pk)
        .first()
    )


def _task_for(user, follow_up: FollowUp) -> Task:
    engagement = follow_up.engagement
    operation = engagement.operation
    owner = follow_up.owner
    may_own = (
        owner is not None
        and owner.is_active
        and Membership.objects.filter(
            user=owner, operation=operation, role__in=standings_allowed(Action.CHANGE)
        ).exists()
    )
    return Task(
        operation=operation,
        activity=follow_up.activity,
        title=follow_up.text[:200],
        # The text only (in full where the title cut it): where it was agreed is shown from the link, to who may
        # open the engagement, never written into the task (``engagements_of_task``).
        description=follow_up.text if len(follow_up.text) > 200 else "",
        owner=owner if may_own else user,
        due_date=follow_up.due_date,
        sensitivity=engagement.sensitivity,
        admin1_name=engagement.admin1_name,
        admin1_pcode=engagement.admin1_pcode,
        admin2_name=engagement.admin2_name,
        admin2_pcode=engagement.admin2_pcode,
    )


# --- Key messages -----------------------------------------------------------------------------------


def _key_message_writer(user, message: KeyMessage, *, target_actors, engagements):
    def write():
        if message.status in DELIVERABLE and (engagements or (message.pk and message.engagements.exists())):
            message.status = KeyMessageStatus.DELIVERED  # recorded as delivered at an engagement
        message.full_clean()
        message.save()
        _set_links(user, message.target_actors, target_actors)
        _set_links(user, message.engagements, engagements)
        return message

    return write


def key_message_create(*, user, message: KeyMessage, target_actors=(), engagements=()) -> KeyMessage:
    write = _key_message_writer(user, message, target_actors=target_actors, engagements=engagements)
    return save_within_scope(user, message, save=write)


def key_message_edit(
    *, user, message: KeyMessage, expected_version: int, target_actors=None, engagements=None
) -> KeyMessage:
    """Save an edited key message if nobody saved it since ``expected_version``; else raise :class:`ConcurrentEdit`."""
    write = _key_message_writer(user, message, target_actors=target_actors, engagements=engagements)
    return save_versioned(
        user=user, instance=message, expected_version=expected_version, write=write, fields=TRACKED_FIELDS[KeyMessage]
    )
