"""Reads of training events, each through ``restrict``: the list, the dashboard's reach, the panels' lists."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q, Sum

from actors.models import Actor
from cmcoord.core.access import Action, scope_q
from cmcoord.core.counts import RestrictedCount, counting
from cmcoord.operations.calendar import operation_today
from protection_tasks.models import Task
from protection_tasks.selectors import task_references_prefetch

from .choices import ORGANISATION_FIELDS, SEX_FIELDS
from .models import Training

# A task's or an actor's page lists at most this many trainings (the newest); the rest are counted.
PANEL_ROWS = 10
# The dashboard's reach covers the trainings that started in this many days up to today.
REACH_DAYS = 365


def training_detail_context(request, training) -> dict:
    """A training's page: its audience actors and tasks the reader may open, and how many actors are restricted."""
    user = request.user
    audience = list(Actor.objects.restrict(user, Action.VIEW).filter(trainings=training).order_by("name"))
    return {
        "audience": audience,
        "audience_restricted": training.audience.count() - len(audience),
        "tasks": Task.objects.restrict(user, Action.VIEW).filter(trainings=training),
    }


def training_prefetch(user) -> list:
    """The API's reads of a training's audience and tasks: only those the reader may read through the API."""
    return [
        Prefetch("audience", queryset=Actor.objects.restrict(user, Action.API).only("pk", "name")),
        task_references_prefetch(user),
    ]


@dataclass
class Reach:
    """People trained in the last 12 months, by sex and by organisation type. Each number is a
    :class:`RestrictedCount` whose restricted part is the people of trainings the reader may only count."""

    since: datetime.date
    trainings: RestrictedCount
    by_sex: list  # [(label, RestrictedCount)]
    by_organisation: list  # [(label, RestrictedCount)]
    participants: RestrictedCount


def training_reach(user, operation) -> Reach:
    """One aggregate over the trainings of the last 12 months (started since, in the operation's dates)."""
    today = operation_today(operation)
    since = today - datetime.timedelta(days=REACH_DAYS)
    visible = scope_q(Training, user, Action.VIEW)
    everything_visible = visible == scope_q(Training, user, Action.COUNT)
    names = [name for name, _label in (*SEX_FIELDS, *ORGANISATION_FIELDS)]
    aggregates = {**counting(Training, user, "n")}
    for name in names:
        aggregates[f"people_{name}"] = Sum(name)
        # The people of the trainings the reader may open; all of them where the reader opens every one counted.
        aggregates[f"people_{name}_visible"] = Sum(name) if everything_visible else Sum(name, filter=visible)
    row = (
        Training.objects.restrict(user, Action.COUNT)
        .filter(Q(start_date__gte=since, start_date__lte=today), operation=operation)
        .aggregate(**aggregates)
    )
    by_sex = [(label, RestrictedCount.of(row, f"people_{name}")) for name, label in SEX_FIELDS]
    return Reach(
        since=since,
        trainings=RestrictedCount.of(row, "n"),
        by_sex=by_sex,
        by_organisation=[(label, RestrictedCount.of(row, f"people_{name}")) for name, label in ORGANISATION_FIELDS],
        participants=RestrictedCount.sum(count for _label, count in by_sex),
    )


def trainings_linked(user, **condition):
    """Trainings the user may open matching ``condition`` (``tasks=task``, ``audience=actor``), newest first, and
    how many match in all, restricted ones included."""
    visible = list(
        Training.objects.restrict(user, Action.VIEW)
        .filter(**condition)
        .select_related("operation")
        .order_by("-start_date", "-pk")[:PANEL_ROWS]
    )
    row = Training.objects.restrict(user, Action.COUNT).filter(**condition).aggregate(**counting(Training, user, "n"))
    return visible, RestrictedCount.of(row, "n")
