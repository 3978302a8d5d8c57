"""Reads of the task log shared by views, the API and digests. Every read is scoped by the caller's user."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from itertools import groupby

from django.db.models import BooleanField, Case, Count, F, Prefetch, Q, Value, When, Window
from django.db.models.functions import RowNumber, TruncMonth
from django.shortcuts import get_object_or_404

from cmcoord.core.access import Action, scope_q
from cmcoord.core.counts import RestrictedCount, counting
from cmcoord.core.translated import translated_value
from cmcoord.operations.calendar import months_back, operation_today

from .choices import OPEN_STATUSES, TaskStatus
from .models import Activity, ProtectionPriority, Task, TaskArea
from .models.tasks import closed_last


def grouped_activity_choices(activities) -> list:
    """Activity choices grouped by task area, in catalogue order."""
    choices = [("", "---------")]
    for area, items in groupby(activities, key=lambda activity: activity.area):
        choices.append((str(area), [(activity.pk, str(activity)) for activity in items]))
    return choices


def task_references_prefetch(user, action: Action = Action.API, field: str = "tasks") -> Prefetch:
    """A record's linked tasks, only those ``user`` may reach through ``action``, by reference (what an API names)."""
    return Prefetch(field, queryset=Task.objects.restrict(user, action).only("pk", "reference"))


def task_by_reference(user, operation, reference: str, action: Action = Action.VIEW) -> Task:
    """The task of ``operation`` named by ``reference``, within ``user``'s scope for ``action`` (404 otherwise).

    References are upper case (``CAF-2026-0042``); one typed or read out in lower case finds the task too.
    """
    return get_object_or_404(
        Task.objects.restrict(user, action)
        .select_related("activity__area", "owner", "assigned_by", "operation")
        .with_scoped(user, "series"),
        operation=operation,
        reference=reference.upper(),
    )


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


def worklist(user, operations):
    """Every task ``user`` may open in ``operations``, ready for a worklist (no query per row) and in its order:
    open tasks before completed and cancelled ones, then by due date (undated last), overdue first on a date that is
    overdue in one operation and not yet in another (each operation judges by its own today). The first two keys
    are those of the ``task_mine_by_owner`` index, so a worklist of one person's tasks is read from it in order."""
    queryset = Task.objects.restrict(user, Action.VIEW).select_related("activity__area", "owner", "operation")
    return with_overdue(queryset, operations).order_by(
        closed_last(), F("due_date").asc(nulls_last=True), "-overdue", "pk"
    )


def parts_of_worklist(user, queryset) -> list:
    """``queryset`` (a :func:`worklist`) split into what ``user`` owns and what they collaborate on without owning
    it: two disjoint parts, each read through its own index (the owner's, the collaborators'). ``owner = me OR id IN
    (my collaborations)`` in one query can use neither index and reads every task the reader may open."""
    return [queryset.filter(owner=user), queryset.filter(collaborators=user).exclude(owner=user)]


def tasks_of_user(user, operations):
    """Tasks the user owns or collaborates on, in operations they may see, in worklist order (:func:`worklist`).

    The parts are joined by a UNION of their keys: right for a question about the whole set (is there any?); a
    page of it is read part by part (:func:`parts_of_worklist`, ``cmcoord.core.views.PartsPaginator``)."""
    rows = worklist(user, operations)
    owned, shared = (part.order_by().values("pk") for part in parts_of_worklist(user, Task.objects.all()))
    return rows.filter(pk__in=owned.union(shared))


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
    areas_of = {
        pk: (number, translated_value(translations, "name", name))
        for pk, number, name, translations in activities.values_list(
            "pk", "area__number", "area__name", "area__translations"
        )
    }
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


# --- Counts that may include restricted tasks (Action.COUNT), split by what the reader may open ---------------------


@dataclass(frozen=True)
class Workload:
    """An operation's open and overdue tasks, restricted ones included: the home card, the dashboard and the task
    list all show these, so a reader sees the same numbers on each."""

    open: RestrictedCount
    overdue: RestrictedCount


def workloads(user, operations) -> dict[int, Workload]:
    """Open and overdue tasks per operation, in one grouped query.

    Overdue is judged by each operation's own today, and operations' todays are at most a few distinct dates
    (time zones span about a day): one conditional count per distinct date, each a plain ``due_date <`` filter,
    and each operation reads the count of its date. With one operation the query names it (and its index);
    with several, no list of operations: the access filter alone narrows the rows.
    """
    operations = list(operations)
    todays = {operation.pk: operation_today(operation) for operation in operations}
    dates = sorted(set(todays.values()))
    queryset = Task.objects.restrict(user, Action.COUNT).filter(status__in=OPEN_STATUSES)
    if len(operations) == 1:
        queryset = queryset.filter(operation=operations[0])
    annotations = counting(Task, user, "open")
    for index, day in enumerate(dates):
        annotations.update(counting(Task, user, f"overdue_{index}", condition=Q(due_date__lt=day)))
    found = {row["operation"]: row for row in queryset.order_by().values("operation").annotate(**annotations)}
    result = {}
    for operation in operations:
        row = found.get(operation.pk, {})
        result[operation.pk] = Workload(
            open=RestrictedCount.of(row, "open"),
            overdue=RestrictedCount.of(row, f"overdue_{dates.index(todays[operation.pk])}"),
        )
    return result


@dataclass(frozen=True)
class TaskSummary:
    """All of an operation's tasks and its workload, restricted ones included (the task list's note)."""

    total: RestrictedCount
    workload: Workload


