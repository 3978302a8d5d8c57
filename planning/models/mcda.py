"""Requests for military and civil defence assets (MCDA) under the principle of last resort."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cmcoord.core.validators import validate_sane_date
from cmcoord.records.models import Record

from ..choices import Decision, Justification


class MCDARequest(Record):
    """A humanitarian request for a military or civil defence asset, with why civilian means would not do.

    Assets are used only as a last resort: a request carries at least one justification (a database constraint,
    not only the form). It is answered on a date that cannot precede the request. Confidential by default: a
    request names the military, what they are asked to carry and where.
    """

    requested = models.CharField(
        _("what was requested"), max_length=200, help_text=_("e.g. Airlift of 12 t of medical supplies to Birao")
    )
    asset = models.CharField(
        _("asset"), max_length=200, help_text=_("The military or civil defence asset, e.g. MINUSCA Mi-8 helicopter.")
    )
    asset_actor = models.ForeignKey(
        "actors.Actor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mcda_requests",
        verbose_name=_("providing actor"),
    )
    asset_mission = models.ForeignKey(
        "missions.Mission",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mcda_requests",
        verbose_name=_("providing mission"),
    )
    purpose = models.TextField(_("humanitarian purpose"))
    no_civilian_alternative = models.BooleanField(Justification.NO_CIVILIAN_ALTERNATIVE.label, default=False)
    time_critical = models.BooleanField(Justification.TIME_CRITICAL.label, default=False)
    unique_capability = models.BooleanField(Justification.UNIQUE_CAPABILITY.label, default=False)
    limited_in_time = models.BooleanField(Justification.LIMITED_IN_TIME.label, default=False)
    justification_notes = models.TextField(_("justification in detail"), blank=True)
    requested_on = models.DateField(_("requested on"), validators=[validate_sane_date])
    decision = models.CharField(_("decision"), max_length=10, choices=Decision, default=Decision.PENDING)
    decided_on = models.DateField(_("decided on"), null=True, blank=True, validators=[validate_sane_date])
    task = models.ForeignKey(
        "protection_tasks.Task",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mcda_requests",
        verbose_name=_("task served"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_on", "-pk"]
        verbose_name = _("MCDA request")
        verbose_name_plural = _("MCDA requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(no_civilian_alternative=True)
                | Q(time_critical=True)
                | Q(unique_capability=True)
                | Q(limited_in_time=True),
                name="mcda_request_has_justification",
                violation_error_message=_("Give at least one last-resort justification."),
            ),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=F("requested_on")),
                name="mcda_decision_not_before_request",
                violation_error_message=_("The decision cannot be dated before the request."),
            ),
            models.CheckConstraint(
                condition=Q(decision__in=Decision.values),
                name="mcda_decision_valid",
                violation_error_message=_("Unknown decision."),
            ),
            models.CheckConstraint(
                condition=Q(decision=Decision.PENDING, decided_on__isnull=True)
                | (~Q(decision=Decision.PENDING) & Q(decided_on__isnull=False)),
                name="mcda_decision_dated_iff_decided",
                violation_error_message=_("A decision needs its date; a pending request has none."),
            ),
        ]
        indexes = [
            models.Index(fields=["operation", "-requested_on", "-id"], include=["sensitivity"], name="mcda_by_date"),
            models.Index(fields=["operation", "decided_on"], include=["sensitivity", "decision"], name="mcda_decided"),
        ]

    def __str__(self):
        return self.requested

    def get_absolute_url(self):
        return reverse("mcda-requests:detail", kwargs={"code": self.operation.code, "pk": self.pk})

    @property
    def justifications(self) -> list:
        """The labels of the justifications given, in the order of :class:`Justification`."""
        return [choice.label for choice in Justification if getattr(self, choice.value)]

    def clean(self):
        super().clean()
        errors = {}
        if not any(getattr(self, choice.value) for choice in Justification):
            errors["no_civilian_alternative"] = _("Give at least one last-resort justification.")
        if self.decided_on and self.requested_on and self.decided_on < self.requested_on:
            errors["decided_on"] = _("The decision cannot be dated before the request (%(date)s).") % {
                "date": self.requested_on.isoformat()
            }
        elif self.decision == Decision.PENDING and self.decided_on:
            errors["decided_on"] = _("A pending request has no decision date; choose the decision first.")
        elif self.decision != Decision.PENDING and not self.decided_on:
            errors["decided_on"] = _("Give the date of the decision.")
        if errors:
            raise ValidationError(errors)
