"""Links from the task log: the actors a task deals with."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cmcoord.core.scoping import ScopedModel

from ..choices import TaskActorRole


class TaskActor(ScopedModel):
    """An actor a task targets, talks to or works with. Seen only by who may see both the task and the actor."""

    scope_operation_field = "task__operation"
    scope_sensitivity_field = ("task__sensitivity", "actor__sensitivity")

    task = models.ForeignKey("protection_tasks.Task", on_delete=models.CASCADE, related_name="actor_links")
    actor = models.ForeignKey(
        "actors.Actor", on_delete=models.CASCADE, related_name="task_links", verbose_name=_("actor")
    )
    role = models.CharField(_("role"), max_length=15, choices=TaskActorRole, default=TaskActorRole.TARGET)

    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "actor__name"]
        verbose_name = _("actor of a task")
        verbose_name_plural = _("actors of tasks")
        constraints = [
            models.UniqueConstraint(
                fields=["task", "actor", "role"],
                name="task_actor_once_per_role",
                violation_error_message=_("This actor already has this role in the task."),
            ),
        ]

    def __str__(self):
        return f"{self.task_id} {self.role} {self.actor_id}"

    def clean(self):
        super().clean()
        if self.task_id and self.actor_id and self.task.operation_id != self.actor.operation_id:
            raise ValidationError({"actor": _("The actor must belong to the task's operation.")})
