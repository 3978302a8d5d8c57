"""Writes of the task log. Views and Celery tasks change tasks only through these functions."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from cmcoord.core.access import Action
from cmcoord.core.people import person_name
from cmcoord.core.scoping import OutOfScope, save_within_scope
from cmcoord.core.validators import EARLIEST_DATE, LATEST_DATE
from cmcoord.core.versioning import ConcurrentEdit, changes_since, field_text
from cmcoord.operations.calendar import operation_today

from . import recurrence
from .batches import TaskBatch
from .choices import TRANSITIONS, EntryKind, TaskStatus
from .models import Task, TaskReferenceCounter, TimelineEntry

logger = logging.getLogger(__name__)

__all__ = ["ConcurrentEdit"]  # what the task pages catch, raised here

# Fields compared to tell a user what changed under them, in the order they are shown.
TRACKED_FIELDS = [
    "title", "activity", "status", "urgency", "owner", "start_date", "due_date", "sensitivity",
    "description", "admin1_name", "admin1_pcode", "admin2_name", "admin2_pcode", "outcome", "recurrence_rule",
]  # fmt: skip
# Fields whose changes have a timeline entry kind of their own.
OWN_ENTRIES = frozenset({"status", "owner"})


def check_transition(old: str, new: str) -> None:
    """Refuse a status change the workflow does not allow."""
    if old != new and new not in TRANSITIONS[old]:
        raise ValidationError(
            _("A task cannot go from “%(old)s” to “%(new)s”."),
            params={"old": TaskStatus(old).label, "new": TaskStatus(new).label},
            code="illegal_transition",
        )


def allowed_statuses(status: str) -> list[str]:
    return list(TRANSITIONS[status])


def next_reference(operation, on: date) -> str:
    """Hand out the next readable reference of the year, e.g. ``CAF-2026-0042``; safe under concurrency."""
    with transaction.atomic():
        TaskReferenceCounter.objects.get_or_create(operation=operation, year=on.year)
        counter = TaskReferenceCounter.objects.select_for_update().get(operation=operation, year=on.year)
        counter.last_number = F("last_number") + 1
        counter.save(update_fields=["last_number"])
        counter.refresh_from_db(fields=["last_number"])
    return f"{operation.code}-{on.year}-{counter.last_number:04d}"


def _apply_status(task: Task, old_status: str | None) -> None:
    """Keep the completion date in step with the status (set by the transition, in the operation's time zone)."""
    if task.status == TaskStatus.COMPLETED and old_status != TaskStatus.COMPLETED:
        task.completed_on = operation_today(task.operation)
    elif task.status != TaskStatus.COMPLETED:
        task.completed_on = None


def _timeline_for_changes(task: Task, user, before: Task | None, batch: TaskBatch | None = None) -> None:
    if before is None:
        entry = TimelineEntry(task=task, author=user, kind=EntryKind.CREATED, new_value=task.get_status_display())
        if batch is None:
            entry.save()
        else:
            batch.entries.append(entry)  # inserted with the batch's chunk
        return
    if before.status != task.status:
        TimelineEntry.objects.create(
            task=task,
            author=user,
            kind=EntryKind.STATUS,
            old_value=before.get_status_display(),
            new_value=task.get_status_display(),
        )
    if before.owner_id != task.owner_id:
        TimelineEntry.objects.create(
            task=task,
            author=user,
            kind=EntryKind.ASSIGNMENT,
            old_value=person_name(before.owner),
            new_value=person_name(task.owner),
        )
    # Every other field, as an issue tracker's history: "Urgency: Medium → Critical".
    for field in TRACKED_FIELDS:
        if field in OWN_ENTRIES:
            continue
        model_field = Task._meta.get_field(field)
        if getattr(before, model_field.attname) != getattr(task, model_field.attname):
            TimelineEntry.objects.create(
                task=task,
                author=user,
                kind=EntryKind.CHANGE,
                text=str(model_field.verbose_name),
                old_value=_shortened(field_text(before, field)),
                new_value=_shortened(field_text(task, field)),
            )


def _shortened(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _save_task(user, task: Task, links: dict, before: Task | None, batch: TaskBatch | None = None) -> Task:
    """Validate and write a task, its many-to-many links and its timeline entries, inside the scope re-check.

    ``links`` maps a many-to-many field (collaborators, protection priorities) to its new members; a field
    left out keeps its members.
    """

    def write():
        task.full_clean(exclude=["reference"])
        task.save()
        for field, members in links.items():
            if members is not None:
                getattr(task, field).set(members)
        _timeline_for_changes(task, user, before, batch)
        return task

    return save_within_scope(user, task, save=write, checks=batch.checks if batch else None)


def task_create(
    *,
    user,
    task: Task,
    collaborators=(),
    protection_priorities=(),
    batch: TaskBatch | None = None,
) -> Task:
    """Save a new (unsaved) task with its collaborators and protection priorities: reference, completion date,
    assignment and first timeline entry. ``batch``: one of many tasks of the batch's operation created in one
    transaction (:class:`TaskBatch`: reference, re-check, timeline entry and history a chunk at a time), else
    written alone with the next reference handed out.

    Raises :class:`OutOfScope` (everything rolled back) if the result is not a task the user may change.
    """
    on = operation_today(task.operation)
    if batch is None or batch.references.operation.pk != task.operation_id or batch.user is not user:
        with transaction.atomic():
            return _create(user, task, next_reference(task.operation, on), collaborators, protection_priorities)
    reference = batch.references.take(on)
    try:
        return _create(user, task, reference, collaborators, protection_priorities, batch)
    except BaseException:
        batch.references.give_back(reference)
        raise


def _create(user, task: Task, reference: str, collaborators, protection_priorities, batch=None) -> Task:
    task.reference = reference
    if task.owner_id and task.owner_id != user.pk:
        task.assigned_by = user
    _apply_status(task, None)
    links = {"collaborators": collaborators, "protection_priorities": protection_priorities}
    return _save_task(user, task, links, None, batch)


def task_edit(*, user, task: Task, expected_version: int, collaborators=None, protection_priorities=None) -> Task:
    """Save an edited task if nobody else saved it since ``expected_version``; else raise :class:`ConcurrentEdit`.

    ``collaborators`` and ``protection_priorities`` replace the task's links when given (None: unchanged).

    The version is claimed with one conditional UPDATE (compare-and-swap), so of two simultaneous saves
    exactly one wins, on PostgreSQL and SQLite alike.
    """
    with transaction.atomic():
        claimed = (
            Task.objects.restrict(user, Action.CHANGE)
            .filter(pk=task.pk, version=expected_version)
            .update(version=F("version") + 1)
        )
        if not claimed:
            current = Task.objects.restrict(user, Action.CHANGE).filter(pk=task.pk).first()
            if current is None:
                raise OutOfScope(_("You cannot change this task."))
            changes, editors = changes_since(current, expected_version, TRACKED_FIELDS)
            raise ConcurrentEdit(current, changes, editors, since=expected_version)
        before = Task.objects.select_related("owner").get(pk=task.pk)
        check_transition(before.status, task.status)
        if task.owner_id != before.owner_id:
            task.assigned_by = user
        _apply_status(task, before.status)
        task.version = expected_version + 1
        links = {"collaborators": collaborators, "protection_priorities": protection_priorities}
        return _save_task(user, task, links, before)


def task_create_from_form(*, user, form) -> Task:
    """Save the new task of a valid task form (the create page and the API both save through here)."""
    return task_create(
        user=user,
        task=form.save(commit=False),
        collaborators=form.cleaned_data["collaborators"],
        protection_priorities=form.cleaned_data["protection_priorities"],
    )


def task_edit_from_form(*, user, form) -> Task:
    """Save a valid task edit form from the version it carries (the edit page and the API both save through here)."""
    return task_edit(
        user=user,
        task=form.save(commit=False),
        expected_version=form.cleaned_data["version"],
        collaborators=form.cleaned_data["collaborators"],
        protection_priorities=form.cleaned_data["protection_priorities"],
    )


def task_change_status(*, user, task: Task, new_status: str, expected_version: int, outcome: str | None = None) -> Task:
    """Move a task along the workflow (the quick status buttons).

    Starting a planned task with no start date dates it today (in the operation's calendar), unless it was due
    before today: a start after the due date would be refused, and that date is for the officer to say. Completing
    it may record its outcome in the same step.
    """
    if new_status not in TaskStatus.values:
        raise ValidationError(_("Unknown status."), code="invalid")
    check_transition(task.status, new_status)
    if task.status == TaskStatus.PLANNED and new_status == TaskStatus.IN_PROGRESS and task.start_date is None:
        today = operation_today(task.operation)
        if task.due_date is None or task.due_date >= today:
            task.start_date = today
    if new_status == TaskStatus.COMPLETED and outcome is not None:
        task.outcome = outcome.strip()
    task.status = new_status
    return task_edit(user=user, task=task, expected_version=expected_version)


def task_add_note(*, user, task: Task, text: str) -> TimelineEntry:
    """Add a progress note to the task's timeline (notes are never edited, so no version check)."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write what happened before saving the note.")})
    if not Task.objects.restrict(user, Action.CHANGE).filter(pk=task.pk).exists():
        raise OutOfScope(_("You cannot add notes to this task."))
    return TimelineEntry.objects.create(task=task, author=user, kind=EntryKind.NOTE, text=text)


# --- Recurring tasks --------------------------------------------------------------------------------


def _occurrence_of(series: Task, due: date) -> Task:
    span = (series.due_date - series.start_date) if (series.start_date and series.due_date) else None
    return Task(
        operation=series.operation,
        activity=series.activity,
        title=series.title,
        description=series.description,
        urgency=series.urgency,
        owner=series.owner,
        assigned_by=series.assigned_by,
        sensitivity=series.sensitivity,
        start_date=(due - span) if span is not None else None,
        due_date=due,
        admin1_name=series.admin1_name,
        admin1_pcode=series.admin1_pcode,
        admin2_name=series.admin2_name,
        admin2_pcode=series.admin2_pcode,
        series=series,
    )


def recurring_series_create_occurrences(series: Task, *, lead_days: int | None = None) -> list[Task]:
    """Create the occurrences of one recurring task that fall due within the lead time; each only once.

    An occurrence is identified by (series, due date), which the database keeps unique: running this twice,
    or in two workers at once, never duplicates one.
    """
    lead = settings.TASK_RECURRENCE_LEAD_DAYS if lead_days is None else lead_days
    if not series.recurrence_rule or series.status == TaskStatus.CANCELLED or not series.operation.is_active:
        return []
    anchor = series.due_date or series.start_date or series.created_at.date()
    if not EARLIEST_DATE <= anchor <= LATEST_DATE:
        # Forms refuse such dates; one stored before they did (year 1) would ask for centuries of occurrences.
        logger.warning("Recurring task %s counts from %s, outside the dates allowed: skipped.", series.pk, anchor)
        return []
    today = operation_today(series.operation)
    horizon = today + timedelta(days=lead)
    created = []
    existing = set(series.occurrences.values_list("due_date", flat=True))
    # Scan on from the latest occurrence, so a long-running series is never held back by the per-run bound; but no
    # further back than the backfill window: older occurrences are not worth creating (a series dated long ago,
    # or one the beat job missed for weeks, resumes with the recent ones only).
    earliest = today - timedelta(days=settings.TASK_RECURRENCE_BACKFILL_DAYS)
    after = max(max(existing, default=anchor), earliest - timedelta(days=1))
    for due in recurrence.dates_between(series.recurrence_rule, anchor, after, horizon):
        if due in existing:
            continue
        occurrence = _occurrence_of(series, due)
        try:
            with transaction.atomic():
                occurrence.reference = next_reference(series.operation, operation_today(series.operation))
                occurrence.save()
                occurrence.collaborators.set(series.collaborators.all())
                occurrence.protection_priorities.set(series.protection_priorities.all())
                TimelineEntry.objects.create(
                    task=occurrence,
                    author=None,
                    kind=EntryKind.CREATED,
                    text=_("Created from the recurring task %(reference)s.") % {"reference": series.reference},
                    new_value=occurrence.get_status_display(),
                )
        except IntegrityError:
            continue  # another run created it first
        created.append(occurrence)
    return created


def recurring_tasks_create_occurrences(*, lead_days: int | None = None) -> int:
    """Run :func:`recurring_series_create_occurrences` over every recurring task; returns how many were created."""
    series_list = (
        Task.objects.filter(series__isnull=True)
        .exclude(recurrence_rule="")
        .exclude(status=TaskStatus.CANCELLED)
        .select_related("operation", "activity", "owner", "assigned_by")
    )
    return sum(len(recurring_series_create_occurrences(s, lead_days=lead_days)) for s in series_list)
