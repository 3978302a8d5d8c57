"""Writes of the humanitarian notification system. Views change notifications and answers only through these.

Every write is re-checked inside its transaction (``save_within_scope``); edits of a notification and answers of
a party are claimed by version (``cmcoord.core.versioning``: one conditional UPDATE), so of two simultaneous saves
exactly one wins and the other gets ``ConcurrentEdit``, told what changed, instead of silently overwriting it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cmcoord.core.access import Action
from cmcoord.core.scoping import save_within_scope
from cmcoord.core.versioning import save_versioned

from .choices import ANSWERS, AnswerStatus, NotificationStatus
from .models import Notification, NotificationSettings, PartyAnswer

# Fields compared to tell a user what changed under them, in the order they are shown.
TRACKED_FIELDS = [
    "reference", "kind", "title", "notifying_organisation", "description", "sensitivity", "valid_from", "valid_to",
    "submitted_at", "admin1_name", "admin1_pcode", "admin2_name", "admin2_pcode", "latitude", "longitude", "origin",
    "destination", "route", "mission",
]  # fmt: skip
ANSWER_FIELDS = ["status", "answered_at", "note"]


def overall_status(answers: Iterable[str]) -> tuple[str, bool]:
    """A notification's status from its parties' answers, and whether some party has not answered yet.

    A rejection outweighs everything (the site or movement is not deconflicted with that party), then a party
    still to answer, then a party recorded as never answering; "acknowledged" means every party acknowledged.
    """
    answers = set(answers)
    awaiting = AnswerStatus.SUBMITTED in answers or not answers
    if AnswerStatus.REJECTED in answers:
        return NotificationStatus.REJECTED, awaiting
    if awaiting:
        return NotificationStatus.SUBMITTED, True
    if AnswerStatus.NO_RESPONSE in answers:
        return NotificationStatus.NO_RESPONSE, False
    return NotificationStatus.ACKNOWLEDGED, False


def notification_refresh_status(notification: Notification) -> Notification:
    """Recompute the notification's status from every answer (the system's view, not a reader's) and save it
    through ``save``, so that the change is in the notification's history.

    The notification's row is locked first: two parties' answers recorded at the same moment are counted one after
    the other, each seeing the other's, so the status never misses one.
    """
    locked = Notification.objects.select_for_update().get(pk=notification.pk)
    status, awaiting = overall_status(
        PartyAnswer.objects.filter(notification=notification).values_list("status", flat=True)
    )
    if (status, awaiting) != (locked.status, locked.awaiting_answer):
        locked.status, locked.awaiting_answer = status, awaiting
        locked.save(update_fields=["status", "awaiting_answer", "updated_at"])
    notification.status, notification.awaiting_answer = status, awaiting
    return notification


def _sync_parties(notification: Notification, parties) -> None:
    """Give each party notified an answer row ("submitted"); remove the rows of parties taken off the list,
    unless the party has already answered (its answer is evidence: it stays)."""
    wanted = {party.pk for party in parties}
    existing = dict(PartyAnswer.objects.filter(notification=notification).values_list("party_id", "status"))
    answered = [pk for pk, status in existing.items() if pk not in wanted and status != AnswerStatus.SUBMITTED]
    if answered:
        raise ValidationError(
            {"parties": _("A party that has already answered cannot be taken off the notification.")},
            code="answered_party",
        )
    PartyAnswer.objects.filter(notification=notification).exclude(party_id__in=wanted).delete()
    for party in parties:
        if party.pk not in existing:
            answer = PartyAnswer(notification=notification, party=party)
            answer.full_clean()
            answer.save()


def _writer(user, notification: Notification, parties, tasks):
    """What saving a notification writes: the row, its parties' answer rows, its task links, then its status."""

    def write():
        notification.full_clean()
        notification.save()
        if parties is not None:
            _sync_parties(notification, parties)
        if tasks is not None:
            notification.tasks.set(tasks)
        return notification_refresh_status(notification)

    return write


def notification_create(*, user, notification: Notification, parties, tasks=()) -> Notification:
    """Save a new notification, one "submitted" answer per party notified, and its links to tasks.

    Raises ``ValidationError`` for bad input and :class:`OutOfScope` if the result is not one the user may change;
    either way nothing is written.
    """
    if not parties:
        raise ValidationError({"parties": _("Choose at least one party notified.")}, code="required")
    notification.created_by = user
    notification.version = 1
    return save_within_scope(user, notification, save=_writer(user, notification, parties, tasks))


def notification_edit(*, user, notification: Notification, expected_version: int, parties=None, tasks=None):
    """Save an edited notification if nobody saved it since ``expected_version``; else raise
    ``ConcurrentEdit``. ``parties`` and ``tasks`` replace the links when given (None: unchanged)."""
    if parties is not None and not parties:
        raise ValidationError({"parties": _("Choose at least one party notified.")}, code="required")
    return save_versioned(
        user=user,
        instance=notification,
        expected_version=expected_version,
        write=_writer(user, notification, parties, tasks),
        fields=TRACKED_FIELDS,
    )


def answer_record(*, user, answer: PartyAnswer, status: str, answered_at, note: str = "", expected_version: int):
    """Record a party's answer (acknowledged, rejected, no response) and when it came, if nobody recorded one for
    this party since ``expected_version``; then the notification's status follows.

    An answer dated before the notification was submitted, or in the future, is refused (``ValidationError``) and
    nothing is saved. Raises ``ConcurrentEdit`` when someone else recorded an answer meanwhile.
    """
    if status not in ANSWERS:
        raise ValidationError({"status": _("Choose acknowledged, rejected or no response.")}, code="invalid")
    answer.status, answer.answered_at, answer.note = status, answered_at, note.strip()
    answer.recorded_by = user

    def write():
        answer.full_clean()
        answer.save()
        notification_refresh_status(answer.notification)
        return answer

    return save_versioned(
        user=user, instance=answer, expected_version=expected_version, write=write, fields=ANSWER_FIELDS
    )


def settings_save(*, user, operation, response_hours: int) -> NotificationSettings:
    """Set the operation's own response time (its head of office: the set-up is changed under ``MANAGE``)."""
    with transaction.atomic():
        current = NotificationSettings.objects.filter(operation=operation).first()
        current = current or NotificationSettings(operation=operation)
        current.response_hours = response_hours
        current.full_clean()
        return save_within_scope(user, current, action=Action.MANAGE)
