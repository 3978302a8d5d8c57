"""Country operations and who belongs to them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords
from timezone_field import TimeZoneField

from cmcoord.core.access import ScopeRule
from cmcoord.core.choices import Role
from cmcoord.core.scoping import ScopedModel

from .choices import CMCoordStrategy, OCHARegion


class CountryOperation(ScopedModel):
    """One OCHA country office's CMCoord work in one country: the unit every record belongs to."""

    scope_operation_field = "pk"

    country = CountryField(_("country"), unique=True, help_text=_("ISO 3166-1 country of the operation."))
    name = models.CharField(_("name"), max_length=120)
    time_zone = TimeZoneField(
        _("time zone"), default="UTC", help_text=_("Due dates and overdue status are computed in this time zone.")
    )
    strategy = models.CharField(
        _("CMCoord strategy"),
        max_length=20,
        choices=CMCoordStrategy,
        default=CMCoordStrategy.COORDINATION,
        help_text=_("The character of the civil-military relationship in this context."),
    )
    region = models.CharField(
        _("OCHA regional office"),
        max_length=8,
        choices=OCHARegion,
        blank=True,
        help_text=_("The regional office the operation reports through; CMCS HQ compares operations by region."),
    )
    has_peace_operation = models.BooleanField(
        _("has a UN peace operation"),
        default=False,
        editable=False,
        help_text=_(
            "Derived from the mission registry: a mission covering the operation is active, in drawdown or in "
            "transition. The Guidance Note's peacekeeping-only activities are offered only then."
        ),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_(
            "The office's working language: its pages are shown in it to whoever has not chosen a language and "
            "whose browser asks for none the product speaks."
        ),
    )
    summaries_need_clearance = models.BooleanField(
        _("summaries for the HCT need clearance"),
        default=True,
        help_text=_(
            "When ticked, the HCT reads an officer's summary of a record only once a head of office has cleared it."
        ),
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Closed operations stay readable but can no longer be changed.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("country operation")
        verbose_name_plural = _("country operations")

    def __str__(self):
        return self.name

    @property
    def code(self) -> str:
        """ISO 3166-1 alpha-3 code, used in URLs and in readable references (e.g. ``CAF-2026-0042``)."""
        return self.country.alpha3

    def get_absolute_url(self):
        return reverse("operations:detail", kwargs={"code": self.code})


class Membership(ScopedModel):
    """A user's role in one operation. One role per user and operation."""

    scope_rule = ScopeRule.SET_UP

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    operation = models.ForeignKey(
        CountryOperation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("operation")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["operation__name", "user__last_name", "user__first_name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "operation"],
                name="membership_one_role_per_operation",
                violation_error_message=_("This person already belongs to the operation."),
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values),
                name="membership_role_valid",
                violation_error_message=_("Unknown role."),
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.operation}"


class HeadquartersAccess(models.Model):
    """CMCS headquarters reader: reads the non-restricted records of every operation, or of a listed set."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hq_access", verbose_name=_("user")
    )
    all_operations = models.BooleanField(_("all operations"), default=True)
    operations = models.ManyToManyField(
        CountryOperation,
        blank=True,
        related_name="hq_readers",
        verbose_name=_("operations"),
        help_text=_("Used only when “all operations” is off."),
    )

    history = HistoricalRecords(m2m_fields=[operations])

    class Meta:
        verbose_name = _("headquarters (CMCS) access")
        verbose_name_plural = _("headquarters (CMCS) access")

    def __str__(self):
        return str(self.user)
