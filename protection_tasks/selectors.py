"""Reads of the task log shared by views, the API and digests. Every read is scoped by the caller's user."""

from __future__ import annotations

from django.db.models import BooleanField, Case, Count, Q, Value, When

from cmcoord.operations.access import Action

from .choices import OPEN_STATUSES, TaskStatus
from .models import Activity, Task
from .models.tasks import operation_today


def activities_for_operation(operation, include=None):
    """Active catalogue entries an officer may choose in ``operation``: the Guidance Note's (peacekeeping-only
    ones only where a peace operation works) and the operation's local ones. ``include`` keeps a task's
    current activity selectable even if it no longer would be."""
    available = Q(operation__isnull=True) | Q(operation=operation)
    if not operation.has_peace_operation:
        available &= Q(peacekeeping_only=False)
    condition = available & Q(is_active=True)
    if include:
        condition |= Q(pk=include)
    return Activity.objects.filter(condition).select_related("area").order_by("area__number", "order", "code")


def overdue_condition(operations) -> Q:
    """Open tasks past their due date, each judged by its own operation's today."""
    condition = Q(pk__in=[])
    for operation in operations:
        condition |= Q(operation_id=operation.pk, due_date__lt=operation_today(operation))
    return condition & Q(status__in=OPEN_STATUSES)


def with_overdue(queryset, operations):
    return queryset.annotate(
        overdue=Case(
            When(overdue_condition(operations), then=Value(True)), default=Value(False), output_field=BooleanField()
        )
    )


def tasks_for_list(user, operation):
    """The tasks of ``operation`` that ``user`` may see, ready for the list (no query per row)."""
    queryset = (
        Task.objects.restrict(user, Action.VIEW)
        .filter(operation=operation)
        .select_related("activity__area", "owner", "operation")
    )
    return with_overdue(queryset, [operation]).order_by("-overdue", "due_date", "pk")


def tasks_of_user(user, operations):
    """Tasks the user owns or collaborates on, in operations they may see, overdue first."""
    mine = Task.objects.restrict(user, Action.VIEW).filter(
        Q(owner=user) | Q(pk__in=Task.collaborators.through.objects.filter(user=user).values("task_id"))
    )
    return (
        with_overdue(mine, operations)
        .select_related("activity__area", "owner", "operation")
        .order_by("-overdue", "status", "due_date", "pk")
    )


def status_counts(queryset) -> dict:
    rows = queryset.order_by().values("status").annotate(n=Count("pk"))
    found = {row["status"]: row["n"] for row in rows}
    return {status: found.get(status, 0) for status in TaskStatus.values}


def area_counts(queryset) -> list[dict]:
    return list(
        queryset.order_by()
        .values("activity__area__number", "activity__area__name")
        .annotate(n=Count("pk"))
        .order_by("activity__area__number")
    )
