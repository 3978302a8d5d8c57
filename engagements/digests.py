"""What engagements add to the reporting digests: the engagements of the period, counted by mode with what is
restricted for the audience, and those the audience may read under ``Action.DIGEST`` listed with the actors met
that it may read too (never the name of an actor above its level). A fixed number of queries."""

from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from actors.models import Actor
from cmcoord.core.access import Action
from digests.sections import DigestScope, counted, register

from .choices import EngagementMode
from .models import Engagement

# A digest lists at most this many engagements; the rest are counted.
ENGAGEMENTS_LISTED = 25


@register("engagements", title=_("Engagements with actors"), template="engagements/digest/engagements", order=45)
def engagements(scope: DigestScope) -> dict:
    """Engagements dated in the period: counted per mode (one query), the readable ones listed (two queries)."""
    in_period = Q(occurred_at__gte=scope.start, occurred_at__lt=scope.end)
    aggregates = scope.tally("total", Q(), Engagement)
    for mode in EngagementMode:
        aggregates.update(scope.tally(f"m_{mode}", Q(mode=mode), Engagement))
    row = scope.countable(Engagement.objects.filter(in_period, operation=scope.operation)).aggregate(**aggregates)
    listed = (
        Engagement.objects.restrict(scope.access, Action.DIGEST)
        .filter(in_period, operation=scope.operation)
        .prefetch_related(
            Prefetch("actors", queryset=Actor.objects.restrict(scope.access, Action.DIGEST).order_by("name"))
        )
        .order_by("occurred_at", "pk")[:ENGAGEMENTS_LISTED]
    )
    zone = scope.operation.time_zone
    rows = [
        {
            "date": engagement.occurred_at.astimezone(zone).date().isoformat(),
            "mode": str(engagement.get_mode_display()),
            "topics": engagement.topic_labels,
            "actors": [actor.name for actor in engagement.actors.all()],
            "outcome": engagement.outcome[:300],
        }
        for engagement in listed
    ]
    total = counted(row, "total")
    return {
        "total": total,
        "modes": [
            {"mode": str(mode.label), "count": counted(row, f"m_{mode}")}
            for mode in EngagementMode
            if row.get(f"m_{mode}")
        ],
        "engagements": rows,
        "more": max(0, total["visible"] - len(rows)),
    }
