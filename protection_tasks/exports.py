"""Exports of the task log: the task list (exactly its filtered set) and the protection priorities."""

from __future__ import annotations

from django.db.models import Case, Count, F, Q, Value, When
from django.utils.translation import gettext_lazy as _

from cmcoord.core.access import Action, scope_q
from cmcoord.core.choices import Sensitivity
from cmcoord.exports import Column, Kind, register
from cmcoord.operations.models import CountryOperation

from .choices import PriorityStatus, TaskStatus, Urgency
from .filtersets import TaskFilterSet
from .models import ProtectionPriority, Task
from .models.tasks import closed_last

TASK_COLUMNS = [
    # The operation of every row: one per export, so constants annotated by the queryset functions.
    Column("country_code", _("Country code"), "#country+code+v_iso3", "country_code"),
    Column("operation", _("Operation"), "#country+name", "operation_name"),
    Column("reference", _("Reference"), "#meta+id", "reference"),
    Column("title", _("Title"), "#activity+title", "title"),
    Column("area_code", _("Area code"), "#activity+type+code", "activity__area__code"),
    Column("area", _("Area"), "#activity+type+name", "activity__area__name"),
    Column("activity_code", _("Activity code"), "#activity+code", "activity__code"),
    Column("activity", _("Activity"), "#activity+name", "activity__name"),
    Column("status", _("Status"), "#status+name", "status", choices=TaskStatus.choices),
    Column("urgency", _("Urgency"), "#severity+urgency", "urgency", choices=Urgency.choices),
    Column("owner_first_name", _("Owner's first name"), "#contact+name+first", "owner__first_name"),
    Column("owner_last_name", _("Owner's last name"), "#contact+name+last", "owner__last_name"),
    Column("start_date", _("Start date"), "#date+start", "start_date", kind=Kind.DATE),
    Column("due_date", _("Due date"), "#date+end", "due_date", kind=Kind.DATE),
    Column("completed_on", _("Completed on"), "#date+completed", "completed_on", kind=Kind.DATE),
    Column("admin1", _("Admin 1 (region)"), "#adm1+name", "admin1_name"),
    Column("admin1_pcode", _("Admin 1 P-code"), "#adm1+code+v_pcodes", "admin1_pcode"),
    Column("admin2", _("Admin 2 (district)"), "#adm2+name", "admin2_name"),
    Column("admin2_pcode", _("Admin 2 P-code"), "#adm2+code+v_pcodes", "admin2_pcode"),
    Column("outcome", _("Outcome / result"), "#output+description", "outcome"),
    Column("sensitivity", _("Sensitivity"), "#meta+sensitivity", "sensitivity", choices=Sensitivity.choices),
]


@register("tasks", title=_("Tasks"), columns=TASK_COLUMNS)
def tasks(request, operation):
    """The task list's own rows: the same FilterSet over the same query string, in the list's order, but read
    under ``Action.EXPORT`` (no Strictly confidential task; Unclassified only for HQ and HCT)."""
    queryset = (
        Task.objects.restrict(request.user, Action.EXPORT)
        .filter(operation=operation)
        .annotate(country_code=Value(operation.code), operation_name=Value(operation.name))
        .order_by(closed_last(), F("due_date").asc(nulls_last=True), "pk")
    )
    filterset = TaskFilterSet(request.GET, queryset=queryset, request=request, operation=operation)
    if not filterset.is_valid():  # as the list does (strict): values it refuses give no rows
        return queryset.none()
    return filterset.qs


@register(
    "all-tasks",
    title=_("Tasks of all your operations"),
    columns=TASK_COLUMNS,
    per_operation=False,
    description=_("Every task you may export, across your operations, with the task list's filters."),
)
def all_tasks(request, operation):
    """The cross-country export: every task the reader may export in every operation they reach (for an HQ
    reader of all operations, the whole deployment's Unclassified tasks), filtered like my tasks' list and ordered
    by operation then as the list is, so that the file reads operation by operation."""
    operations = list(CountryOperation.objects.restrict(request.user, Action.EXPORT).order_by())
    queryset = (
        Task.objects.restrict(request.user, Action.EXPORT)
        .annotate(
            # The ISO alpha-3 code is not stored (the country is), and the operations are few: one CASE.
            country_code=Case(
                *(When(operation_id=each.pk, then=Value(each.code)) for each in operations), default=Value("")
            ),
            operation_name=F("operation__name"),
        )
        .order_by("operation_id", closed_last(), F("due_date").asc(nulls_last=True), "pk")
    )
    filterset = TaskFilterSet(request.GET, queryset=queryset, request=request, operation_choices=operations)
    if not filterset.is_valid():
        return queryset.none()
    return filterset.qs


PRIORITY_COLUMNS = [
    Column("country_code", _("Country code"), "#country+code+v_iso3", "country_code"),
    Column("operation", _("Operation"), "#country+name", "operation_name"),
    Column("id", _("Identifier"), "#meta+id", "pk", kind=Kind.INTEGER),
    Column("title", _("Protection priority"), "#output+name", "title"),
    Column("status", _("Status"), "#status+name", "status", choices=PriorityStatus.choices),
    Column("period_start", _("Period start"), "#date+start", "period_start", kind=Kind.DATE),
    Column("period_end", _("Period end"), "#date+end", "period_end", kind=Kind.DATE),
    Column("tasks", _("Tasks (exportable)"), "#indicator+tasks+num", "task_total", kind=Kind.INTEGER),
    Column(
        "tasks_completed",
        _("Tasks completed (exportable)"),
        "#indicator+tasks+completed+num",
        "task_done",
        kind=Kind.INTEGER,
    ),
]


@register("priorities", title=_("Protection priorities"), columns=PRIORITY_COLUMNS)
def priorities(request, operation):
    """The operation's protection priorities with the tasks behind each that the reader may export (cancelled
    ones left out), so that the numbers never rest on a task the file could not carry."""
    exportable = scope_q(Task, request.user, Action.EXPORT, through="tasks") & ~Q(tasks__status=TaskStatus.CANCELLED)
    return (
        ProtectionPriority.objects.restrict(request.user, Action.EXPORT)
        .filter(operation=operation)
        .annotate(
            country_code=Value(operation.code),
            operation_name=Value(operation.name),
            task_total=Count("tasks", filter=exportable),
            task_done=Count("tasks", filter=exportable & Q(tasks__status=TaskStatus.COMPLETED)),
        )
        .order_by("order", "title", "pk")
    )
