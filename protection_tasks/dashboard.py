"""The task log's part of the operation dashboard: tasks by area and status, overdue, completed per month,
progress per protection priority and the coming deadlines.

Counts include the tasks the reader may only count (``Action.COUNT``) and say how many of them are restricted;
named tasks (the deadlines) are only those the reader may open (``Action.VIEW``). Every number comes from
``selectors.task_dashboard``, in a fixed number of queries whatever the number of tasks.
"""

import datetime

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from cmcoord.core.charts import Row, Series, bar_chart
from cmcoord.core.choices import Standing
from cmcoord.core.counts import RestrictedCount
from cmcoord.core.panels import Panel, Slot, register

from .choices import OPEN_STATUSES, TaskStatus
from .selectors import DEADLINE_DAYS, priority_counts, task_dashboard

# Colours of the statuses in every chart (indexes of cmcoord.core.charts.PALETTE).
STATUS_COLOURS = {
    TaskStatus.PLANNED: 4,  # sky blue
    TaskStatus.IN_PROGRESS: 0,  # blue
    TaskStatus.ON_HOLD: 6,  # yellow
    TaskStatus.COMPLETED: 2,  # bluish green
    TaskStatus.CANCELLED: 7,  # black
}


def _link(base: str, **params) -> str:
    pairs = [(key, item) for key, value in params.items() for item in (value if isinstance(value, list) else [value])]
    return f"{base}?{urlencode(pairs)}"


def _month_end(first: datetime.date) -> datetime.date:
    following = datetime.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


@register(Slot.OPERATION_DASHBOARD)
def operation_dashboard_tasks(request, operation):
    data = task_dashboard(request.user, operation)
    task_list = reverse("protection_tasks:task-list", kwargs={"code": operation.code})
    statuses = list(TaskStatus)
    by_area = bar_chart(
        "tasks-by-area",
        title=_("Tasks by area and status"),
        row_header=_("Area"),
        series=[Series(status, status.label, colour=STATUS_COLOURS[status]) for status in statuses],
        rows=[
            Row(
                f"{area.number}. {area.display_name}",
                [counts[status].total for status in statuses],
                url=_link(task_list, area=area.code),
                restricted=RestrictedCount.sum(counts.values()).restricted,
            )
            for area, counts in data.areas
        ],
    )
    completed = bar_chart(
        "completed-per-month",
        title=_("Tasks completed per month, last 12 months"),
        row_header=_("Month"),
        rows=[
            Row(
                month.strftime("%Y-%m"),
                count.total,
                url=_link(
                    task_list,
                    status=TaskStatus.COMPLETED,
                    completed_after=month.isoformat(),
                    completed_before=_month_end(month).isoformat(),
                ),
                restricted=count.restricted,
            )
            for month, count in data.months
        ],
    )
    horizon = data.today + datetime.timedelta(days=DEADLINE_DAYS)
    return Panel(
        "protection_tasks/_dashboard.html",
        {
            "data": data,
            "by_area": by_area,
            "completed": completed,
            "completed_in_year": RestrictedCount.sum(count for _month, count in data.months),
            "restricted_any": data.total.restricted > 0,
            "deadline_days": DEADLINE_DAYS,
            "task_list_url": task_list,
            "open_url": _link(task_list, status=list(OPEN_STATUSES)),
            "overdue_url": _link(task_list, overdue="on"),
            "deadlines_url": _link(
                task_list,
                status=list(OPEN_STATUSES),
                due_after=data.today.isoformat(),
                due_before=horizon.isoformat(),
                sort="due",
            ),
        },
    )


@register(Slot.OPERATION_DASHBOARD)
def operation_dashboard_priorities(request, operation):
    """Progress per protection priority: what the HCT agreed and decides on, so its dashboard opens on it."""
    found = priority_counts(request.user, operation)
    task_list = reverse("protection_tasks:task-list", kwargs={"code": operation.code})
    priorities = bar_chart(
        "priority-progress",
        title=_("Progress per protection priority"),
        row_header=_("Protection priority"),
        series=[
            Series("done", _("Completed"), colour=STATUS_COLOURS[TaskStatus.COMPLETED]),
            Series("not_done", _("Not completed yet"), colour=STATUS_COLOURS[TaskStatus.IN_PROGRESS]),
        ],
        rows=[
            Row(
                _("%(title)s (%(share)s%% completed)") % {"title": priority.title, "share": priority.share},
                [priority.done.total, priority.not_done.total],
                url=_link(task_list, protection_priority=priority.pk),
                restricted=priority.done.restricted + priority.not_done.restricted,
            )
            for priority in found
        ],
    )
    return Panel(
        "protection_tasks/_dashboard_priorities.html",
        {"priorities": priorities if found else None},
        leads_for=frozenset({Standing.HCT}),
    )
