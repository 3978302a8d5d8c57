"""Writes of access incidents. Views change incidents only through these functions."""

from __future__ import annotations

from cmcoord.core.scoping import save_within_scope
from cmcoord.core.versioning import save_versioned

from .models import AccessIncident

# Fields compared to tell a user what changed under them, in the order they are shown.
TRACKED_FIELDS = [
    "title", "occurred_on", "category", "actor", "people_affected", "activities_suspended", "days_affected",
    "source", "verified", "sensitivity", "admin1_name", "admin1_pcode", "admin2_name", "admin2_pcode",
    "mission", "description",
]  # fmt: skip


def _writer(incident: AccessIncident, tasks):
    def write():
        incident.full_clean()
        incident.save()
        if tasks is not None:
            incident.tasks.set(tasks)
        return incident

    return write


def incident_create(*, user, incident: AccessIncident, tasks=()) -> AccessIncident:
    """Save a new (unsaved) incident with the tasks it concerns.

    Raises ``OutOfScope`` (everything rolled back) if the result is not an incident the user may change.
    """
    return save_within_scope(user, incident, save=_writer(incident, tasks))


def incident_edit(*, user, incident: AccessIncident, expected_version: int, tasks=None) -> AccessIncident:
    """Save an edited incident if nobody saved it since ``expected_version`` (else ``ConcurrentEdit``).

    ``tasks`` replaces the incident's tasks when given (None: unchanged).
    """
    return save_versioned(
        user=user,
        instance=incident,
        expected_version=expected_version,
        write=_writer(incident, tasks),
        fields=TRACKED_FIELDS,
    )
