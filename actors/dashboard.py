"""The actor registry's part of the operation dashboard: actors by category and current stance.

Counts include the actors the reader may only count (``Action.COUNT``) and say how many are restricted; an
actor whose assessments are all above the reader's level counts as "assessment restricted", never "not assessed".
No actor is named.
"""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from cmcoord.core.charts import Row, Series, bar_chart
from cmcoord.core.counts import RestrictedCount
from cmcoord.core.panels import Panel, Slot, register

from .choices import ActorCategory, Stance
from .selectors import NOT_ASSESSED, RESTRICTED, actor_counts

# Colours of the stance buckets (indexes of cmcoord.core.charts.PALETTE), close to the stakeholder map's.
STANCE_COLOURS = {
    Stance.SPOILER: 3,  # vermillion
    Stance.INFLUENCER: 5,  # reddish purple
    Stance.NEUTRAL: 4,  # sky blue
    Stance.SUPPORTIVE: 0,  # blue
    RESTRICTED: 7,  # black
    NOT_ASSESSED: 6,  # yellow
}


@register(Slot.OPERATION_DASHBOARD)
def operation_dashboard_actors(request, operation):
    counts = actor_counts(request.user, operation)
    buckets = [(stance.value, stance.label) for stance in Stance] + [
        (RESTRICTED, _("Assessment restricted")),
        (NOT_ASSESSED, _("Not assessed")),
    ]
    actor_list = reverse("actors:actor-list", kwargs={"code": operation.code})
    rows, by_stance = [], {key: RestrictedCount() for key, _label in buckets}
    for category in ActorCategory:
        cells = [counts.get((category.value, key), RestrictedCount()) for key, _label in buckets]
        for (key, _label), cell in zip(buckets, cells, strict=True):
            by_stance[key] += cell
        rows.append(
            Row(
                category.label,
                [cell.total for cell in cells],
                url=f"{actor_list}?{urlencode({'category': category.value})}",
                restricted=RestrictedCount.sum(cells).restricted,
            )
        )
    chart = bar_chart(
        "actors-by-category",
        title=_("Actors by category and current stance"),
        row_header=_("Category"),
        series=[Series(key, label, colour=STANCE_COLOURS[key]) for key, label in buckets],
        rows=rows,
    )
    total = RestrictedCount.sum(by_stance.values())
    return Panel(
        "actors/_dashboard.html",
        {
            "chart": chart,
            "total": total,
            "stances": [(label, by_stance[key]) for key, label in buckets],
            "assessment_restricted": by_stance[RESTRICTED],
        },
    )
