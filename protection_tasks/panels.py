"""What the task log adds to other apps' pages: the workload line of each operation card on the home page,
(``dashboard``) its part of the operation dashboard, and the operations-by-areas matrix of the HQ dashboard."""

from django.utils.translation import gettext as _

from cmcoord.core.charts import Row, Series, bar_chart
from cmcoord.core.panels import Panel, Slot, register

from .crosscountry import MEASURES, area_matrix
from .dashboard import operation_dashboard_tasks  # noqa: F401 - registers the task log's dashboard panel
from .selectors import workloads


@register(Slot.HOME_OPERATION)
def operation_workload(request, operations):
    """Open and overdue tasks per operation, in one query (``selectors.workloads``). Counts include restricted
    tasks (counts only) and say how many of them the reader cannot open, as the dashboard and task list do."""
    found = workloads(request.user, operations)
    return {
        operation.pk: Panel("protection_tasks/_home_workload.html", {"workload": found[operation.pk]})
        for operation in operations
    }


@register(Slot.HQ_DASHBOARD)
def crosscountry_tasks(request, scope):
    """Operations by areas (open, overdue, completed in the period), the totals per area as a chart, and the gaps."""
    matrix = area_matrix(request.user, scope.operations, scope.start, scope.end)
    rows = []
    for area, total in zip(matrix.areas, matrix.totals, strict=True):
        on_time = total.open.total - total.overdue.total
        rows.append(
            Row(
                f"{area.number}. {area.display_name}",
                [on_time, total.overdue.total, total.completed.total],
                restricted=total.open.restricted + total.completed.restricted,
            )
        )
    # "Open" is one number on the chart and in the matrix: a bar's two open parts (on time, overdue) add up to the
    # matrix's Open, of which its Overdue is a part.
    chart = bar_chart(
        "hq-tasks-by-area",
        title=_("Tasks by area, all operations shown"),
        row_header=_("Area"),
        description=_("Open tasks are the on-time and the overdue parts together, the Open column of the table below."),
        series=[
            Series("open", _("Open, on time"), colour=0),
            Series("overdue", _("Open, overdue"), colour=3),
            Series("completed", _("Completed in the period"), colour=2),
        ],
        rows=rows,
    )
    return Panel("protection_tasks/_hq_matrix.html", {"matrix": matrix, "chart": chart, "measures": MEASURES})
