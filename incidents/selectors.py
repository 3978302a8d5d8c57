"""Reads of access incidents, each through ``restrict``: the page's links, the API's, the dashboard's counts, the
panels' lists."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models.functions import TruncMonth

from cmcoord.core.access import Action
from cmcoord.core.counts import RestrictedCount, counting
from cmcoord.operations.calendar import months_back, operation_today
from missions.models import Mission
from protection_tasks.models import Task
from protection_tasks.selectors import task_references_prefetch

from .choices import AccessCategory
from .models import AccessIncident

# A task's or an actor's page lists at most this many incidents (the newest); the rest are counted.
PANEL_ROWS = 10


def incident_detail_context(request, incident) -> dict:
    """An incident's page: the tasks it concerns and its mission, those the reader may open."""
    user = request.user
    return {
        "tasks": Task.objects.restrict(user, Action.VIEW).filter(access_incidents=incident),
        "mission": (
            Mission.objects.visible_to(user).filter(pk=incident.mission_id).first() if incident.mission_id else None
        ),
    }


def incident_prefetch(user) -> list:
    """The API's reads of an incident's mission and tasks: the tasks only where the reader may read them through
    the API too (the actor is a scoped relation of the record type)."""
    return ["mission", task_references_prefetch(user)]


@dataclass
class IncidentDashboard:
    """Incidents of the last 12 months by month and category; every count includes restricted incidents."""

    months: list  # [(first day of month, {category: RestrictedCount})], oldest first, every category present
    categories: list  # the categories with at least one incident in the period, in the framework's order
    total: RestrictedCount


def incident_dashboard(user, operation) -> IncidentDashboard:
    """One grouped query over the incidents of the last 12 months (the operation's months, in its time zone)."""
    today = operation_today(operation)
    months = months_back(today)
    rows = (
        AccessIncident.objects.restrict(user, Action.COUNT)
        .filter(operation=operation, occurred_on__gte=months[0], occurred_on__lte=today)
        .annotate(month=TruncMonth("occurred_on"))
        .order_by()
        .values("month", "category")
        .annotate(**counting(AccessIncident, user, "n"))
    )
    by_month = {month: {category: RestrictedCount() for category in AccessCategory} for month in months}
    seen = set()
    for row in rows:
        month = row["month"].date() if isinstance(row["month"], datetime.datetime) else row["month"]
        if month in by_month and row["category"] in AccessCategory.values:
            by_month[month][AccessCategory(row["category"])] += RestrictedCount.of(row, "n")
            seen.add(row["category"])
    total = RestrictedCount.sum(count for counts in by_month.values() for count in counts.values())
    return IncidentDashboard(
        months=[(month, by_month[month]) for month in months],
        categories=[category for category in AccessCategory if category in seen],
        total=total,
    )


def incidents_linked(user, **condition):
    """Incidents the user may open matching ``condition`` (``tasks=task``, ``actor=actor``), newest first, and how
    many more match that the user may only count."""
    visible = list(
        AccessIncident.objects.restrict(user, Action.VIEW)
        .filter(**condition)
        .select_related("operation")
        .order_by("-occurred_on", "-pk")[:PANEL_ROWS]
    )
    row = (
        AccessIncident.objects.restrict(user, Action.COUNT)
        .filter(**condition)
        .aggregate(**counting(AccessIncident, user, "n"))
    )
    return visible, RestrictedCount.of(row, "n")
