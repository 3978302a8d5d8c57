"""What planning and preparedness adds to the reporting digests: planning documents coming up for review (with the
PP-4 state of the operation) and the MCDA decisions of the period.

Only records the audience may read under ``Action.DIGEST`` are named; the rest are counted and marked restricted.
A fixed number of queries per section.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cmcoord.core.access import Action
from digests.sections import DigestScope, counted, register

from .choices import Decision, DocumentStatus, Justification
from .models import MCDARequest, PlanningDocument
from .selectors import assessment_flags

# A digest names at most this many records per section; the rest are counted.
LISTED = 25


@register("planning-reviews", title=_("Planning documents due for review"), template="planning/digest/reviews",
          order=50)  # fmt: skip
def planning_reviews(scope: DigestScope) -> dict:
    """Documents in force whose review falls due before the end of the next period, overdue ones included, and
    whether the operation has a current CMCoord assessment (three queries)."""
    condition = Q(status=DocumentStatus.IN_FORCE, review_due__lt=scope.next_end_date)
    due = scope.countable(PlanningDocument.objects.filter(condition, operation=scope.operation)).aggregate(
        **scope.tally("due", Q(), PlanningDocument)
    )
    documents = (
        PlanningDocument.objects.restrict(scope.access, Action.DIGEST)
        .filter(condition, operation=scope.operation)
        .order_by("review_due", "pk")[:LISTED]
    )
    listed = [
        {
            "title": document.title,
            "kind": str(document.get_kind_display()),
            "review_due": document.review_due.isoformat(),
            "overdue": document.review_due < scope.end_date,
        }
        for document in documents
    ]
    flag = assessment_flags(scope.access, [scope.operation])[scope.operation.pk]
    return {
        "count": counted(due, "due"),
        "documents": listed,
        "more": max(0, due["due_visible"] - len(listed)),
        "flagged": flag.flagged,
        "flag": str(flag.label),
    }


@register("mcda-decisions", title=_("MCDA decisions"), template="planning/digest/mcda", order=55)
def mcda_decisions(scope: DigestScope) -> dict:
    """Requests approved, declined or withdrawn in the period, by decision, and those the audience may read (two
    queries)."""
    in_period = Q(decided_on__gte=scope.start_date, decided_on__lt=scope.end_date) & ~Q(decision=Decision.PENDING)
    aggregates = {}
    decisions = [Decision.APPROVED, Decision.DECLINED, Decision.WITHDRAWN]
    for decision in decisions:
        aggregates.update(scope.tally(decision.value, Q(decision=decision), MCDARequest))
    totals = scope.countable(MCDARequest.objects.filter(in_period, operation=scope.operation)).aggregate(**aggregates)
    requests = (
        MCDARequest.objects.restrict(scope.access, Action.DIGEST)
        .filter(in_period, operation=scope.operation)
        .order_by("decided_on", "pk")[:LISTED]
    )
    listed = [
        {
            "requested": request.requested,
            "asset": request.asset,
            "decision": str(request.get_decision_display()),
            "decided_on": request.decided_on.isoformat(),
            "justifications": [str(choice.label) for choice in Justification if getattr(request, choice.value)],
        }
        for request in requests
    ]
    by_decision = [{"label": str(decision.label), "count": counted(totals, decision.value)} for decision in decisions]
    visible = sum(entry["count"]["visible"] for entry in by_decision)
    return {"decisions": by_decision, "requests": listed, "more": max(0, visible - len(listed))}
