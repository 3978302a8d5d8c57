"""The task log across operations, for CMCS HQ: open, overdue and completed tasks per operation and area.

Counts follow the one rule for numbers (:mod:`cmcoord.core.counts`): they count every task the reader may count
(``Action.COUNT``, restricted ones included) and say how many of those the reader cannot open. Each number links to the
operation's task list filtered to exactly the tasks it counts, where the reader sees the ones they may open.
The same summary leaves the product as the ``hq-summary`` export (CSV with HXL, XLSX, JSON), counted under
``Action.EXPORT`` instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Case, CharField, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from cmcoord.core.access import Action
from cmcoord.core.counts import counting
from cmcoord.exports import Column, Kind, register
from cmcoord.operations.calendar import operation_today
from cmcoord.operations.choices import OCHARegion
from cmcoord.operations.crosscountry import CrossCountryFilterForm, CrossCountryScope, crosscountry_scope

from .choices import OPEN_STATUSES, TaskStatus
from .models import Activity, Task, TaskArea


@dataclass(frozen=True)
class Measure:
    key: str
    label: str  # a column's header
    description: str  # what a number counts, for a link's accessible name


MEASURES = (
    Measure("open", _("Open"), _("open tasks")),
    Measure("overdue", _("Overdue"), _("overdue tasks")),
    Measure("completed", _("Completed"), _("tasks completed in the period")),
)


@dataclass
class Tally:
    """A number of tasks and how many of them the reader may open, like :class:`cmcoord.core.counts.RestrictedCount`
    (and written by the same ``includes/count.html``); ``url`` lists those they may open."""

    total: int = 0
    visible: int = 0
    url: str = ""

    @property
    def restricted(self) -> int:
        return self.total - self.visible

    def add(self, other: Tally) -> None:
        self.total += other.total
        self.visible += other.visible


@dataclass
class Cell:
    """One operation in one area."""

    area: TaskArea
    open: Tally = field(default_factory=Tally)
    overdue: Tally = field(default_factory=Tally)
    completed: Tally = field(default_factory=Tally)

    @property
    def tallies(self) -> list[tuple[Measure, Tally]]:
        return [(measure, getattr(self, measure.key)) for measure in MEASURES]

    @property
    def is_gap(self) -> bool:
        """No task at all in the period, restricted ones included: nothing open, nothing completed."""
        return self.open.total == 0 and self.completed.total == 0


@dataclass
class OperationRow:
    operation: object
    cells: list[Cell]

    @property
    def gaps(self) -> list[TaskArea]:
        return [cell.area for cell in self.cells if cell.is_gap]


@dataclass
class AreaMatrix:
    """Operations by areas, with the column totals (one :class:`Cell` per area, summed over the operations)."""

    areas: list[TaskArea]
    rows: list[OperationRow]
    totals: list[Cell]
    start: date
    end: date

    @property
    def has_restricted(self) -> bool:
        return any(tally.restricted for cell in self.totals for _measure, tally in cell.tallies)

    @property
    def gap_rows(self) -> list[OperationRow]:
        return [row for row in self.rows if row.gaps]


def area_matrix(user, operations, start: date, end: date) -> AreaMatrix:
    """Open, overdue and completed-in-``[start, end]`` tasks of ``operations`` per area, in three queries whatever
    the number of operations and tasks: one grouped count over the tasks, the activities it found, the areas.

    Open and overdue are as of today; overdue is judged by each operation's own today (as on the home cards):
    one count per distinct date among the operations' todays, each operation reading the count of its date.
    Grouped by activity rather than joined to the area, which the task counts' index covers; the few activities
    are mapped to their area afterwards.
    """
    areas = list(TaskArea.objects.order_by("number"))
    todays = {operation.pk: operation_today(operation) for operation in operations}
    dates = sorted(set(todays.values()))
    is_open = Q(status__in=OPEN_STATUSES)
    completed = Q(status=TaskStatus.COMPLETED, completed_on__gte=start, completed_on__lte=end)
    measures = {"open": is_open, "completed": completed}
    for index, day in enumerate(dates):
        measures[f"overdue_{index}"] = is_open & Q(due_date__lt=day)
    aggregates = {}
    for name, condition in measures.items():
        aggregates.update(counting(Task, user, name, condition=condition))
    rows = []
    if operations:
        rows = list(
            Task.objects.restrict(user, Action.COUNT)
            .filter(operation__in=[operation.pk for operation in operations])
            .filter(is_open | completed)
            .order_by()
            .values("operation", "activity")
            .annotate(**aggregates)
        )
    activities = Activity.objects.filter(pk__in={row["activity"] for row in rows}).order_by()  # no join for an order
    area_of = dict(activities.values_list("pk", "area_id"))
    found: dict[tuple[int, int], dict] = {}
    for row in rows:
        key = (row["operation"], area_of[row["activity"]])
        counts = found.setdefault(key, {})
        for name in aggregates:
            counts[name] = counts.get(name, 0) + row[name]
    totals = [Cell(area) for area in areas]
    matrix_rows = []
    for operation in operations:
        overdue_key = f"overdue_{dates.index(todays[operation.pk])}"
        task_list = reverse("protection_tasks:task-list", kwargs={"code": operation.code})
        cells = []
        for area, total in zip(areas, totals, strict=True):
            counts = found.get((operation.pk, area.pk), {})
            cell = Cell(
                area,
                open=Tally(counts.get("open", 0), counts.get("open_visible", 0)),
                overdue=Tally(counts.get(overdue_key, 0), counts.get(f"{overdue_key}_visible", 0)),
                completed=Tally(counts.get("completed", 0), counts.get("completed_visible", 0)),
            )
            for measure, tally in cell.tallies:
                tally.url = f"{task_list}?{drill_down_query(measure.key, area, start, end)}"
                getattr(total, measure.key).add(tally)
            cells.append(cell)
        matrix_rows.append(OperationRow(operation, cells))
    return AreaMatrix(areas=areas, rows=matrix_rows, totals=totals, start=start, end=end)


def drill_down_query(measure: str, area, start: date, end: date) -> str:
    """The task list's filters that select exactly the tasks a cell counts (the ones the reader may open)."""
    params: list[tuple[str, str]] = [("area", area.code)]
    if measure == "open":
        params += [("status", status) for status in OPEN_STATUSES]
    elif measure == "overdue":
        params.append(("overdue", "on"))
    else:
        params += [
            ("status", TaskStatus.COMPLETED),
            ("completed_after", start.isoformat()),
            ("completed_before", end.isoformat()),
        ]
    return urlencode(params)


