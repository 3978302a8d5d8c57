"""Planning documents (PP-1…PP-6): the CMCoord assessment, guidelines, plans and arrangements an office keeps."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cmcoord.core.validators import validate_sane_date
from cmcoord.operations.calendar import operation_today
from cmcoord.records.models import Record

from ..choices import DocumentKind, DocumentStatus


class PlanningDocument(Record):
    """A planning or policy document of one operation, with its status and the date it is due for review.

    The operation's CMCoord assessment in force (PP-4: "a current CMCoord assessment of the roles armed actors may
    take") is what ``selectors.assessment_flags`` looks for: none in force, or one past its review date, flags the
    operation. The document's file is its main content: an attachment.
    """

    kind = models.CharField(_("kind"), max_length=12, choices=DocumentKind)
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(_("status"), max_length=12, choices=DocumentStatus, default=DocumentStatus.DRAFT)
    effective_date = models.DateField(
        _("effective date"), null=True, blank=True, validators=[validate_sane_date],
        help_text=_("When it took or takes effect; required once it is in force."),
    )  # fmt: skip
    review_due = models.DateField(
        _("review due"), null=True, blank=True, validators=[validate_sane_date],
        help_text=_("When it must be reviewed; not before the effective date."),
    )  # fmt: skip
    notes = models.TextField(_("notes"), blank=True)
    tasks = models.ManyToManyField(
        "protection_tasks.Task", blank=True, related_name="planning_documents", verbose_name=_("tasks")
    )
    mission = models.ForeignKey(
        "missions.Mission",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="planning_documents",
        verbose_name=_("mission"),
    )

    history = HistoricalRecords(m2m_fields=[tasks])

    class Meta:
        ordering = ["kind", "-effective_date", "pk"]
        verbose_name = _("planning document")
        verbose_name_plural = _("planning documents")
        constraints = [
            models.CheckConstraint(
                condition=Q(review_due__isnull=True)
                | Q(effective_date__isnull=True)
                | Q(review_due__gte=F("effective_date")),
                name="planning_document_review_not_before_effective",
                violation_error_message=_("The review date cannot be before the effective date."),
            ),
            models.CheckConstraint(
                condition=~Q(status=DocumentStatus.IN_FORCE) | Q(effective_date__isnull=False),
                name="planning_document_in_force_has_effective_date",
                violation_error_message=_("A document in force needs its effective date."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=DocumentKind.values) & Q(status__in=DocumentStatus.values),
                name="planning_document_kind_and_status_valid",
                violation_error_message=_("Unknown kind or status."),
            ),
        ]
        indexes = [
            # The dashboard's counts by kind and status and the PP-4 flag read this index alone.
            models.Index(
                fields=["operation", "kind", "status"], include=["sensitivity", "review_due"], name="planning_doc_kind"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("planning-documents:detail", kwargs={"code": self.operation.code, "pk": self.pk})

    def clean(self):
        super().clean()
        errors = {}
        if self.effective_date and self.review_due and self.review_due < self.effective_date:
            errors["review_due"] = _("The review date cannot be before the effective date.")
        if self.status == DocumentStatus.IN_FORCE and not self.effective_date:
            errors["effective_date"] = _("A document in force needs its effective date.")
        if errors:
            raise ValidationError(errors)

    def review_overdue_on(self, today) -> bool:
        """In force and past its review date on ``today`` (the operation's date)."""
        return bool(self.status == DocumentStatus.IN_FORCE and self.review_due and self.review_due < today)

    @property
    def review_overdue(self) -> bool:
        """In force and past its review date on the operation's today (its list and its page flag it)."""
        return self.review_overdue_on(operation_today(self.operation))
