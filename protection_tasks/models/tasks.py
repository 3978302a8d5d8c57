"""Tasks of the CMCoord task log and their timeline of updates."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cmcoord.core import derivations
from cmcoord.core.places import place_errors
from cmcoord.core.scoping import ScopedModel
from cmcoord.core.validators import validate_sane_date, validate_task_reference
from cmcoord.operations.calendar import operation_today
from cmcoord.records.models import Record

from ..choices import CLOSED_STATUSES, OPEN_STATUSES, EntryKind, TaskStatus, Urgency


def closed_last():
    """0 for open tasks, 1 for completed and cancelled ones: the task list's first sort key.

    Ordering by (closed_last, due date) puts overdue tasks (open, earliest due) first, then the open ones by
    due date, then the closed ones, and an index on the same expression serves it at any size.
    """
    return Case(When(status__in=CLOSED_STATUSES, then=Value(1)), default=Value(0), output_field=IntegerField())


class Task(Record):
    """A piece of CMCoord work in one operation, of one catalogue activity (hence one of the five areas).

    A record of the kit's base (:class:`cmcoord.records.models.Record`): its version guards edits against lost
    updates, its attachments (minutes, signed notes, photos) are read as the task is. What only tasks have (the
    timeline, recurrence, the status workflow) stays here and in this app's services and views."""

    operation = models.ForeignKey(
        "operations.CountryOperation", on_delete=models.PROTECT, related_name="tasks", verbose_name=_("operation")
    )
    # Handed out by ``services.next_reference`` only and validated by ``full_clean``. No database constraint: on
    # SQLite adding one rebuilds the table, which trips over the PostgreSQL-only search index.
    reference = models.CharField(_("reference"), max_length=20, editable=False, validators=[validate_task_reference])
    activity = models.ForeignKey(
        "protection_tasks.Activity", on_delete=models.PROTECT, related_name="tasks", verbose_name=_("activity")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=TaskStatus, default=TaskStatus.PLANNED)
    urgency = models.PositiveSmallIntegerField(_("urgency"), choices=Urgency, default=Urgency.MEDIUM)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_tasks",
        verbose_name=_("owner"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="assigned_tasks",
        verbose_name=_("assigned by"),
        null=True,
        blank=True,
    )
    collaborators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="collaborating_tasks", verbose_name=_("collaborators")
    )
    start_date = models.DateField(_("start date"), null=True, blank=True, validators=[validate_sane_date])
    due_date = models.DateField(_("due date"), null=True, blank=True, validators=[validate_sane_date])
    completed_on = models.DateField(_("completed on"), null=True, blank=True, editable=False)
    admin1_name = models.CharField(_("admin 1 (region)"), max_length=100, blank=True)
    admin1_pcode = models.CharField(_("admin 1 P-code"), max_length=11, blank=True)
    admin2_name = models.CharField(_("admin 2 (district)"), max_length=100, blank=True)
    admin2_pcode = models.CharField(_("admin 2 P-code"), max_length=11, blank=True)
    outcome = models.TextField(
        _("outcome / result"), blank=True, help_text=_("What changed because of this task, in a few lines.")
    )
    protection_priorities = models.ManyToManyField(
        "protection_tasks.ProtectionPriority",
        blank=True,
        related_name="tasks",
        verbose_name=_("protection priorities"),
    )
    recurrence_rule = models.CharField(
        _("recurrence"), max_length=200, blank=True, help_text=_("An RFC 5545 RRULE; empty for a one-off task.")
    )
    series = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="occurrences",
        verbose_name=_("recurring series"),
        help_text=_("The recurring task this one was created from."),
    )

    # ``version`` is kept in history: a refused concurrent edit shows what changed since the version the user saw.
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "-urgency", "pk"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        constraints = [
            models.UniqueConstraint(
                fields=["operation", "reference"],
                name="task_reference_unique_in_operation",
                violation_error_message=_("This reference is already used in the operation."),
            ),
            models.UniqueConstraint(
                fields=["series", "due_date"],
                condition=Q(series__isnull=False),
                name="task_one_occurrence_per_date",
                violation_error_message=_("This recurring task already has an occurrence on that date."),
            ),
            models.CheckConstraint(
                condition=Q(due_date__isnull=True) | Q(start_date__isnull=True) | Q(due_date__gte=F("start_date")),
                name="task_due_not_before_start",
                violation_error_message=_("The due date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(status=TaskStatus.COMPLETED, completed_on__isnull=False)
                | (~Q(status=TaskStatus.COMPLETED) & Q(completed_on__isnull=True)),
                name="task_completed_on_iff_completed",
                violation_error_message=_("Only a completed task has a completion date."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=TaskStatus.values),
                name="task_status_valid",
                violation_error_message=_("Unknown status."),
            ),
        ]
        # Each list order and count is served by an index the query can answer from alone (index-only), whatever
        # the operation's size: the columns a query filters on but does not sort by (the status behind the
        # "closed last" key, the sensitivity that restricts a reader) are carried in each index (INCLUDE, on
        # PostgreSQL). Text search has a GIN index too, on PostgreSQL only: migration 0001 creates it.
        indexes = [
            models.Index(fields=["operation", "status", "due_date"], include=["sensitivity"], name="task_open_by_due"),
            # Counts of the task list (per status and area), of the catalogue (per activity) and of the dashboards
            # (overdue, due soon, completed per month): the dates are included so that every count reads the index
            # alone (the operation dashboard's counts of 50,000 tasks: 556 ms from the table, 19 ms from here).
            models.Index(
                fields=["operation", "status", "activity"],
                include=["sensitivity", "due_date", "completed_on"],
                name="task_counts_by_activity",
            ),
            # The task list's orders: the default (open first, by due date), most recently updated, by title.
            models.Index(
                F("operation"),
                closed_last(),
                F("due_date"),
                F("id"),
                name="task_list_default_order",
                include=["status", "sensitivity"],
            ),
            models.Index(
                fields=["operation", "-updated_at", "-id"], include=["sensitivity"], name="task_list_by_updated"
            ),
            models.Index(fields=["operation", "title", "id"], include=["sensitivity"], name="task_list_by_title"),
            # My tasks: what one person owns, in the worklist's order, whatever the operation. The page reads the
            # first rows of this index (LIMIT) rather than sorting all that person owns; its count reads the index
            # alone, the columns the access rule and the usual filters look at being carried in it.
            models.Index(
                F("owner"),
                closed_last(),
                F("due_date"),
                F("id"),
                name="task_mine_by_owner",
                include=["operation", "status", "sensitivity", "activity"],
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def get_absolute_url(self):
        return reverse(
            "protection_tasks:task-detail", kwargs={"code": self.operation.code, "reference": self.reference}
        )

    # A batch of tasks checked at once (an import) reads the foreign keys and check constraints once for all of
    # them (``form_choices.TaskFormChoices``): set by the form, it is also what the write's ``full_clean`` asks.
    validated_with = None

    def clean_fields(self, exclude=None):
        if self.validated_with is None:
            return super().clean_fields(exclude)
        return self.validated_with.clean_fields(self, exclude, super().clean_fields)

    def validate_constraints(self, exclude=None):
        if self.validated_with is None:
            return super().validate_constraints(exclude)
        return self.validated_with.validate_constraints(self, exclude)

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.due_date and self.due_date < self.start_date:
            errors["due_date"] = _("The due date cannot be before the start date.")
        errors.update(place_errors(self))  # the rule of every place (cmcoord.core.places)
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        """Past its due date in the operation's own time zone and not finished."""
        return bool(self.due_date and self.is_open and self.due_date < operation_today(self.operation))

    @property
    def location(self) -> str:
        return ", ".join(part for part in (self.admin2_name, self.admin1_name) if part)


class TaskReferenceCounter(models.Model):
    """Last number handed out per operation and year, for readable references like ``CAF-2026-0042``."""

    operation = models.ForeignKey("operations.CountryOperation", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["operation", "year"], name="task_counter_one_per_year")]

    def __str__(self):
        return f"{self.operation_id}/{self.year}: {self.last_number}"


class TimelineEntry(ScopedModel):
    """An entry on a task's timeline: a progress note, or a status change or reassignment recorded for it."""

    scope_operation_field = "task__operation"
    scope_sensitivity_field = "task__sensitivity"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="timeline", verbose_name=_("task"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
        null=True,
        blank=True,
        help_text=_("Empty for entries the system wrote, e.g. an occurrence of a recurring task."),
    )
    created_at = models.DateTimeField(_("date"), default=timezone.now)
    kind = models.CharField(_("kind"), max_length=12, choices=EntryKind, default=EntryKind.NOTE)
    text = models.TextField(_("text"), blank=True)
    old_value = models.CharField(_("from"), max_length=200, blank=True)
    new_value = models.CharField(_("to"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=EntryKind.NOTE) | ~Q(text=""),
                name="task_update_note_has_text",
                violation_error_message=_("A progress note needs some text."),
            ),
        ]

    def __str__(self):
        return f"{self.task_id} {self.get_kind_display()} {self.created_at:%Y-%m-%d}"


# An occurrence of a recurring task copies its series' title and description: raising the series raises it.
derivations.declare(source="protection_tasks.Task", derived="protection_tasks.Task", path="series")
