"""Protection priorities (protection outcomes) agreed by each Humanitarian Country Team."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cmcoord.core.access import ScopeRule
from cmcoord.core.scoping import ScopedModel

from ..choices import PriorityStatus


class ProtectionPriority(ScopedModel):
    """A priority the HCT agreed for the response; tasks serve one or more of them.

    Priorities are shared with everyone in the operation (the HCT agreed them), so they carry no
    sensitivity; only the head of office records and changes them.
    """

    scope_rule = ScopeRule.SET_UP

    operation = models.ForeignKey(
        "operations.CountryOperation",
        on_delete=models.CASCADE,
        related_name="protection_priorities",
        verbose_name=_("operation"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=PriorityStatus, default=PriorityStatus.AGREED)
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers come first."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["operation", "order", "title"]
        verbose_name = _("protection priority")
        verbose_name_plural = _("protection priorities")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="priority_period_ordered",
                violation_error_message=_("The period cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("protection_tasks:priority-list", kwargs={"code": self.operation.code}) + f"#priority-{self.pk}"
