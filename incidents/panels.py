"""What access incidents add to other apps' pages: the operation dashboard's incidents by category per month, and
the incidents of a task and of an actor on their pages. Counts include what the reader may only count and say so;
incidents are named only where the reader may open them."""

import datetime

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from cmcoord.core.charts import PALETTE, Row, Series, bar_chart
from cmcoord.core.panels import Panel, Slot, register

from .choices import SHORT_LABELS
from .selectors import incident_dashboard, incidents_linked


def _month_end(first: datetime.date) -> datetime.date:
    following = datetime.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def _month_link(incident_list: str, month: datetime.date) -> str:
    """The incident list filtered to one month: the drill-down of a bar."""
    return f"{incident_list}?" + urlencode(
        {"occurred_after": month.isoformat(), "occurred_before": _month_end(month).isoformat()}
    )


@register(Slot.OPERATION_DASHBOARD)
def operation_dashboard_incidents(request, operation):
    """Incidents of the last 12 months, one bar per month stacked by category (one query)."""
    data = incident_dashboard(request.user, operation)
    incident_list = reverse("incidents:list", kwargs={"code": operation.code})
    chart = None
    if data.categories:
        chart = bar_chart(
            "incidents-by-month",
            title=_("Access incidents by category per month, last 12 months"),
            row_header=_("Month"),
            # With one category the bars carry no legend: the description (and the table's header) names it.
            description=_("Categories: %(names)s.")
            % {"names": ", ".join(str(SHORT_LABELS[category]) for category in data.categories)},
            series=[
                Series(category.value, str(SHORT_LABELS[category]), colour=index % len(PALETTE))
                for index, category in enumerate(data.categories)
            ],
            rows=[
                Row(
                    month.strftime("%Y-%m"),
                    [counts[category].total for category in data.categories],
                    url=_month_link(incident_list, month),
                    restricted=sum(count.restricted for count in counts.values()),
                )
                for month, counts in data.months
            ],
        )
    return Panel("incidents/_dashboard.html", {"chart": chart, "total": data.total, "list_url": incident_list})


@register(Slot.TASK_DETAIL)
def task_incidents_panel(request, task):
    """The access incidents recorded against the task that the user may open, and how many others there are."""
    incidents, count = incidents_linked(request.user, tasks=task)
    if not count:
        return None
    return Panel("incidents/_linked_panel.html", {"incidents": incidents, "count": count, "testid": "task-incidents"})


@register(Slot.ACTOR_DETAIL)
def actor_incidents_panel(request, actor):
    """The access incidents attributed to the actor that the user may open, and how many others there are."""
    incidents, count = incidents_linked(request.user, actor=actor)
    if not count:
        return None
    return Panel("incidents/_linked_panel.html", {"incidents": incidents, "count": count, "testid": "actor-incidents"})
