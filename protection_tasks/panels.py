"""What the task log adds to other apps' pages: the workload line of each operation card on the home page."""

from django.db.models import Count, Q

from cmcoord.core.access import Action
from cmcoord.core.panels import Panel, Slot, register

from .choices import OPEN_STATUSES
from .models import Task
from .models.tasks import operation_today


@register(Slot.HOME_OPERATION)
def operation_workload(request, operations):
    """Open and overdue tasks per operation, in one query. Counts include restricted tasks (counts only).

    Overdue is judged by each operation's own today, and operations' todays are at most a few distinct dates
    (time zones span about a day): one count per distinct date, each a plain ``due_date <`` filter, and each
    operation reads the count of its date. No per-operation branch, no list of operations: the access filter
    alone narrows the rows (to nothing at all for an HQ reader of every operation).
    """
    todays = {operation.pk: operation_today(operation) for operation in operations}
    dates = sorted(set(todays.values()))
    rows = (
        Task.objects.restrict(request.user, Action.COUNT)
        .filter(status__in=OPEN_STATUSES)
        .order_by()
        .values("operation")
        .annotate(
            open=Count("*"),
            **{f"due_before_{index}": Count("due_date", filter=Q(due_date__lt=day)) for index, day in enumerate(dates)},
        )
    )
    found = {row["operation"]: row for row in rows}
    panels = {}
    for operation in operations:
        row = found.get(operation.pk, {})
        overdue = row.get(f"due_before_{dates.index(todays[operation.pk])}", 0)
        panels[operation.pk] = Panel(
            "protection_tasks/_home_workload.html", {"open": row.get("open", 0), "overdue": overdue}
        )
    return panels
