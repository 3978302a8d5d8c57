"""Mission contexts' part of the operation dashboard: the peace operations covering it, their phase and mandate.

Missions carry no sensitivity (mandates and phases are public): the reader sees every mission covering an operation
they have a standing in, read through ``restrict`` all the same.
"""

from django.db.models import Case, IntegerField, Value, When

from cmcoord.core.panels import Panel, Slot, register

from .choices import PRESENT_PHASES
from .models import Mission

# Missions still present first (active, drawdown, transition), then closed ones, most recent mandate first.
SHOWN = 5


@register(Slot.OPERATION_DASHBOARD)
def operation_dashboard_missions(request, operation):
    """The missions covering the operation, present ones first (one query); nothing where no mission does."""
    missions = list(
        Mission.objects.visible_to(request.user)
        .filter(operations=operation)
        .annotate(
            closed=Case(When(phase__in=PRESENT_PHASES, then=Value(0)), default=Value(1), output_field=IntegerField())
        )
        .order_by("closed", "acronym")[:SHOWN]
    )
    if not missions:
        return None
    return Panel("missions/_dashboard.html", {"missions": missions})
