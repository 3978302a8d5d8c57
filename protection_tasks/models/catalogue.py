"""The five task areas and the catalogue of activities (the Guidance Note's specific tasks, plus local ones)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cmcoord.core.access import ScopeRule
from cmcoord.core.scoping import ScopedModel
from cmcoord.core.translated import TranslatedTextMixin, translations_field
from cmcoord.core.validators import ACTIVITY_CODE, full_match, validate_activity_code, validate_area_code


class TaskArea(TranslatedTextMixin, models.Model):
    """One of the Guidance Note's five areas of CMCoord tasks (section III). Reference data.

    The code goes into filter links (``?area=AN``); the five rows ship with a migration and change only in the
    admin, whose form applies the validator, so there is no database constraint on it.
    """

    code = models.CharField(_("code"), max_length=2, unique=True, validators=[validate_area_code])
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=60)
    description = models.TextField(_("description"))
    translations = translations_field()

    class Meta:
        ordering = ["number"]
        verbose_name = _("task area")
        verbose_name_plural = _("task areas")

    def __str__(self):
        return f"{self.number}. {self.display_name}"


class Activity(TranslatedTextMixin, ScopedModel):
    """A kind of task an officer can log: a Guidance Note specific task (no operation) or a local addition.

    Guidance Note entries are shipped by a data migration and shared by every operation; a head of office
    adds local activities for their own operation only.
    """

    scope_rule = ScopeRule.CATALOGUE  # the Guidance Note's rows are read by every signed-in user

    area = models.ForeignKey(TaskArea, on_delete=models.PROTECT, related_name="activities", verbose_name=_("area"))
    operation = models.ForeignKey(
        "operations.CountryOperation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="local_activities",
        verbose_name=_("operation"),
        help_text=_("Empty for the Guidance Note's catalogue, shared by every operation."),
    )
    code = models.CharField(_("code"), max_length=12, validators=[validate_activity_code])
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"))
    source = models.CharField(
        _("source"), max_length=60, blank=True, help_text=_("Where the activity comes from, e.g. Guidance Note III.1.")
    )
    peacekeeping_only = models.BooleanField(
        _("peacekeeping settings only"),
        default=False,
        help_text=_("Offered only where a UN peacekeeping or peace operation works."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    # The Guidance Note's rows in French, Arabic and Spanish; a local activity is shown as its office wrote it.
    translations = translations_field()

    history = HistoricalRecords()

    class Meta:
        ordering = ["area__number", "order", "code"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(operation__isnull=True),
                name="activity_code_unique_in_catalogue",
                violation_error_message=_("The catalogue already has an activity with this code."),
            ),
            models.UniqueConstraint(
                fields=["operation", "code"],
                name="activity_code_unique_in_operation",
                violation_error_message=_("This operation already has an activity with this code."),
            ),
            models.CheckConstraint(
                condition=Q(code__regex=full_match(ACTIVITY_CODE)),
                name="activity_code_fits_an_address",
                violation_error_message=validate_activity_code.message,
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.display_name}"

    @property
    def is_local(self) -> bool:
        return self.operation_id is not None
