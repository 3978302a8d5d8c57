"""What planning and preparedness adds to other apps' pages: its sections of the operation dashboard (the PP-4
flag with the documents by kind and status, the set-up checklist's completion), the operations the HQ dashboard
flags, and the planning documents and MCDA requests on a task's and an actor's page.

Numbers count what the reader may count and say how much is restricted; only records the reader may open are
named. Each builder runs a fixed number of queries, whatever the number of records or operations.
"""

from cmcoord.core.access import Action, can
from cmcoord.core.panels import Panel, Slot, register

from .choices import Decision
from .models import MCDARequest, PlanningDocument
from .selectors import (
    assessment_flags,
    checklist_progress,
    current_assessments,
    document_counts,
    mcda_counts,
)


@register(Slot.OPERATION_DASHBOARD)
def operation_dashboard_planning(request, operation):
    """PP-4: whether a current CMCoord assessment is in force; documents by kind and status; MCDA requests."""
    user = request.user
    documents = document_counts(user, operation)
    flag = documents.flag
    mcda = mcda_counts(user, operation)
    return Panel(
        "planning/_dashboard.html",
        {
            "flag": flag,
            "assessments": list(current_assessments(user, operation)[:3]) if not flag.flagged else [],
            "documents": documents,
            "mcda_pending": mcda[Decision.PENDING],
            "can_change": can(user, Action.CHANGE, operation),
        },
    )


@register(Slot.OPERATION_DASHBOARD)
def operation_dashboard_checklist(request, operation):
    """The set-up checklist's completion: key points done of those that apply, as a progress bar."""
    return Panel("planning/_dashboard_checklist.html", {"progress": checklist_progress(request.user, operation)})


@register(Slot.HQ_DASHBOARD)
def crosscountry_assessment_flags(request, scope):
    """The reader's operations flagged under PP-4 (one query for any number of operations)."""
    flags = assessment_flags(request.user, scope.operations)
    flagged = [(operation, flags[operation.pk]) for operation in scope.operations if flags[operation.pk].flagged]
    return Panel("planning/_hq_flags.html", {"flagged": flagged, "shown": len(scope.operations)})


@register(Slot.TASK_DETAIL)
def task_planning_panel(request, task):
    """Planning documents and MCDA requests that serve the task, as far as the user may open them."""
    user = request.user
    documents = list(
        PlanningDocument.objects.restrict(user, Action.VIEW)
        .filter(tasks=task)
        .select_related("operation")
        .order_by("kind", "-effective_date", "pk")
    )
    requests = list(
        MCDARequest.objects.restrict(user, Action.VIEW)
        .filter(task=task)
        .select_related("operation")
        .order_by("-requested_on", "-pk")
    )
    can_change = can(user, Action.CHANGE, task)
    if not (documents or requests or can_change):
        return None
    return Panel(
        "planning/_task_panel.html",
        {"documents": documents, "requests": requests, "can_change": can_change},
    )


@register(Slot.ACTOR_DETAIL)
def actor_mcda_panel(request, actor):
    """MCDA requests for assets the actor holds, as far as the user may open them."""
    requests = list(
        MCDARequest.objects.restrict(request.user, Action.VIEW)
        .filter(asset_actor=actor)
        .select_related("operation")
        .order_by("-requested_on", "-pk")[:20]
    )
    return Panel("planning/_actor_panel.html", {"requests": requests}) if requests else None