# --- The HQ summary export --------------------------------------------------------------------------------------

SUMMARY_COLUMNS = [
    Column("country_code", _("Country code"), "#country+code+v_iso3", "country_code"),
    Column("operation", _("Operation"), "#country+name", "operation_name"),
    Column("region_code", _("Region code"), "#region+code", "operation_region"),
    Column("region", _("OCHA regional office"), "#region+name", "operation_region", choices=OCHARegion.choices),
    Column("area_code", _("Area code"), "#activity+type+code", "code"),
    Column("area", _("Area"), "#activity+type+name", "name"),
    Column("open", _("Open tasks"), "#indicator+num+open", "open", kind=Kind.INTEGER),
    Column("open_restricted", _("Open: you cannot open"), "#indicator+num+open+restricted", "open_restricted",
           kind=Kind.INTEGER),
    Column("overdue", _("Overdue tasks"), "#indicator+num+overdue", "overdue", kind=Kind.INTEGER),
    Column("overdue_restricted", _("Overdue: you cannot open"), "#indicator+num+overdue+restricted",
           "overdue_restricted", kind=Kind.INTEGER),
    Column("completed", _("Tasks completed in the period"), "#indicator+num+completed", "completed",
           kind=Kind.INTEGER),
    Column("completed_restricted", _("Completed: you cannot open"), "#indicator+num+completed+restricted",
           "completed_restricted", kind=Kind.INTEGER),
    Column("period_start", _("Period start"), "#date+start", "period_start"),
    Column("period_end", _("Period end"), "#date+end", "period_end"),
]  # fmt: skip

OPERATION_TABLE = '"operations_countryoperation"'


@register(
    "hq-summary",
    title=_("Cross-country summary"),
    columns=SUMMARY_COLUMNS,
    per_operation=False,
    description=_(
        "One row per operation and area, gaps included, with open, overdue and completed tasks for the dashboard's "
        "filters: the dashboard's numbers, and how many of each you cannot open."
    ),
)
def hq_summary(request, operation=None):
    """The HQ dashboard's matrix as rows, for the same query string: its numbers are :func:`area_matrix`'s, the
    dashboard's own selector (``Action.COUNT``, the tasks the reader cannot open included and their number said),
    with a row for every operation and area of the scope, zeros included (a gap is information). Numbers carry no
    record's content. Invalid filters give no rows, as the dashboard then shows no panel.

    The matrix's grouped count (one scan of the tasks), then the rows: the areas crossed with the scope's operations,
    each number written into the row from the matrix, so the file streams like every other export.
    """
    form = CrossCountryFilterForm(request.GET)
    valid = form.is_valid()
    today = timezone.localdate()
    scope = crosscountry_scope(request.user, form) if valid else CrossCountryScope([], today, today)
    operations = scope.operations if valid else []
    ids = [operation.pk for operation in operations] or [0]
    matrix = area_matrix(request.user, operations, scope.start, scope.end)
    numbers = {}
    for measure in MEASURES:
        for name, part in ((measure.key, "total"), (f"{measure.key}_restricted", "restricted")):
            numbers[name] = Case(
                *(
                    When(operation_id=row.operation.pk, pk=cell.area.pk, then=Value(value))
                    for row in matrix.rows
                    for cell in row.cells
                    if (value := getattr(getattr(cell, measure.key), part))
                ),
                default=Value(0),
                output_field=IntegerField(),
            )
    rows = (
        TaskArea.objects.extra(  # noqa: S610 - a fixed table and placeholders: the cross join the ORM cannot write
            tables=[OPERATION_TABLE.strip('"')],
            where=[f"{OPERATION_TABLE}.id IN ({', '.join(['%s'] * len(ids))})"],
            params=ids,
        )
        .annotate(
            operation_id=RawSQL(f"{OPERATION_TABLE}.id", ()),  # noqa: S611 - a fixed column
            operation_name=RawSQL(f"{OPERATION_TABLE}.name", ()),  # noqa: S611 - a fixed column
            operation_region=RawSQL(f"{OPERATION_TABLE}.region", ()),  # noqa: S611 - a fixed column
        )
        .annotate(
            country_code=Case(
                *(When(operation_id=operation.pk, then=Value(operation.code)) for operation in operations),
                default=Value(""),
                output_field=CharField(),
            ),
            period_start=Value(scope.start.isoformat()),
            period_end=Value(scope.end.isoformat()),
            **numbers,
        )
        .order_by("operation_name", "operation_id", "number")
    )
    return rows if valid and operations else rows.none()  # .none() keeps the annotations the columns read
