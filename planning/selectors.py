"""Reads of planning and preparedness shared by the pages, panels, digests and the API. Every read is scoped by
the caller's user (or a digest audience's access) and runs a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Max, Prefetch, Value, When
from django.utils.translation import gettext_lazy as _

from cmcoord.core.access import Action
from cmcoord.core.counts import RestrictedCount, counting
from cmcoord.operations.calendar import operation_today
from protection_tasks.models import Task

from .choices import Decision, DocumentKind, DocumentStatus, ItemStatus
from .keypoints import key_points
from .models import ChecklistItem, MCDARequest, PlanningDocument


def document_detail_context(request, document) -> dict:
    """A planning document's page: the tasks it serves that the reader may open."""
    tasks = document.tasks.restrict(request.user, Action.VIEW).select_related("operation").order_by("reference")
    return {"tasks": tasks}


def document_prefetch(user) -> list[Prefetch]:
    """The API's reads of a document's tasks: only those the reader may read through the API too (the kit loads
    the mission, a scoped relation, as the API reads)."""
    tasks = Task.objects.restrict(user, Action.API).only("pk", "reference").order_by("reference")
    return [Prefetch("tasks", tasks, to_attr="api_tasks")]


# --- PP-4: is there a current CMCoord assessment? ---------------------------------------------------------------


class AssessmentState:
    CURRENT = "current"
    MISSING = "missing"  # no CMCoord assessment in force
    OVERDUE = "overdue"  # in force, but past its review date


FLAG_LABELS = {
    AssessmentState.MISSING: _("No CMCoord assessment in force"),
    AssessmentState.OVERDUE: _("CMCoord assessment past its review date"),
}


@dataclass(frozen=True)
class AssessmentFlag:
    """Where an operation stands on PP-4. ``flagged`` when no assessment is in force or none in force is current."""

    state: str

    @property
    def flagged(self) -> bool:
        return self.state != AssessmentState.CURRENT

    @property
    def label(self):
        return FLAG_LABELS.get(self.state, _("CMCoord assessment current"))


def assessment_flags(user, operations) -> dict[int, AssessmentFlag]:
    """The PP-4 state of each of ``operations``, in one query whatever their number.

    Read under ``Action.COUNT``: whether a current assessment exists is a count (DOMAIN.md, "counts only"), so every
    standing of an operation sees the same flag, and an HCT member is not told "no assessment" because the one in
    force is Confidential. The flag names no document and no date. An assessment in force without a review date is
    current; one whose review date is today is still current (it is due today, not past due). "Today" is each
    operation's own date.
    """
    operations = list(operations)
    rows = {}
    if operations:
        rows = {
            row["operation"]: row
            for row in PlanningDocument.objects.restrict(user, Action.COUNT)
            .filter(
                operation__in=[operation.pk for operation in operations],
                kind=DocumentKind.CMCOORD_ASSESSMENT,
                status=DocumentStatus.IN_FORCE,
            )
            .order_by()
            .values("operation")
            .annotate(**FLAG_AGGREGATES)
        }
    return {operation.pk: _flag(rows.get(operation.pk), operation) for operation in operations}


# Aggregates of the CMCoord assessments in force that decide the flag: any without a review date, the latest one.
FLAG_AGGREGATES = {
    "undated": Count(Case(When(review_due__isnull=True, then=Value(1)), output_field=IntegerField())),
    "latest_review": Max("review_due"),
}


def _flag(row: dict | None, operation) -> AssessmentFlag:
    """The flag from the aggregates of an operation's assessments in force (None: there is none)."""
    if row is None:
        return AssessmentFlag(AssessmentState.MISSING)
    if row["undated"] or row["latest_review"] >= operation_today(operation):
        return AssessmentFlag(AssessmentState.CURRENT)
    return AssessmentFlag(AssessmentState.OVERDUE)


def current_assessments(user, operation):
    """The CMCoord assessments in force the user may open, latest first (for a link beside the flag)."""
    return (
        PlanningDocument.objects.restrict(user, Action.VIEW)
        .filter(operation=operation, kind=DocumentKind.CMCOORD_ASSESSMENT, status=DocumentStatus.IN_FORCE)
        .select_related("operation")
        .order_by("-effective_date", "-pk")
    )


