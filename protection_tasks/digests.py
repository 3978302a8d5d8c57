"""What the task log adds to the reporting digests: per task area, progress per protection priority, tasks due
next period. Every number counts what the audience may count and says how much of it is restricted; only tasks
the audience may read under ``Action.DIGEST`` are named. A fixed number of queries per section."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cmcoord.core.access import Action
from digests.sections import DigestScope, counted, register, summed

from .choices import OPEN_STATUSES, PriorityStatus, TaskStatus
from .models import ProtectionPriority, Task, TaskArea

# A digest names at most this many tasks due next period; the rest are counted.
DUE_LISTED = 25


@register("task-areas", title=_("Work by task area"), template="protection_tasks/digest/areas", order=10)
def task_areas(scope: DigestScope) -> dict:
    """Completed, started and overdue tasks per area of the Guidance Note (two queries)."""
    start, end = scope.start_date, scope.end_date
    measures = {
        "completed": Q(completed_on__gte=start, completed_on__lt=end),
        "started": Q(start_date__gte=start, start_date__lt=end),
        "overdue": Q(status__in=OPEN_STATUSES, due_date__lt=end),
    }
    aggregates = {}
    for name, condition in measures.items():
        aggregates.update(scope.tally(name, condition, Task))
    rows = (
        scope.countable(Task.objects.filter(operation=scope.operation))
        .order_by()
        .values("activity__area")
        .annotate(**aggregates)
    )
    by_area = {row["activity__area"]: row for row in rows}
    areas = []
    for area in TaskArea.objects.order_by("number"):
        row = by_area.get(area.pk)
        areas.append(
            {"number": area.number, "code": area.code, "name": area.display_name}
            | {name: counted(row, name) for name in measures}
        )
    totals = {name: _sum(area[name] for area in areas) for name in measures}
    return {"areas": areas, "totals": totals}


@register(
    "priorities", title=_("Progress per protection priority"), template="protection_tasks/digest/priorities", order=20
)
def priorities(scope: DigestScope) -> dict | None:
    """The HCT's agreed priorities with their tasks: completed of all, and completed in the period (one query)."""
    through = "tasks"
    rows = (
        ProtectionPriority.objects.restrict(scope.access, Action.DIGEST)
        .filter(operation=scope.operation, status=PriorityStatus.AGREED)
        .annotate(
            **_through_tally(scope, "tasks_total", Q(), through),
            **_through_tally(scope, "tasks_done", Q(tasks__status=TaskStatus.COMPLETED), through),
            **_through_tally(
                scope,
                "tasks_done_in_period",
                Q(tasks__completed_on__gte=scope.start_date, tasks__completed_on__lt=scope.end_date),
                through,
            ),
        )
        .order_by("order", "title")
    )
    listed = []
    for priority in rows:
        row = priority.__dict__
        total = counted(row, "tasks_total")
        done = counted(row, "tasks_done")
        listed.append(
            {
                "title": priority.title,
                "total": total,
                "done": done,
                "done_in_period": counted(row, "tasks_done_in_period"),
                "share": round(100 * done["total"] / total["total"]) if total["total"] else 0,
            }
        )
    return {"priorities": listed}


def _through_tally(scope: DigestScope, name: str, condition: Q, through: str) -> dict:
    """Counts of a priority's tasks: ``condition`` on those the audience may count, and on those it may read."""
    countable = scope.countable_q(Task, through=through)
    return scope.tally(name, condition & countable, Task, through=through)


@register("due-next", title=_("Due next period"), template="protection_tasks/digest/due", order=30)
def due_next(scope: DigestScope) -> dict:
    """Open tasks due in the next period: the ones the audience may read by name, the rest counted (two queries)."""
    condition = Q(status__in=OPEN_STATUSES, due_date__gte=scope.end_date, due_date__lt=scope.next_end_date)
    due = scope.countable(Task.objects.filter(condition, operation=scope.operation)).aggregate(
        **scope.tally("due", Q(), Task)
    )
    tasks = (
        Task.objects.restrict(scope.access, Action.DIGEST)
        .filter(condition, operation=scope.operation)
        .select_related("activity__area")
        .order_by("due_date", "-urgency", "pk")[:DUE_LISTED]
    )
    listed = [
        {
            "reference": task.reference,
            "title": task.title,
            "due": task.due_date.isoformat(),
            "area": task.activity.area.display_name,
            "status": str(task.get_status_display()),
        }
        for task in tasks
    ]
    return {"count": counted(due, "due"), "tasks": listed, "more": max(0, due["due_visible"] - len(listed))}


def _sum(counts) -> dict:
    return summed(counts)
