"""Writes of planning and preparedness. Planning documents and MCDA requests are saved by the record kit's
services (:mod:`cmcoord.records.services`, declared in ``records.py``); the set-up checklist through these.

Edits are guarded against lost updates as tasks are (:mod:`cmcoord.core.versioning`): the version the user started
from is claimed with one conditional UPDATE; if someone saved meanwhile, nothing is written and
:class:`ConcurrentEdit` lists what they changed.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from cmcoord.core.versioning import ConcurrentEdit
from cmcoord.operations.models import CountryOperation
from cmcoord.records.services import edit_record

from .keypoints import key_points
from .models import ChecklistItem

__all__ = [
    "ConcurrentEdit",
    "checklist_copy",
    "checklist_copy_everywhere",
    "checklist_item_edit",
]

# Fields compared to tell a user what changed under them, in the order they are shown.
DOCUMENT_FIELDS = ["kind", "title", "status", "effective_date", "review_due", "mission", "sensitivity", "notes"]
MCDA_FIELDS = [
    "requested", "asset", "asset_actor", "asset_mission", "purpose", "no_civilian_alternative", "time_critical",
    "unique_capability", "limited_in_time", "justification_notes", "requested_on", "decision", "decided_on", "task",
    "sensitivity",
]  # fmt: skip
CHECKLIST_FIELDS = ["status", "owner", "notes", "sensitivity"]


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
    return edit_record(user=user, record=item, expected_version=expected_version, fields=CHECKLIST_FIELDS)