# --- Dashboard counts --------------------------------------------------------------------------------------------


@dataclass
class DocumentTable:
    """Documents per kind and status; every cell a :class:`RestrictedCount`. ``flag``: the operation's PP-4 state,
    read in the same query (under ``Action.COUNT``, as :func:`assessment_flags` reads it)."""

    rows: list  # [(kind, {status: RestrictedCount})], every kind, in order
    statuses: list
    flag: AssessmentFlag
    total: RestrictedCount = field(default_factory=RestrictedCount)


def document_counts(user, operation) -> DocumentTable:
    """Planning documents of ``operation`` by kind and status, restricted ones counted, and the PP-4 flag (one
    query: the flag's aggregates ride on the grouped count, read on its (assessment, in force) row)."""
    found, assessments = {}, None
    for row in (
        PlanningDocument.objects.restrict(user, Action.COUNT)
        .filter(operation=operation)
        .order_by()
        .values("kind", "status")
        .annotate(**counting(PlanningDocument, user), **FLAG_AGGREGATES)
    ):
        found[(row["kind"], row["status"])] = RestrictedCount.of(row)
        if (row["kind"], row["status"]) == (DocumentKind.CMCOORD_ASSESSMENT, DocumentStatus.IN_FORCE):
            assessments = row
    statuses = list(DocumentStatus)
    rows = [(kind, {status: found.get((kind.value, status.value), RestrictedCount()) for status in statuses})
            for kind in DocumentKind]  # fmt: skip
    return DocumentTable(
        rows=rows, statuses=statuses, flag=_flag(assessments, operation), total=RestrictedCount.sum(found.values())
    )


def mcda_counts(user, operation) -> dict[str, RestrictedCount]:
    """MCDA requests of ``operation`` by decision, restricted ones counted (one query)."""
    found = {
        row["decision"]: RestrictedCount.of(row)
        for row in MCDARequest.objects.restrict(user, Action.COUNT)
        .filter(operation=operation)
        .order_by()
        .values("decision")
        .annotate(**counting(MCDARequest, user))
    }
    return {decision: found.get(decision.value, RestrictedCount()) for decision in Decision}


@dataclass
class ChecklistProgress:
    """How far an operation's set-up checklist has come. ``started`` is False until its key points are copied."""

    started: bool
    by_status: dict  # status -> RestrictedCount
    total: RestrictedCount

    @property
    def done(self) -> RestrictedCount:
        return self.by_status[ItemStatus.DONE]

    @property
    def applicable(self) -> int:
        """Key points that apply: all but those marked not applicable (the progress bar's maximum)."""
        return self.total.total - self.by_status[ItemStatus.NOT_APPLICABLE].total

    @property
    def percent(self) -> int:
        return round(100 * self.done.total / self.applicable) if self.applicable else 0


def checklist_progress(user, operation) -> ChecklistProgress:
    """The operation's checklist items by status, restricted ones counted (one query). Before the checklist is
    copied, the shipped key points count as not started."""
    found = {
        row["status"]: RestrictedCount.of(row)
        for row in ChecklistItem.objects.restrict(user, Action.COUNT)
        .filter(operation=operation)
        .order_by()
        .values("status")
        .annotate(**counting(ChecklistItem, user))
    }
    by_status = {status: found.get(status.value, RestrictedCount()) for status in ItemStatus}
    total = RestrictedCount.sum(by_status.values())
    if not total:
        count = len(key_points())
        by_status[ItemStatus.NOT_STARTED] = RestrictedCount(count, count)
        return ChecklistProgress(started=False, by_status=by_status, total=RestrictedCount(count, count))
    return ChecklistProgress(started=True, by_status=by_status, total=total)


def checklist_items(user, operation):
    return (
        ChecklistItem.objects.restrict(user, Action.VIEW)
        .filter(operation=operation)
        .select_related("owner")
        .order_by("order", "code")
    )
