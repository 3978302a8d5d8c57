"""Reads of the humanitarian notification system: response times, the overdue condition, counts and lists.

Everything reads through ``restrict``; counts that may include notifications the reader cannot open go through
``cmcoord.core.counts`` and say how many are restricted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from cmcoord.core.access import Action, can
from cmcoord.core.counts import RestrictedCount, counting

from .choices import AnswerStatus, NotificationStatus
from .models import Notification, NotificationSettings, PartyAnswer


def response_hours(operation) -> int:
    """Hours a party has to answer a notification of ``operation``: its own setting, else ``HNS_RESPONSE_HOURS``."""
    return response_hours_for([operation])[operation.pk]


def response_hours_for(operations) -> dict[int, int]:
    """:func:`response_hours` of several operations, in one query."""
    ids = [operation.pk for operation in operations]
    own = dict(NotificationSettings.objects.filter(operation__in=ids).values_list("operation_id", "response_hours"))
    return {pk: own.get(pk, settings.HNS_RESPONSE_HOURS) for pk in ids}


def overdue_condition(hours_by_operation: dict[int, int], now=None) -> Q:
    """Notifications still awaiting a party's answer longer than their operation's response time.

    One branch per operation (the cut-off differs), each served by the index on (operation, awaiting, submitted).
    """
    now = now or timezone.now()
    condition = Q(pk__in=[])
    for operation_id, hours in hours_by_operation.items():
        condition |= Q(operation_id=operation_id, submitted_at__lt=now - timedelta(hours=hours))
    return Q(awaiting_answer=True) & condition


@dataclass
class NotificationCounts:
    """An operation's notifications as the reader may count them: all, awaiting an answer, overdue, by status."""

    total: RestrictedCount = field(default_factory=RestrictedCount)
    awaiting: RestrictedCount = field(default_factory=RestrictedCount)
    overdue: RestrictedCount = field(default_factory=RestrictedCount)
    by_status: dict[str, RestrictedCount] = field(default_factory=dict)
    hours: int = 72


def notification_counts(user, operation, now=None) -> NotificationCounts:
    """Counts of the operation's dashboard panel (two queries: the response time, then one grouped count)."""
    hours = response_hours(operation)
    overdue = overdue_condition({operation.pk: hours}, now)
    rows = (
        Notification.objects.restrict(user, Action.COUNT)
        .filter(operation=operation)
        .order_by()
        .values("status")
        .annotate(
            **counting(Notification, user, "n"),
            **counting(Notification, user, "awaiting", condition=Q(awaiting_answer=True)),
            **counting(Notification, user, "overdue", condition=overdue),
        )
    )
    counts = NotificationCounts(hours=hours, by_status={status: RestrictedCount() for status in NotificationStatus})
    for row in rows:
        counts.by_status[row["status"]] = RestrictedCount.of(row, "n")
        counts.total += RestrictedCount.of(row, "n")
        counts.awaiting += RestrictedCount.of(row, "awaiting")
        counts.overdue += RestrictedCount.of(row, "overdue")
    return counts


def answer_tallies(notification_ids) -> dict[int, dict[str, int]]:
    """How many parties of each notification gave each answer (one grouped query for a page of notifications).

    Numbers only: a party the reader may not see still counts (``Action.COUNT`` lets every standing count), as the
    notification's status already reflects its answer.
    """
    tallies: dict[int, dict[str, int]] = {pk: dict.fromkeys(AnswerStatus.values, 0) for pk in notification_ids}
    rows = (
        PartyAnswer.objects.filter(notification_id__in=list(notification_ids))
        .order_by()
        .values_list("notification_id", "status")
    )
    for notification_id, status in rows:
        tallies[notification_id][status] += 1
    return tallies


def overdue_for_worklist(user, operations, now=None, listed: int = 5) -> list[dict]:
    """Per operation in which the user records answers (officers, head of office): how many notifications they may
    open await an answer past the response time, and the first few by submission. Two queries, then one per
    operation with overdue notifications (a person works in one or two)."""
    editable = [operation for operation in operations if can(user, Action.CHANGE, operation)]
    if not editable:
        return []
    hours = response_hours_for(editable)
    overdue = Notification.objects.restrict(user, Action.VIEW).filter(
        overdue_condition(hours, now), operation__in=editable
    )
    counts = dict(overdue.order_by().values("operation_id").annotate(n=Count("*")).values_list("operation_id", "n"))
    found = []
    for operation in editable:
        if not counts.get(operation.pk):
            continue
        notifications = list(
            overdue.filter(operation=operation)
            .order_by("submitted_at", "pk")
            .only("pk", "operation_id", "reference", "title", "submitted_at")[:listed]
        )
        for notification in notifications:
            notification.operation = operation  # spares a query per link
        found.append(
            {
                "operation": operation,
                "hours": hours[operation.pk],
                "count": counts[operation.pk],
                "notifications": notifications,
            }
        )
    return found
