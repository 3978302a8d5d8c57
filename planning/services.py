"""Writes of planning and preparedness. Views, the admin's repairs aside, change records only through these.

Edits are guarded against lost updates as tasks are (:mod:`cmcoord.core.versioning`): the version the user started
from is claimed with one conditional UPDATE; if someone saved meanwhile, nothing is written and
:class:`ConcurrentEdit` lists what they changed.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from cmcoord.core.scoping import save_within_scope
from cmcoord.core.versioning import ConcurrentEdit, save_versioned
from cmcoord.operations.models import CountryOperation

from .keypoints import key_points
from .models import ChecklistItem, MCDARequest, PlanningDocument

__all__ = [
    "ConcurrentEdit",
    "checklist_copy",
    "checklist_copy_everywhere",
    "checklist_item_edit",
    "document_create",
    "document_edit",
    "mcda_create",
    "mcda_edit",
]

# Fields compared to tell a user what changed under them, in the order they are shown.
DOCUMENT_FIELDS = ["kind", "title", "status", "effective_date", "review_due", "mission", "sensitivity", "notes"]
MCDA_FIELDS = [
    "requested", "asset", "asset_actor", "asset_mission", "purpose", "no_civilian_alternative", "time_critical",
    "unique_capability", "limited_in_time", "justification_notes", "requested_on", "decision", "decided_on", "task",
    "sensitivity",
]  # fmt: skip
CHECKLIST_FIELDS = ["status", "owner", "notes", "sensitivity"]


def _writer(record, links: dict | None):
    """The write of ``record``: validated, saved, then its many-to-many ``links`` set (a field left None keeps its
    members)."""

    def write():
        record.full_clean()
        record.save()
        for field, members in (links or {}).items():
            if members is not None:
                getattr(record, field).set(members)
        return record

    return write


def _save(user, record, links: dict | None = None):
    """Write a new ``record`` inside the scope re-check."""
    return save_within_scope(user, record, save=_writer(record, links))


def _edit(user, record, expected_version: int, fields: list[str], links: dict | None = None):
    """Save an edit if nobody saved the record since ``expected_version`` (:func:`save_versioned`)."""
    return save_versioned(
        user=user, instance=record, expected_version=expected_version, write=_writer(record, links), fields=fields
    )


# --- Planning documents ------------------------------------------------------------------------------------------


def document_create(*, user, document: PlanningDocument, tasks=()) -> PlanningDocument:
    """Save a new planning document with the tasks it serves. :class:`OutOfScope` if the user may not."""
    with transaction.atomic():
        return _save(user, document, {"tasks": tasks})


def document_edit(*, user, document: PlanningDocument, expected_version: int, tasks=None) -> PlanningDocument:
    """Save an edited planning document (``tasks`` replaces its tasks when given)."""
    return _edit(user, document, expected_version, DOCUMENT_FIELDS, {"tasks": tasks})


# --- MCDA requests -----------------------------------------------------------------------------------------------


def mcda_create(*, user, request: MCDARequest) -> MCDARequest:
    with transaction.atomic():
        return _save(user, request)


def mcda_edit(*, user, request: MCDARequest, expected_version: int) -> MCDARequest:
    return _edit(user, request, expected_version, MCDA_FIELDS)


# --- The set-up checklist ---------------------------------------------------------------------------------------


def checklist_copy(operation) -> int:
    """Copy the shipped key points the operation's checklist lacks; returns how many were added.

    Idempotent: a point is identified by its code, kept unique per operation by the database, so a second run (or
    two at once) adds nothing. Closed operations are left as they are. One query when nothing is missing.
    """
    if not operation.is_active:
        return 0
    present = set(ChecklistItem.objects.filter(operation=operation).values_list("code", flat=True))
    added = 0
    for point in key_points():
        if point.code in present:
            continue
        try:
            with transaction.atomic():
                item = ChecklistItem(
                    operation=operation, code=point.code, order=point.order, text=point.text, source=point.source
                )
                item.full_clean(validate_unique=False, validate_constraints=False)
                item.save()
        except IntegrityError:
            continue  # copied by a simultaneous request
        added += 1
    return added


def checklist_copy_everywhere() -> int:
    """:func:`checklist_copy` for every active operation (``manage.py copy_setup_checklists``)."""
    return sum(checklist_copy(operation) for operation in CountryOperation.objects.filter(is_active=True))


def checklist_item_edit(*, user, item: ChecklistItem, expected_version: int) -> ChecklistItem:
    """Save an item's status, owner, notes or level if nobody saved it since ``expected_version``."""
    return _edit(user, item, expected_version, CHECKLIST_FIELDS)
