"""Writing, clearing and keeping a summary's level: every change goes through here (and into its history).

:func:`summary_level` is the rule of the module docstring of :mod:`.models`; :func:`summary_sync` applies it again
whenever a summarised record is saved (its level raised, its date or judgements changed) and
:func:`summaries_relevel` when an operation changes whether it asks for clearance.
"""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from cmcoord.core.access import Action, can
from cmcoord.core.choices import Sensitivity

from .models import Summary


def summary_level(record_sensitivity: int, *, cleared: bool, needs_clearance: bool) -> Sensitivity:
    if cleared or not needs_clearance:
        return Sensitivity.UNCLASSIFIED
    return max(Sensitivity(record_sensitivity), Sensitivity.CONFIDENTIAL)


def summarised(model) -> bool:
    return hasattr(model, "summary_date_field")


def record_date(record) -> datetime.date:
    value = getattr(record, record.summary_date_field)
    if isinstance(value, datetime.datetime):
        return value.astimezone(record.operation.time_zone).date()
    return value


def record_facts(record) -> dict:
    return {name: getattr(record, name) for name in getattr(record, "summary_facts", ())}


def summary_of(record) -> Summary | None:
    """The record's summary, whoever may read it (for the services; pages read through ``restrict``)."""
    if record.pk is None:
        return None
    content_type = ContentType.objects.get_for_model(record)
    return Summary.objects.filter(content_type=content_type, object_id=record.pk).first()


def may_clear(user, operation) -> bool:
    """Heads of office clear their operation's summaries (who manages the operation)."""
    return can(user, Action.MANAGE, operation)


def _apply_level(summary: Summary, operation) -> None:
    summary.sensitivity = summary_level(
        summary.record_sensitivity,
        cleared=summary.is_cleared,
        needs_clearance=operation.summaries_need_clearance,
    )


@transaction.atomic
def summary_write(*, user, record, text: str) -> Summary | None:
    """Write, rewrite or (with empty ``text``) withdraw ``record``'s summary, as ``user`` who may change the record.

    New or changed text waits for clearance again, unless its writer is a head of office, who clears it by
    writing it. The caller has checked that ``user`` may change ``record`` (the record's own form).
    """
    if not can(user, Action.CHANGE, record):
        raise PermissionDenied
    text = (text or "").strip()
    summary = summary_of(record)
    if not text:
        if summary is not None:
            summary.delete()
        return None
    if summary is not None and summary.text == text:
        return summary
    now = timezone.now()
    if summary is None:
        summary = Summary(
            operation=record.operation, content_type=ContentType.objects.get_for_model(record), object_id=record.pk
        )
    summary.text = text
    summary.written_by, summary.written_at = user, now
    summary.occurred_on = record_date(record)
    summary.facts = record_facts(record)
    summary.record_sensitivity = record.sensitivity
    clears = may_clear(user, record.operation)
    summary.cleared_by, summary.cleared_at = (user, now) if clears else (None, None)
    _apply_level(summary, record.operation)
    summary.full_clean()
    summary.save()
    return summary


@transaction.atomic
def summary_clear(*, user, summary: Summary) -> Summary:
    """A head of office clears the summary for the HCT: it becomes Unclassified."""
    if not may_clear(user, summary.operation) or not can(user, Action.VIEW, summary):
        raise PermissionDenied
    if not summary.is_cleared:
        summary.cleared_by, summary.cleared_at = user, timezone.now()
        _apply_level(summary, summary.operation)
        summary.save()
    return summary


def summary_sync(record) -> None:
    """After ``record`` was saved: its summary follows its date and level; a raised level or changed judgements
    withdraw the clearance (the HCT stops reading it until a head of office clears it again)."""
    summary = summary_of(record)
    if summary is None:
        return
    facts = record_facts(record)
    occurred_on = record_date(record)
    raised = record.sensitivity > summary.record_sensitivity
    if (summary.occurred_on, summary.facts, summary.record_sensitivity) == (occurred_on, facts, record.sensitivity):
        return
    if raised or facts != summary.facts:
        summary.cleared_by, summary.cleared_at = None, None
    summary.occurred_on, summary.facts, summary.record_sensitivity = occurred_on, facts, record.sensitivity
    _apply_level(summary, record.operation)
    summary.save()


def summaries_relevel(operation) -> None:
    """The levels of the operation's uncleared summaries after it changed whether it asks for clearance (each
    change kept in the summary's history)."""
    for summary in Summary.objects.filter(operation=operation, cleared_by__isnull=True):
        before = summary.sensitivity
        _apply_level(summary, operation)
        if summary.sensitivity != before:
            summary.save(update_fields=["sensitivity", "updated_at"])
