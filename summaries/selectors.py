"""Reading summaries: always through ``restrict`` (a summary's level says who reads it, see :mod:`.models`)."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Subquery

from cmcoord.core.access import Action
from cmcoord.core.choices import Sensitivity

from .models import Summary

# The operation dashboard's summaries: the last days, at most this many.
RECENT_DAYS = 30
RECENT_ROWS = 8


def of_record(user, record) -> Summary | None:
    """The record's summary if ``user`` may read it (a summary waiting for clearance: who may open the record)."""
    return (
        Summary.objects.restrict(user, Action.VIEW)
        .filter(content_type=ContentType.objects.get_for_model(record), object_id=record.pk)
        .select_related("written_by", "cleared_by")
        .first()
    )


def readable(user, operation, action: Action = Action.VIEW):
    """The operation's summaries ``user`` may read, with what their rows show."""
    return (
        Summary.objects.restrict(user, action)
        .filter(operation=operation)
        .select_related("content_type", "written_by", "cleared_by")
    )


def released(user, operation, action: Action = Action.VIEW):
    """Those every member of the operation reads: cleared, or not needing clearance."""
    return readable(user, operation, action).filter(sensitivity=Sensitivity.UNCLASSIFIED)


def recent(user, operation, today: datetime.date) -> list[Summary]:
    since = today - datetime.timedelta(days=RECENT_DAYS)
    return list(released(user, operation).filter(occurred_on__gte=since).order_by("-occurred_on", "-pk")[:RECENT_ROWS])


def waiting(user, operation):
    """Summaries waiting for a head of office's clearance that ``user`` may read."""
    return readable(user, operation).filter(cleared_by__isnull=True).exclude(sensitivity=Sensitivity.UNCLASSIFIED)


def of_closed_records(user, operation, model, limit: int = 20) -> list[Summary]:
    """Released summaries of ``model``'s records in the operation that ``user`` may not open: what a reader sees
    where the list would only say "restricted"."""
    openable = model.objects.restrict(user, Action.VIEW).filter(operation=operation).values("pk")
    return list(
        released(user, operation)
        .filter(content_type=ContentType.objects.get_for_model(model))
        .exclude(object_id__in=openable)
        .order_by("-occurred_on", "-pk")[:limit]
    )


def openable_records(user, summaries) -> dict[tuple[int, int], object]:
    """The records of ``summaries`` that ``user`` may open, by (content type id, record id): one query per
    record type present. Nothing else about a record is read."""
    wanted: dict[int, list[int]] = defaultdict(list)
    for summary in summaries:
        wanted[summary.content_type_id].append(summary.object_id)
    found = {}
    for content_type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        related = [name for name in ("operation", "actor") if _has_relation(model, name)]
        for record in model.objects.restrict(user, Action.VIEW).filter(pk__in=ids).select_related(*related):
            found[(content_type_id, record.pk)] = record
    return found


def _has_relation(model, name: str) -> bool:
    return any(field.name == name and field.is_relation for field in model._meta.get_fields())


def record_url(record) -> str:
    """A record's page: its own, or its actor's for an assessment."""
    if hasattr(record, "get_absolute_url"):
        return record.get_absolute_url()
    return record.actor.get_absolute_url()


def assessment_summaries(user, operation, actor_ids) -> dict[int, Summary]:
    """The latest summary ``user`` may read of an assessment of each actor in ``actor_ids`` (actors the caller has
    read through ``restrict``): for readers who may not open the assessments, only released ones (the stakeholder
    map's); for the operation's staff, one waiting for clearance too (the actor's page)."""
    assessment = apps.get_model("actors", "ActorAssessment")
    # Only the assessment's actor is read, to place the summary: never the assessment itself.
    of_actor = assessment._base_manager.filter(pk=OuterRef("object_id")).values("actor_id")[:1]
    latest: dict[int, Summary] = {}
    rows = (
        readable(user, operation)
        .filter(content_type=ContentType.objects.get_for_model(assessment))
        .annotate(actor_id=Subquery(of_actor))
        .filter(actor_id__in=list(actor_ids))
        .order_by("-occurred_on", "-pk")
    )
    for summary in rows:
        latest.setdefault(summary.actor_id, summary)
    return latest
