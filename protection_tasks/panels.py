"""What the task log adds to other apps' pages: the workload line of each operation card on the home page, and
(``dashboard``) its part of the operation dashboard."""

from cmcoord.core.panels import Panel, Slot, register

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
