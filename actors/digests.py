"""What the actor registry adds to the reporting digests: changes in actors' stance or influence, read from the
assessments dated in the period. Only actors and assessments the audience may read under ``Action.DIGEST`` are
named (an assessment is never more visible than its actor), and the earlier picture they are compared with must
be readable too; the rest is counted. Liaison contacts (personal data) are never read here."""

from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from cmcoord.core.access import Action
from digests.sections import DigestScope, counted, register

from .choices import ActorCategory, Stance
from .models import ActorAssessment

# A digest names at most this many changes; the rest are counted.
CHANGES_LISTED = 25


@register("actors", title=_("Changes in actors' stance and influence"), template="actors/digest/changes", order=40)
def actor_changes(scope: DigestScope) -> dict:
    """Assessments of the period, each against the actor's previous readable one (two queries)."""
    in_period = Q(assessed_on__gte=scope.start_date, assessed_on__lt=scope.end_date)
    assessed = scope.countable(ActorAssessment.objects.filter(in_period, operation=scope.operation)).aggregate(
        **scope.tally("assessed", Q(), ActorAssessment)
    )
    earlier = (
        ActorAssessment.objects.restrict(scope.access, Action.DIGEST)
        .filter(actor=OuterRef("actor"))
        .filter(
            Q(assessed_on__lt=OuterRef("assessed_on")) | Q(assessed_on=OuterRef("assessed_on"), pk__lt=OuterRef("pk"))
        )
        .order_by("-assessed_on", "-pk")
    )
    rows = (
        ActorAssessment.objects.restrict(scope.access, Action.DIGEST)
        .filter(in_period, operation=scope.operation)
        .annotate(
            previous_stance=Subquery(earlier.values("stance")[:1]),
            previous_influence=Subquery(earlier.values("influence")[:1]),
        )
        .order_by("assessed_on", "pk")
        .values(
            "actor__name",
            "actor__category",
            "assessed_on",
            "stance",
            "influence",
            "previous_stance",
            "previous_influence",
        )
    )
    changes = []
    for row in rows:
        if row["previous_stance"] == row["stance"] and row["previous_influence"] == row["influence"]:
            continue
        changes.append(
            {
                "actor": row["actor__name"],
                "category": str(ActorCategory(row["actor__category"]).label),
                "date": row["assessed_on"].isoformat(),
                "stance": str(Stance(row["stance"]).label),
                "previous_stance": str(Stance(row["previous_stance"]).label) if row["previous_stance"] else "",
                "influence": row["influence"],
                "previous_influence": row["previous_influence"],
                "first": row["previous_stance"] is None,
            }
        )
    return {
        "assessed": counted(assessed, "assessed"),
        "changes": changes[:CHANGES_LISTED],
        "more": max(0, len(changes) - CHANGES_LISTED),
    }
