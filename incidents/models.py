"""Access incidents: impediments to humanitarian access recorded for monitoring and advocacy (Guidance Note III.1,
AN-4), categorised after OCHA's Access Monitoring and Reporting Framework."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cmcoord.core.choices import Sensitivity
from cmcoord.core.places import PlaceFields
from cmcoord.core.validators import validate_sane_date
from cmcoord.operations.calendar import operation_today
from cmcoord.records.models import Record

from .choices import AccessCategory, IncidentSource


class AccessIncident(PlaceFields, Record):
    """One impediment to humanitarian access on one day and place.

    Confidential by default: who reported it and who is held responsible can put people at risk (DOMAIN.md, do no
    harm). The responsible actor, the tasks and the mission are shown to a reader only where the reader may read
    them too; an incident names no more than its reader may see.
    """

    operation = models.ForeignKey(
        "operations.CountryOperation",
        on_delete=models.PROTECT,
        related_name="access_incidents",
        verbose_name=_("operation"),
    )
    title = models.CharField(_("summary"), max_length=200, help_text=_("One line: what happened, e.g. a checkpoint."))
    occurred_on = models.DateField(_("date"), validators=[validate_sane_date])
    category = models.CharField(_("category"), max_length=30, choices=AccessCategory)
    actor = models.ForeignKey(
        "actors.Actor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="access_incidents",
        verbose_name=_("actor responsible"),
        help_text=_("If known."),
    )
    people_affected = models.PositiveIntegerField(
        _("people affected"), null=True, blank=True, help_text=_("Empty if unknown.")
    )
    activities_suspended = models.PositiveIntegerField(
        _("activities suspended"), null=True, blank=True, help_text=_("How many; 0 for none, empty if unknown.")
    )
    days_affected = models.PositiveIntegerField(
        _("days of disruption"), null=True, blank=True, help_text=_("Empty if unknown or still going on.")
    )
    source = models.CharField(_("source"), max_length=12, choices=IncidentSource)
    verified = models.BooleanField(_("verified"), default=False)
    description = models.TextField(_("description"), blank=True)
    tasks = models.ManyToManyField(
        "protection_tasks.Task", blank=True, related_name="access_incidents", verbose_name=_("tasks")
    )
    mission = models.ForeignKey(
        "missions.Mission",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="access_incidents",
        verbose_name=_("mission"),
    )
    sensitivity = models.PositiveSmallIntegerField(
        _("sensitivity"), choices=Sensitivity, default=Sensitivity.CONFIDENTIAL
    )

    # A summary for readers who may not open the record (summaries.models), filed under this date.
    summary_date_field = "occurred_on"
    summaries = GenericRelation("summaries.Summary")
    history = HistoricalRecords(m2m_fields=[tasks])

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        verbose_name = _("access incident")
        verbose_name_plural = _("access incidents")
        constraints = [
            models.CheckConstraint(
                condition=Q(category__in=AccessCategory.values),
                name="incident_category_valid",
                violation_error_message=_("Unknown category."),
            ),
        ]
        indexes = [
            # The list (newest first) and the dashboard's counts per month and category read this index alone.
            models.Index(
                fields=["operation", "-occurred_on", "-id"],
                include=["sensitivity", "category"],
                name="incident_by_date",
            ),
        ]

    def __str__(self):
        return f"{self.occurred_on:%Y-%m-%d} {self.title}"

    def get_absolute_url(self):
        return reverse("incidents:detail", kwargs={"code": self.operation.code, "pk": self.pk})

    def clean(self):
        super().clean()
        errors = self.place_errors()
        if self.occurred_on and self.operation_id and self.occurred_on > operation_today(self.operation):
            errors["occurred_on"] = _(
                "An incident cannot be dated in the future: today is %(today)s in this operation."
            ) % {"today": operation_today(self.operation).isoformat()}
        if self.actor_id and self.operation_id and self.actor.operation_id != self.operation_id:
            errors["actor"] = _("The actor must belong to the incident's operation.")
        if self.mission_id and self.operation_id and not self.mission.operations.filter(pk=self.operation_id).exists():
            errors["mission"] = _("The mission does not cover this operation.")
        if errors:
            raise ValidationError(errors)
