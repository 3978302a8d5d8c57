"""Writes of training events. Views change trainings only through these functions."""

from __future__ import annotations

from cmcoord.core.scoping import save_within_scope
from cmcoord.core.versioning import save_versioned

from .choices import ORGANISATION_FIELDS, SEX_FIELDS
from .models import Training

# Fields compared to tell a user what changed under them, in the order they are shown.
TRACKED_FIELDS = [
    "title", "start_date", "end_date", "topics", "partners",
    *(name for name, _label in SEX_FIELDS), *(name for name, _label in ORGANISATION_FIELDS),
    "pre_test_score", "post_test_score", "sensitivity",
    "admin1_name", "admin1_pcode", "admin2_name", "admin2_pcode", "notes",
]  # fmt: skip


def _writer(training: Training, links: dict):
    def write():
        training.full_clean()
        training.save()
        for field, members in links.items():
            if members is not None:
                getattr(training, field).set(members)
        return training

    return write


def training_create(*, user, training: Training, audience=(), tasks=()) -> Training:
    """Save a new (unsaved) training with its audience actors and tasks.

    Raises ``OutOfScope`` (everything rolled back) if the result is not a training the user may change.
    """
    return save_within_scope(user, training, save=_writer(training, {"audience": audience, "tasks": tasks}))


def training_edit(*, user, training: Training, expected_version: int, audience=None, tasks=None) -> Training:
    """Save an edited training if nobody saved it since ``expected_version`` (else ``ConcurrentEdit``).

    ``audience`` and ``tasks`` replace the training's links when given (None: unchanged).
    """
    return save_versioned(
        user=user,
        instance=training,
        expected_version=expected_version,
        write=_writer(training, {"audience": audience, "tasks": tasks}),
        fields=TRACKED_FIELDS,
    )
