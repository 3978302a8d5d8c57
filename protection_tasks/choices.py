"""Choices of the task log: statuses and their workflow, priorities."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TaskStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    ON_HOLD = "on_hold", _("On hold")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


# The workflow: from each status, the statuses a task may move to. Anything else is refused.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    TaskStatus.PLANNED: (TaskStatus.IN_PROGRESS, TaskStatus.ON_HOLD, TaskStatus.CANCELLED),
    TaskStatus.IN_PROGRESS: (TaskStatus.COMPLETED, TaskStatus.ON_HOLD, TaskStatus.CANCELLED),
    TaskStatus.ON_HOLD: (TaskStatus.IN_PROGRESS, TaskStatus.CANCELLED),
    TaskStatus.COMPLETED: (TaskStatus.IN_PROGRESS,),  # reopen
    TaskStatus.CANCELLED: (TaskStatus.PLANNED,),  # reinstate
}
# A new task starts planned, in progress or (past work logged) completed; never on hold or cancelled.
NEW_TASK_STATUS_CHOICES = [(s, label) for s, label in TaskStatus.choices if s not in ("on_hold", "cancelled")]
OPEN_STATUSES = (TaskStatus.PLANNED, TaskStatus.IN_PROGRESS, TaskStatus.ON_HOLD)
CLOSED_STATUSES = (TaskStatus.COMPLETED, TaskStatus.CANCELLED)

# Labels of the quick status buttons on a task, by target status.
TRANSITION_LABELS = {
    TaskStatus.IN_PROGRESS: _("Start"),
    TaskStatus.ON_HOLD: _("Put on hold"),
    TaskStatus.COMPLETED: _("Complete"),
    TaskStatus.CANCELLED: _("Cancel"),
    TaskStatus.PLANNED: _("Reinstate"),
}
# Where the same move reads differently by where the task comes from: a completed task is reopened, not started.
TRANSITION_LABELS_FROM = {
    (TaskStatus.COMPLETED, TaskStatus.IN_PROGRESS): _("Reopen"),
    (TaskStatus.ON_HOLD, TaskStatus.IN_PROGRESS): _("Resume"),
}


def transition_label(old: str, new: str) -> str:
    """The words of the button that moves a task from ``old`` to ``new``."""
    return TRANSITION_LABELS_FROM.get((old, new), TRANSITION_LABELS[new])


class Urgency(models.IntegerChoices):
    LOW = 1, _("Low")
    MEDIUM = 2, _("Medium")
    HIGH = 3, _("High")
    CRITICAL = 4, _("Critical")


class PriorityStatus(models.TextChoices):
    """Life of an HCT protection priority."""

    DRAFT = "draft", _("Draft")
    AGREED = "agreed", _("Agreed by the HCT")
    ACHIEVED = "achieved", _("Achieved")
    RETIRED = "retired", _("Retired")


class EntryKind(models.TextChoices):
    NOTE = "note", _("Progress note")
    STATUS = "status", _("Status change")
    ASSIGNMENT = "assignment", _("Reassignment")
    CREATED = "created", _("Created")
    CHANGE = "change", _("Change")  # any other field: ``text`` names it, ``old_value`` → ``new_value``
