"""The humanitarian notification system (DI-5): notifications of static sites and movements to the parties to a
conflict, so that they are not struck, and each party's answer.

A notification is an operation's record (a sensitivity level, Confidential by default: coordinates of sites and
movements can get people hurt). Each party notified has one :class:`PartyAnswer` row, which starts as
"submitted" and records the party's answer and when it came; the notification's overall status follows them
(``services.notification_refresh_status``). Notifications still awaiting an answer past the operation's response
time (:class:`NotificationSettings`, else ``settings.HNS_RESPONSE_HOURS``) are flagged as overdue.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cmcoord.core.access import ScopeRule
from cmcoord.core.places import PlaceFields
from cmcoord.core.scoping import ScopedModel
from cmcoord.core.validators import full_match, validate_sane_date
from cmcoord.records.models import Record

from .choices import AnswerStatus, NotificationKind, NotificationStatus

#: A notification's reference, as it travels in addresses (``HNS-CAF-2026-0012``): capital letters and digits,
#: hyphens only between them. The URL converter in ``records.py`` accepts exactly this (in either case).
NOTIFICATION_REFERENCE = r"[A-Z0-9](?:[A-Z0-9-]{0,28}[A-Z0-9])?"
validate_notification_reference = RegexValidator(
    full_match(NOTIFICATION_REFERENCE),
    _("Use capital letters and digits, with hyphens only between them, at most 30 (e.g. HNS-CAF-2026-0012)."),
    code="invalid_reference",
)

LATITUDE_RANGE = (-90, 90)
LONGITUDE_RANGE = (-180, 180)
#: An answer may be dated this far after the server's clock (a phone a little ahead), not further.
CLOCK_TOLERANCE = timedelta(minutes=5)


def _range_validators(bounds, message):
    low, high = bounds
    return [MinValueValidator(low, message=message), MaxValueValidator(high, message=message)]


class NotificationSettings(ScopedModel):
    """An operation's own response time for notifications, where it differs from ``HNS_RESPONSE_HOURS``.

    Part of the operation's set-up: read by everyone with a standing in it, changed by its head of office.
    """

    scope_rule = ScopeRule.SET_UP

    operation = models.OneToOneField(
        "operations.CountryOperation",
        on_delete=models.CASCADE,
        related_name="notification_settings",
        verbose_name=_("operation"),
    )
    response_hours = models.PositiveSmallIntegerField(
        _("response time (hours)"),
        validators=[MinValueValidator(1), MaxValueValidator(720)],
        help_text=_("A notification still awaiting a party's answer this many hours after submission is overdue."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(response_hours__gte=1, response_hours__lte=720),
                name="hns_response_hours_in_range",
                violation_error_message=_("The response time is between 1 and 720 hours."),
            ),
        ]

    def __str__(self):
        return f"{self.operation_id}: {self.response_hours} h"


class Notification(PlaceFields, Record):
    """A static site or a movement notified to the parties to the conflict for deconfliction (DI-5)."""

    reference = models.CharField(
        _("reference"),
        max_length=30,
        validators=[validate_notification_reference],
        help_text=_("The notification's number, e.g. HNS-CAF-2026-0012. It names the notification's page."),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=NotificationKind, default=NotificationKind.STATIC_SITE)
    title = models.CharField(
        _("site or movement"), max_length=200, help_text=_("e.g. WFP warehouse Bambari, or Convoy Bangui to Bossangoa.")
    )
    notifying_organisation = models.CharField(_("notifying organisation"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=_range_validators(LATITUDE_RANGE, _("A latitude is between -90 and 90 degrees.")),
        help_text=_("Decimal degrees (WGS 84), e.g. 5.756700."),
    )  # fmt: skip
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=_range_validators(LONGITUDE_RANGE, _("A longitude is between -180 and 180 degrees.")),
        help_text=_("Decimal degrees (WGS 84), e.g. 20.673200."),
    )  # fmt: skip
    origin = models.CharField(_("origin"), max_length=200, blank=True)
    destination = models.CharField(_("destination"), max_length=200, blank=True)
    route = models.TextField(_("route"), blank=True, help_text=_("Roads and places passed, for a movement."))
    valid_from = models.DateField(_("valid from"), validators=[validate_sane_date])
    valid_to = models.DateField(_("valid to"), validators=[validate_sane_date])
    submitted_at = models.DateTimeField(
        _("submitted"), default=timezone.now, help_text=_("When the parties were notified; answers are due from then.")
    )
    parties = models.ManyToManyField(
        "actors.Actor",
        through="PartyAnswer",
        related_name="notifications",
        verbose_name=_("parties notified"),
    )
    tasks = models.ManyToManyField(
        "protection_tasks.Task", blank=True, related_name="notifications", verbose_name=_("tasks")
    )
    mission = models.ForeignKey(
        "missions.Mission",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("mission"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=NotificationStatus, default=NotificationStatus.SUBMITTED, editable=False
    )
    awaiting_answer = models.BooleanField(
        _("awaiting an answer"), default=True, editable=False, help_text=_("Some party has not answered yet.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    # A summary for readers who may not open the record (summaries.models), filed under this date.
    summary_date_field = "valid_from"
    summaries = GenericRelation("summaries.Summary")
    history = HistoricalRecords(m2m_fields=[tasks])

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["operation", "reference"],
                name="hns_reference_unique_in_operation",
                violation_error_message=_("This reference is already used in the operation."),
            ),
            models.CheckConstraint(
                condition=Q(reference__regex=full_match(NOTIFICATION_REFERENCE)),
                name="hns_reference_fits_an_address",
                violation_error_message=validate_notification_reference.message,
            ),
            models.CheckConstraint(
                condition=Q(valid_to__gte=F("valid_from")),
                name="hns_valid_to_not_before_valid_from",
                violation_error_message=_("“Valid to” cannot be before “valid from”."),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="hns_latitude_in_range",
                violation_error_message=_("A latitude is between -90 and 90 degrees."),
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="hns_longitude_in_range",
                violation_error_message=_("A longitude is between -180 and 180 degrees."),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="hns_coordinates_in_pairs",
                violation_error_message=_("Give both the latitude and the longitude, or neither."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=NotificationStatus.values),
                name="hns_status_valid",
                violation_error_message=_("Unknown status."),
            ),
        ]
        indexes = [
            # The list (newest first) and the overdue flag (awaiting an answer, submitted before the cut-off).
            models.Index(
                fields=["operation", "-submitted_at", "-id"], include=["sensitivity"], name="hns_list_by_submitted"
            ),
            models.Index(
                fields=["operation", "awaiting_answer", "submitted_at"],
                include=["sensitivity", "status"],
                name="hns_awaiting_by_submitted",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def get_absolute_url(self):
        return reverse("deconfliction:detail", kwargs={"code": self.operation.code, "reference": self.reference})

    def clean(self):
        super().clean()
        errors = self.place_errors()
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = _("“Valid to” cannot be before “valid from” (%(date)s).") % {
                "date": self.valid_from.isoformat()
            }
        if (self.latitude is None) != (self.longitude is None):
            missing = "latitude" if self.latitude is None else "longitude"
            errors.setdefault(missing, _("Give both the latitude and the longitude, or neither."))
        if self.kind == NotificationKind.STATIC_SITE and self.latitude is None and self.longitude is None:
            errors.setdefault("latitude", _("A static site needs its coordinates, so that the parties can locate it."))
        if self.kind == NotificationKind.MOVEMENT and not (self.origin and self.destination) and not self.route:
            errors.setdefault("route", _("A movement needs its origin and destination, or a route description."))
        if self.submitted_at and self.submitted_at > timezone.now() + CLOCK_TOLERANCE:
            errors["submitted_at"] = _("A notification cannot be submitted in the future.")
        if self.mission_id and self.operation_id and not self.mission.operations.filter(pk=self.operation_id).exists():
            errors["mission"] = _("The mission does not cover this operation.")
        if errors:
            raise ValidationError(errors)

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class PartyAnswer(ScopedModel):
    """One party's answer to one notification: notified ("submitted"), then acknowledged, rejected or no response,
    with the date and time of the answer. Seen only by who may see both the notification and the party."""

    scope_operation_field = "notification__operation"
    scope_sensitivity_field = ("notification__sensitivity", "party__sensitivity")

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="answers", verbose_name=_("notification")
    )
    party = models.ForeignKey(
        "actors.Actor", on_delete=models.CASCADE, related_name="notification_answers", verbose_name=_("party")
    )
    status = models.CharField(_("answer"), max_length=12, choices=AnswerStatus, default=AnswerStatus.SUBMITTED)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True, help_text=_("e.g. by phone, the zone commander."))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["party__name", "pk"]
        verbose_name = _("party's answer")
        verbose_name_plural = _("parties' answers")
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "party"],
                name="hns_one_answer_per_party",
                violation_error_message=_("This party is already notified."),
            ),
            models.CheckConstraint(
                condition=Q(status=AnswerStatus.SUBMITTED, answered_at__isnull=True)
                | (~Q(status=AnswerStatus.SUBMITTED) & Q(answered_at__isnull=False)),
                name="hns_answer_dated_iff_answered",
                violation_error_message=_("An answer has a date and time; a party still to answer has none."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=AnswerStatus.values),
                name="hns_answer_status_valid",
                violation_error_message=_("Unknown answer."),
            ),
        ]
        indexes = [models.Index(fields=["party", "notification"], name="hns_answers_by_party")]

    def __str__(self):
        return f"{self.notification_id} {self.party_id} {self.status}"

    def clean(self):
        super().clean()
        errors = {}
        if self.notification_id and self.party_id and self.notification.operation_id != self.party.operation_id:
            errors["party"] = _("The party must be an actor of the notification's operation.")
        if self.status != AnswerStatus.SUBMITTED and self.answered_at is None:
            errors["answered_at"] = _("Give the date and time of the answer.")
        if self.answered_at is not None and self.notification_id:
            submitted = self.notification.submitted_at
            if self.answered_at < submitted:
                local = timezone.localtime(submitted, self.notification.operation.time_zone)
                errors["answered_at"] = _(
                    "An answer cannot come before the notification was submitted (%(submitted)s)."
                ) % {"submitted": local.strftime("%Y-%m-%d %H:%M")}
            elif self.answered_at > timezone.now() + CLOCK_TOLERANCE:
                errors["answered_at"] = _("An answer cannot be dated in the future.")
        if errors:
            raise ValidationError(errors)
