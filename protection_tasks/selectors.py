"""Reads of the task log shared by views, the API and digests. Every read is scoped by the caller's user."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import BooleanField, Case, Count, F, Q, Value, When, Window
from django.db.models.functions import RowNumber

from cmcoord.core.access import Action, scope_q

from .choices import OPEN_STATUSES, TaskStatus
from .models import Activity, ProtectionPriority, Task
from .models.tasks import closed_last, operation_today


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
    return with_overdue(queryset, [operation]).order_by(closed_last(), F("due_date").asc(nulls_last=True), "pk")


def tasks_of_user(user, operations):
    """Tasks the user owns or collaborates on, in operations they may see, in worklist order: open tasks before
    completed and cancelled ones, overdue first, then by due date (undated last)."""
    # Two indexed lookups joined by UNION: ``owner = me OR id IN (my collaborations)`` cannot use either index
    # and reads every task of the deployment to find (for an HQ reader) none.
    owned = Task.objects.filter(owner=user).order_by().values("pk")
    shared = Task.collaborators.through.objects.filter(user=user).order_by().values("task_id")
    mine = Task.objects.restrict(user, Action.VIEW).filter(pk__in=owned.union(shared))
    return (
        with_overdue(mine, operations)
        .annotate(still_open=Case(When(status__in=OPEN_STATUSES, then=Value(True)), default=Value(False)))
        .select_related("activity__area", "owner", "operation")
        .order_by("-still_open", "-overdue", F("due_date").asc(nulls_last=True), "pk")
    )


@dataclass
class TaskCounts:
    """How many tasks a filtered list holds: in all, per status and per area, from one grouped query."""

    total: int
    by_status: dict  # status -> count, every status present
    by_area: list  # [{"activity__area__number", "activity__area__name", "n"}], areas with tasks, in order


def task_counts(queryset) -> TaskCounts:
    """The counts of a filtered list in one scan (the list, its status and its area counts used to take three).

    Grouped by status and activity, which an index covers, and the activities' areas looked up afterwards
    (a few dozen rows) rather than joined to every task.
    """
    # COUNT(*), not COUNT(id): the id is not in the counting index, and asking for it reads every row.
    rows = list(queryset.order_by().values("status", "activity").annotate(n=Count("*")))
    activities = Activity.objects.filter(pk__in={row["activity"] for row in rows})
    areas_of = {pk: (number, name) for pk, number, name in activities.values_list("pk", "area__number", "area__name")}
    by_status = dict.fromkeys(TaskStatus.values, 0)
    areas: dict = {}
    for row in rows:
        by_status[row["status"]] = by_status.get(row["status"], 0) + row["n"]
        key = areas_of[row["activity"]]
        areas[key] = areas.get(key, 0) + row["n"]
    by_area = [
        {"activity__area__number": number, "activity__area__name": name, "n": n}
        for (number, name), n in sorted(areas.items())
    ]
    return TaskCounts(total=sum(row["n"] for row in rows), by_status=by_status, by_area=by_area)


def priority_progress(user, operation, *, shown: int = 5):
    """The operation's protection priorities, each with its counts and the first ``shown`` tasks the user may
    open, in a fixed number of queries whatever the number of tasks.

    ``task_total`` and ``task_done`` count every task that is not cancelled, restricted ones included (counts
    are allowed to everyone in the operation, titles are not); ``hidden_count`` is how many of those the user
    cannot open; ``visible_count`` how many they can, cancelled ones included, and ``first_tasks`` the first
    of those by due date. The counts group the link rows in one query, with the access filter written on
    the links (no ``IN (subquery)`` that a large deployment would rescan for every row).
    """
    priorities = list(ProtectionPriority.objects.visible_to(user).filter(operation=operation))
    links = Task.protection_priorities.through.objects.filter(protectionpriority__in=[p.pk for p in priorities])
    not_cancelled = ~Q(task__status=TaskStatus.CANCELLED)
    visible = scope_q(Task, user, Action.VIEW, through="task")
    counts = {
        row["protectionpriority"]: row
        for row in links.filter(scope_q(Task, user, Action.COUNT, through="task"))
        .order_by()
        .values("protectionpriority")
        .annotate(
            total=Count("pk", filter=not_cancelled),
            done=Count("pk", filter=Q(task__status=TaskStatus.COMPLETED)),
            visible_open=Count("pk", filter=not_cancelled & visible),
            visible_all=Count("pk", filter=visible),
        )
    }
    ranked = (
        links.filter(visible)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("protectionpriority_id")],
                order_by=[F("task__due_date").asc(nulls_last=True), F("task_id").asc()],
            )
        )
        .filter(rank__lte=shown)
        .select_related("task__owner", "task__activity", "task__operation")
        .order_by("protectionpriority_id", "rank")
    )
    first_tasks: dict[int, list] = {}
    for link in ranked:
        first_tasks.setdefault(link.protectionpriority_id, []).append(link.task)
    for priority in priorities:
        row = counts.get(priority.pk, {})
        priority.task_total, priority.task_done = row.get("total", 0), row.get("done", 0)
        priority.visible_count = row.get("visible_all", 0)
        priority.hidden_count = priority.task_total - row.get("visible_open", 0)
        priority.share = round(100 * priority.task_done / priority.task_total) if priority.task_total else 0
        priority.first_tasks = first_tasks.get(priority.pk, [])
    return priorities