def task_summary(user, operation) -> TaskSummary:
    """The operation's tasks in all, open and overdue, in one grouped query (counts as ``workloads`` makes them)."""
    today = operation_today(operation)
    rows = (
        Task.objects.restrict(user, Action.COUNT)
        .filter(operation=operation)
        .order_by()
        .values("status")
        .annotate(**counting(Task, user, "n"), **counting(Task, user, "overdue", condition=Q(due_date__lt=today)))
    )
    total = open_count = overdue = RestrictedCount()
    for row in rows:
        total += RestrictedCount.of(row, "n")
        if row["status"] in OPEN_STATUSES:
            open_count += RestrictedCount.of(row, "n")
            overdue += RestrictedCount.of(row, "overdue")
    return TaskSummary(total=total, workload=Workload(open=open_count, overdue=overdue))


@dataclass
class TaskDashboard:
    """What the operation dashboard shows of the task log; every count includes restricted tasks and says how many."""

    today: datetime.date
    workload: Workload
    total: RestrictedCount
    areas: list  # [(TaskArea, {status: RestrictedCount})], the five areas in order, every status present
    months: list  # [(first day of month, RestrictedCount completed)], the last 12 months, oldest first
    upcoming: RestrictedCount  # open tasks due from today to today + DEADLINE_DAYS
    deadlines: list  # the first DEADLINE_ROWS of those the reader may open, by due date


DEADLINE_DAYS = 30
DEADLINE_ROWS = 10


def task_dashboard(user, operation) -> TaskDashboard:
    """The task log's part of the operation dashboard in five queries, whatever the number of tasks.

    1. One grouped scan of the operation's countable tasks by status and activity gives the totals per area and
       status, the open, overdue and upcoming counts, each with the part the user may open;
    2. the areas, and 3. the activities seen (a few dozen rows) place each activity in its area;
    4. tasks completed per month over the last twelve months;
    5. the first deadlines the user may open. The protection priorities' progress is a panel of its own
    (:func:`priority_counts`).
    """
    today = operation_today(operation)
    horizon = today + datetime.timedelta(days=DEADLINE_DAYS)
    countable = Task.objects.restrict(user, Action.COUNT).filter(operation=operation)
    rows = list(
        countable.order_by()
        .values("status", "activity")
        .annotate(
            **counting(Task, user, "n"),
            **counting(Task, user, "overdue", condition=Q(due_date__lt=today)),
            **counting(Task, user, "upcoming", condition=Q(due_date__gte=today, due_date__lte=horizon)),
        )
    )
    areas = list(TaskArea.objects.order_by("number"))
    area_of = dict(
        Activity.objects.filter(pk__in={row["activity"] for row in rows}).order_by().values_list("pk", "area_id")
    )
    by_area = {area.pk: {status: RestrictedCount() for status in TaskStatus.values} for area in areas}
    total = open_count = overdue = upcoming = RestrictedCount()
    for row in rows:
        count = RestrictedCount.of(row, "n")
        by_area[area_of[row["activity"]]][row["status"]] += count
        total += count
        if row["status"] in OPEN_STATUSES:
            open_count += count
            overdue += RestrictedCount.of(row, "overdue")
            upcoming += RestrictedCount.of(row, "upcoming")

    months = months_back(today)
    completed = {
        row["month"]: RestrictedCount.of(row, "n")
        for row in countable.filter(status=TaskStatus.COMPLETED, completed_on__gte=months[0], completed_on__lte=today)
        .annotate(month=TruncMonth("completed_on"))
        .order_by()
        .values("month")
        .annotate(**counting(Task, user, "n"))
    }
    deadlines = list(
        Task.objects.restrict(user, Action.VIEW)
        .filter(operation=operation, status__in=OPEN_STATUSES, due_date__gte=today, due_date__lte=horizon)
        .select_related("owner", "operation", "activity__area")
        .order_by("due_date", "pk")[:DEADLINE_ROWS]
    )
    return TaskDashboard(
        today=today,
        workload=Workload(open=open_count, overdue=overdue),
        total=total,
        areas=[(area, by_area[area.pk]) for area in areas],
        months=[(month, _month_count(completed, month)) for month in months],
        upcoming=upcoming,
        deadlines=deadlines,
    )


def _month_count(completed: dict, month: datetime.date) -> RestrictedCount:
    """``TruncMonth`` of a date column gives a date on PostgreSQL and SQLite alike; a datetime is tolerated."""
    for key, count in completed.items():
        if (key.date() if isinstance(key, datetime.datetime) else key) == month:
            return count
    return RestrictedCount()


def priority_counts(user, operation) -> list:
    """The operation's protection priorities, each with ``done`` (completed tasks) and ``not_done`` (open ones) as
    :class:`RestrictedCount`, cancelled tasks left out, in two queries whatever the number of tasks. The totals
    are those of the priorities page (``priority_progress``): restricted tasks count, their titles never show."""
    priorities = list(ProtectionPriority.objects.visible_to(user).filter(operation=operation))
    links = Task.protection_priorities.through.objects.filter(protectionpriority__in=[p.pk for p in priorities])
    done = Q(task__status=TaskStatus.COMPLETED)
    not_done = ~Q(task__status__in=[TaskStatus.COMPLETED, TaskStatus.CANCELLED])
    found = {
        row["protectionpriority"]: row
        for row in links.filter(scope_q(Task, user, Action.COUNT, through="task"))
        .order_by()
        .values("protectionpriority")
        .annotate(
            **counting(Task, user, "done", condition=done, through="task"),
            **counting(Task, user, "not_done", condition=not_done, through="task"),
        )
    }
    for priority in priorities:
        row = found.get(priority.pk, {})
        priority.done = RestrictedCount.of(row, "done")
        priority.not_done = RestrictedCount.of(row, "not_done")
        priority.task_total = priority.done.total + priority.not_done.total
        priority.share = round(100 * priority.done.total / priority.task_total) if priority.task_total else 0
    return priorities
