"""What summaries add to the reporting digests: the summaries of the period the audience may read under
``Action.DIGEST`` (released ones: Unclassified), in two queries."""

from django.utils.translation import gettext_lazy as _

from cmcoord.core.access import Action
from digests.sections import DigestScope, register

from .models import Summary

# A digest lists at most this many summaries; the rest are counted.
SUMMARIES_LISTED = 25


@register("summaries", title=_("What the HCT may know: summaries"), template="summaries/digest/summaries", order=5)
def summaries(scope: DigestScope) -> dict | None:
    readable = (
        Summary.objects.restrict(scope.access, Action.DIGEST)
        .filter(operation=scope.operation, occurred_on__gte=scope.start_date, occurred_on__lt=scope.end_date)
        .select_related("content_type")
        .order_by("occurred_on", "pk")
    )
    listed = list(readable[:SUMMARIES_LISTED])
    more = readable.count() - len(listed) if len(listed) == SUMMARIES_LISTED else 0
    return {
        "summaries": [
            {
                "date": summary.occurred_on.isoformat(),
                "kind": str(summary.kind),
                "text": summary.text,
                "facts": [f"{label}: {value}" for label, value in summary.fact_items()],
            }
            for summary in listed
        ],
        "more": more,
    }
