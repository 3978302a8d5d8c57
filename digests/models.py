"""Digest schedules, the digests they produced (one per schedule and period) and their deliveries (one per address).

All three are the operation's set-up (``ScopeRule.SET_UP``): a head of office manages schedules; the archive
(digests and who received them) is read under ``Action.ARCHIVE`` by the operation's staff.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cmcoord.core.access import ScopeRule
from cmcoord.core.scoping import ScopedModel
from cmcoord.core.validators import validate_sane_date

from .choices import AUDIENCE_STANDING, Audience, DeliveryStatus, DigestStatus, Frequency, Weekday
from .periods import Cadence


def split_addresses(value: str) -> list[str]:
    """The addresses of a comma-, semicolon- or newline-separated text, trimmed, lower-cased, without repeats."""
    seen = []
    for item in value.replace(";", ",").replace("\n", ",").split(","):
        address = item.strip().lower()
        if address and address not in seen:
            seen.append(address)
    return seen


class DigestSchedule(ScopedModel):
    """When an operation's digest for one audience goes out, to whom, with which sections."""

    scope_rule = ScopeRule.SET_UP

    operation = models.ForeignKey(
        "operations.CountryOperation",
        on_delete=models.CASCADE,
        related_name="digest_schedules",
        verbose_name=_("operation"),
    )
    name = models.CharField(_("name"), max_length=120, help_text=_("e.g. Weekly digest for the HCT"))
    audience = models.CharField(
        _("audience"),
        max_length=10,
        choices=Audience,
        default=Audience.HCT,
        help_text=_("The digest shows what this audience may read; everything else is only counted."),
    )
    frequency = models.CharField(_("frequency"), max_length=12, choices=Frequency, default=Frequency.WEEKLY)
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), choices=Weekday, default=Weekday.MONDAY, help_text=_("For weekly and fortnightly digests.")
    )
    day_of_month = models.PositiveSmallIntegerField(
        _("day of the month"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_("For monthly digests; in a shorter month the digest goes out on its last day."),
    )
    hour = models.PositiveSmallIntegerField(
        _("local hour"),
        default=7,
        validators=[MinValueValidator(0), MaxValueValidator(23)],
        help_text=_("0 to 23, in the operation's time zone."),
    )
    starts_on = models.DateField(
        _("first period from"),
        default=timezone.localdate,
        validators=[validate_sane_date],
        help_text=_("A fortnightly digest goes out every other week counted from this date."),
    )
    recipient_roles = models.JSONField(_("recipients by role"), default=list, blank=True)
    extra_recipients = models.TextField(
        _("other addresses"),
        blank=True,
        help_text=_("E-mail addresses of HCT members without an account, one per line."),
    )
    name_text_fields = ("extra_recipients",)  # addresses, one per line: no bidirectional control
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_(
            "The digest's language for the other addresses and for members who chose no language (members who chose "
            "one receive it in theirs); empty: the operation's language."
        ),
    )
    sections = models.JSONField(_("sections"), default=list)
    active = models.BooleanField(_("on"), default=True)
    # Periods ending before this instant are never produced: set when the schedule is created, switched on or
    # its timing changes, so none of these produces a burst of back-dated digests.
    dispatch_from = models.DateTimeField(_("produce periods ending after"), default=timezone.now, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    TIMING_FIELDS = ("frequency", "weekday", "day_of_month", "hour", "starts_on")

    class Meta:
        ordering = ["operation", "name"]
        verbose_name = _("digest schedule")
        verbose_name_plural = _("digest schedules")
        constraints = [
            models.CheckConstraint(
                condition=Q(hour__gte=0, hour__lte=23),
                name="digest_schedule_hour_0_to_23",
                violation_error_message=_("The hour is a number from 0 to 23."),
            ),
            models.CheckConstraint(
                condition=Q(day_of_month__gte=1, day_of_month__lte=31),
                name="digest_schedule_day_1_to_31",
                violation_error_message=_("The day of the month is a number from 1 to 31."),
            ),
            models.CheckConstraint(
                condition=Q(weekday__gte=0, weekday__lte=6),
                name="digest_schedule_weekday_valid",
                violation_error_message=_("Unknown weekday."),
            ),
            models.CheckConstraint(
                condition=Q(frequency__in=Frequency.values),
                name="digest_schedule_frequency_valid",
                violation_error_message=_("Unknown frequency."),
            ),
            models.CheckConstraint(
                condition=Q(audience__in=Audience.values),
                name="digest_schedule_audience_valid",
                violation_error_message=_("Unknown audience."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("digests:schedule-edit", kwargs={"code": self.operation.code, "pk": self.pk})

    @property
    def standing(self):
        return AUDIENCE_STANDING[Audience(self.audience)]

    @property
    def cadence(self) -> Cadence:
        return Cadence(
            frequency=self.frequency,
            hour=self.hour,
            time_zone=self.operation.time_zone,
            weekday=self.weekday,
            day_of_month=self.day_of_month,
            anchor=self.starts_on,
        )

    @property
    def mail_language(self) -> str:
        """The language of the digest for whoever chose none: the schedule's, else the operation's, else the site's."""
        codes = dict(settings.LANGUAGES)
        for code in (self.language, self.operation.language):
            if code in codes:
                return code
        return settings.LANGUAGE_CODE

    @property
    def extra_addresses(self) -> list[str]:
        return split_addresses(self.extra_recipients)

    @property
    def produce_after(self) -> datetime:
        """Periods ending at or before this instant are not produced (the schedule did not run then)."""
        start = datetime.combine(self.starts_on, datetime.min.time(), tzinfo=self.operation.time_zone)
        return max(self.dispatch_from, start.astimezone(UTC))


class Digest(ScopedModel):
    """One digest of one schedule for one period: the database holds it to exactly one per (schedule, period)."""

    scope_rule = ScopeRule.SET_UP
    scope_operation_field = "schedule__operation"

    # PROTECT: a schedule that has produced digests is switched off, not deleted, so the archive stays whole.
    schedule = models.ForeignKey(
        DigestSchedule, on_delete=models.PROTECT, related_name="digests", verbose_name=_("schedule")
    )
    period_start = models.DateTimeField(_("period from"))
    period_end = models.DateTimeField(_("period until"))
    audience = models.CharField(_("audience"), max_length=10, choices=Audience)
    status = models.CharField(_("status"), max_length=10, choices=DigestStatus, default=DigestStatus.PENDING)
    subject = models.CharField(_("subject"), max_length=250, blank=True)
    # What the sections found, as built (plain data): the archive page renders it again, with the page's styles.
    context = models.JSONField(_("content"), default=dict, blank=True)
    html = models.TextField(_("HTML part"), blank=True)
    text = models.TextField(_("text part"), blank=True)
    # The language of the subject, HTML and text above (the schedule's), and the same mail in each other language a
    # recipient reads: {"fr": {"subject": …, "html": …, "text": …}}, built with it, once.
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, blank=True)
    in_other_languages = models.JSONField(_("in other languages"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    built_at = models.DateTimeField(_("built"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    failure = models.TextField(_("failure"), blank=True)

    history = HistoricalRecords(excluded_fields=["context", "html", "text", "in_other_languages"])

    class Meta:
        ordering = ["-period_end", "-pk"]
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        constraints = [
            models.UniqueConstraint(fields=["schedule", "period_start"], name="digest_one_per_schedule_and_period"),
            models.CheckConstraint(condition=Q(period_end__gt=models.F("period_start")), name="digest_period_ordered"),
        ]
        indexes = [models.Index(fields=["status", "updated_at"], name="digest_by_status")]

    def __str__(self):
        return self.subject or f"{self.schedule_id} {self.period_start:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("digests:digest-detail", kwargs={"code": self.schedule.operation.code, "pk": self.pk})

    def mail_in(self, language: str) -> tuple[str, str, str]:
        """Subject, HTML and text of the mail in ``language`` as built, else in the digest's own language."""
        parts = self.in_other_languages.get(language) if isinstance(self.in_other_languages, dict) else None
        if isinstance(parts, dict) and all(isinstance(parts.get(key), str) for key in ("subject", "html", "text")):
            return parts["subject"], parts["html"], parts["text"]
        return self.subject, self.html, self.text


class DigestDelivery(ScopedModel):
    """One digest to one address: claimed by one worker, sent once, retried on transient errors."""

    scope_rule = ScopeRule.SET_UP
    scope_operation_field = "digest__schedule__operation"

    digest = models.ForeignKey(Digest, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("digest"))
    address = models.EmailField(_("address"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language the mail is written in for this person."),
    )
    status = models.CharField(_("status"), max_length=10, choices=DeliveryStatus, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["address"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["digest", "address"], name="digest_delivery_once_per_address"),
        ]
        indexes = [models.Index(fields=["status", "updated_at"], name="digest_delivery_by_status")]

    def __str__(self):
        return f"{self.digest_id} → {self.address}"
