"""What mission contexts add to the reporting digests: the phase changes of the period, for the missions that
cover the operation (mandates and phases are public: read under ``Action.DIGEST`` by every standing)."""

from django.utils.translation import gettext_lazy as _

from cmcoord.core.access import Action
from digests.sections import DigestScope, register

from .choices import MissionPhase
from .models import MissionPhaseChange

# A digest names at most this many phase changes.
CHANGES_LISTED = 25


@register("missions", title=_("Mission phase changes"), template="missions/digest/phases", order=50)
def mission_phases(scope: DigestScope) -> dict | None:
    """Phases entered in the period (one query)."""
    changes = (
        MissionPhaseChange.objects.restrict(scope.access, Action.DIGEST)
        .filter(
            mission__operations=scope.operation,
            started_on__gte=scope.start_date,
            started_on__lt=scope.end_date,
        )
        .order_by("started_on", "mission__acronym")
        .values("mission__acronym", "mission__name", "phase", "started_on")[:CHANGES_LISTED]
    )
    return {
        "changes": [
            {
                "acronym": row["mission__acronym"],
                "name": row["mission__name"],
                "phase": str(MissionPhase(row["phase"]).label),
                "date": row["started_on"].isoformat(),
            }
            for row in changes
        ]
    }
