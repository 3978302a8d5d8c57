"""What access incidents add to the reporting digests: the incidents of the period by category. Every number
counts what the audience may count and says how much of it is restricted; a responsible actor is named only where
the audience may read both the incident and the actor under ``Action.DIGEST`` (rarely: both are usually
Confidential), with how many such incidents it is held responsible for."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from actors.models import Actor
from digests.sections import DigestScope, counted, register, summed

from .choices import AccessCategory
from .models import AccessIncident

# A digest names at most this many responsible actors; the others are in the counts.
ACTORS_LISTED = 10


@register("access-incidents", title=_("Access incidents"), template="incidents/digest/incidents", order=60)
def access_incidents(scope: DigestScope) -> dict:
    """Incidents dated in the period per category (one query), and the readable actors held responsible (one)."""
    in_period = Q(occurred_on__gte=scope.start_date, occurred_on__lt=scope.end_date)
    countable = scope.countable(AccessIncident.objects.filter(in_period, operation=scope.operation))
    rows = {
        row["category"]: row
        for row in countable.order_by().values("category").annotate(**scope.tally("n", Q(), AccessIncident))
    }
    categories = [
        {"code": category.value, "name": str(category.label), "count": counted(rows.get(category.value), "n")}
        for category in AccessCategory
    ]
    total = summed(c["count"] for c in categories)
    named = (
        AccessIncident.objects.filter(in_period, operation=scope.operation)
        .filter(scope.visible(AccessIncident), scope.visible(Actor, through="actor"), actor__isnull=False)
        .order_by()
        .values("actor__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "actor__name")[:ACTORS_LISTED]
    )
    return {
        "categories": [c for c in categories if c["count"]["total"]],
        "total": total,
        "actors": [{"name": row["actor__name"], "count": row["n"]} for row in named],
    }
