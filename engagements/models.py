"""Engagements with armed actors and others (Dialogue, DI-1…DI-6), their agreed follow-ups, and the HCT's key
messages (Advocacy, AD-1…AD-11) with the engagements at which each was delivered."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cmcoord.core import derivations
from cmcoord.core.places import PlaceFields
from cmcoord.core.scoping import ScopedModel
from cmcoord.core.validators import validate_sane_date
from cmcoord.records.models import Record

from .choices import EngagementMode, EngagementTopic, KeyMessageStatus, MessageIssue

#: How far ahead an engagement may be dated: a meeting set for tomorrow morning is logged the evening before.
FUTURE_ALLOWANCE = datetime.timedelta(days=1)


def encode_topics(topics) -> str:
    """Topics as stored: ``",access,psea,"`` (sorted, commas around each), so ``contains=",psea,"`` finds one."""
    chosen = sorted(set(topics))
    return f",{','.join(chosen)}," if chosen else ""


def decode_topics(value: str) -> list[str]:
    return [item for item in (value or "").split(",") if item]


def validate_topics(value: str) -> None:
    if value and not (value.startswith(",") and value.endswith(",")):
        raise ValidationError(_("Topics are stored between commas."), code="invalid_topics")
    unknown = [item for item in decode_topics(value) if item not in EngagementTopic.values]
    if unknown:
        raise ValidationError(_("Unknown topic: %(topic)s."), params={"topic": unknown[0]}, code="invalid_topics")


class Engagement(PlaceFields, Record):
    """A meeting, call, message or letter with actors (often an armed group), what was said and what was agreed.

    Confidential by default: who met which commander, and what they said, can get people hurt if it leaks. An
    engagement with an armed actor becomes Unclassified only by the head of office (``services``). Its attached
    minutes, signed notes and photos are read exactly as the engagement is, never exported nor put in a digest.
    """

    operation = models.ForeignKey(
        "operations.CountryOperation", on_delete=models.PROTECT, related_name="engagements", verbose_name=_("operation")
    )
    occurred_at = models.DateTimeField(_("date and time"))
    mode = models.CharField(_("mode"), max_length=10, choices=EngagementMode, default=EngagementMode.MEETING)
    actors = models.ManyToManyField(
        "actors.Actor", blank=True, related_name="engagements", verbose_name=_("actors met")
    )
    mission = models.ForeignKey(
        "missions.Mission",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="engagements",
        verbose_name=_("mission"),
    )
    ocha_participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="engagements_attended", verbose_name=_("OCHA participants")
    )
    other_participants = models.TextField(_("other participants"), blank=True)
    topics = models.CharField(_("topics"), max_length=200, blank=True, validators=[validate_topics])
    summary = models.TextField(_("summary"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True, help_text=_("What the parties agreed or refused."))
    tasks = models.ManyToManyField(
        "protection_tasks.Task", blank=True, related_name="engagements", verbose_name=_("tasks")
    )
    delivered_language = models.CharField(
        _("key messages delivered in"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language whose version of the key messages was delivered."),
    )
    name_text_fields = ("other_participants",)  # people's names, one per line: no bidirectional control

    # A summary for readers who may not open the record (summaries.models), filed under this date.
    summary_date_field = "occurred_at"
    summaries = GenericRelation("summaries.Summary")
    history = HistoricalRecords(m2m_fields=[actors, tasks])

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        constraints = [
            models.CheckConstraint(
                condition=Q(topics="") | Q(topics__startswith=",", topics__endswith=","),
                name="engagement_topics_delimited",
                violation_error_message=_("Topics are stored between commas."),
            ),
            models.CheckConstraint(
                condition=Q(mode__in=EngagementMode.values),
                name="engagement_mode_valid",
                violation_error_message=_("Unknown mode."),
            ),
        ]
        indexes = [
            models.Index(fields=["operation", "-occurred_at", "-id"], include=["sensitivity"], name="engagement_list"),
        ]

    def __str__(self):
        return _("%(mode)s of %(date)s") % {
            "mode": self.get_mode_display(),
            "date": timezone.localtime(self.occurred_at, self._time_zone()).strftime("%Y-%m-%d %H:%M"),
        }

    def _time_zone(self):
        return self.operation.time_zone if self.operation_id else timezone.get_current_timezone()

    def get_absolute_url(self):
        return reverse("engagements:engagement-detail", kwargs={"code": self.operation.code, "pk": self.pk})

    @property
    def topic_list(self) -> list[str]:
        return decode_topics(self.topics)

    @property
    def topic_labels(self) -> list[str]:
        return [str(EngagementTopic(topic).label) for topic in self.topic_list if topic in EngagementTopic.values]

    def clean(self):
        super().clean()
        errors = self.place_errors()
        if self.occurred_at:
            if self.occurred_at > timezone.now() + FUTURE_ALLOWANCE:
                errors["occurred_at"] = _(
                    "An engagement cannot be dated more than a day ahead: log it once it has taken place."
                )
            else:
                try:
                    validate_sane_date(self.occurred_at.date())
                except ValidationError as error:
                    errors["occurred_at"] = error.messages[0]
        if self.mission_id and self.operation_id and not self.mission.operations.filter(pk=self.operation_id).exists():
            errors["mission"] = _("The mission does not cover this operation.")
        if errors:
            raise ValidationError(errors)


class FollowUp(ScopedModel):
    """Something agreed at an engagement, to be done by OCHA: it becomes a task in one click (``services``).

    As visible as its engagement. ``task`` is the task it became: one at most, held unique by the database.
    """

    scope_operation_field = "engagement__operation"
    scope_sensitivity_field = "engagement__sensitivity"

    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("engagement")
    )
    text = models.CharField(_("follow-up agreed"), max_length=500)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed owner"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True, validators=[validate_sane_date])
    activity = models.ForeignKey(
        "protection_tasks.Activity", on_delete=models.PROTECT, related_name="+", verbose_name=_("proposed activity")
    )
    task = models.OneToOneField(
        "protection_tasks.Task",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="follow_up",
        verbose_name=_("task"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("agreed follow-up")
        verbose_name_plural = _("agreed follow-ups")
        indexes = [models.Index(fields=["engagement", "task"], name="follow_up_open")]

    def __str__(self):
        return self.text[:80]


class KeyMessage(Record):
    """A message the HCT wants armed actors to hear, and the engagements at which it was delivered.

    OCHA's key messages are agreed in several languages: ``text`` is the message in its own ``language`` (the one
    it was written in), and ``text_en`` … ``text_ar`` its agreed versions in the others (the column of its own
    language stays empty). A column per language rather than a JSON field of translations (as the shipped
    catalogue has, ``cmcoord.core.translated``): a key message is edited by people, and each version is then a
    field of its own for the history and the no-lost-update merge (a colleague's French version is never
    overwritten by a form opened before it was saved), for the API and for the export's columns.
    """

    operation = models.ForeignKey(
        "operations.CountryOperation",
        on_delete=models.PROTECT,
        related_name="key_messages",
        verbose_name=_("operation"),
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    language = models.CharField(
        _("language of the text"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The language the text above is written in; its versions in other languages follow."),
    )
    text_en = models.TextField(_("English version"), blank=True)
    text_fr = models.TextField(_("French version"), blank=True)
    text_es = models.TextField(_("Spanish version"), blank=True)
    text_ar = models.TextField(_("Arabic version"), blank=True)
    issue = models.CharField(_("issue"), max_length=20, choices=MessageIssue)
    target_actors = models.ManyToManyField(
        "actors.Actor", blank=True, related_name="key_messages_targeted", verbose_name=_("target actors")
    )
    endorsed_on = models.DateField(_("HCT endorsement date"), null=True, blank=True, validators=[validate_sane_date])
    status = models.CharField(_("status"), max_length=10, choices=KeyMessageStatus, default=KeyMessageStatus.DRAFT)
    engagements = models.ManyToManyField(
        Engagement, blank=True, related_name="key_messages", verbose_name=_("delivered at")
    )

    history = HistoricalRecords(m2m_fields=[target_actors, engagements])

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("key message")
        verbose_name_plural = _("key messages")
        # The list's order, read from the index at any size (100,000 messages: no sort of them all per page).
        indexes = [models.Index(fields=["operation", "title", "id"], include=["sensitivity"], name="key_message_list")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=KeyMessageStatus.values),
                name="key_message_status_valid",
                violation_error_message=_("Unknown status."),
            ),
            models.CheckConstraint(
                condition=Q(language__in=[code for code, _name in settings.LANGUAGES]),
                name="key_message_language_valid",
                violation_error_message=_("Unknown language."),
            ),
        ]

    def __str__(self):
        return self.title

    def version_in(self, code: str) -> str:
        """The message's agreed text in ``code`` ("" where it has none)."""
        if code == self.language:
            return self.text
        return getattr(self, version_field(code), "") if code in TEXT_LANGUAGES else ""

    @property
    def languages(self) -> list[str]:
        """The languages the message has a version in, its own first, then in the product's order."""
        others = [code for code in TEXT_LANGUAGES if code != self.language and self.version_in(code).strip()]
        return [self.language, *others]

    def shown_in(self, code: str | None) -> tuple[str, str]:
        """The language and text to show a reader of ``code``: their language's version where the message has one,
        else the text in its own language."""
        code = (code or "").split("-")[0]
        if code in self.languages:
            return code, self.version_in(code)
        return self.language, self.text

    def clean(self):
        super().clean()
        own = version_field(self.language) if self.language in TEXT_LANGUAGES else None
        if own and getattr(self, own).strip():
            raise ValidationError(
                {
                    own: _("%(language)s is the text's own language: write it under Text and leave this empty.")
                    % {"language": language_name(self.language)}
                }
            )

    def get_absolute_url(self):
        return reverse("engagements:key-message-detail", kwargs={"code": self.operation.code, "pk": self.pk})


#: The languages a key message may have a version in: the columns ``text_<code>``.
TEXT_LANGUAGES = ("en", "fr", "es", "ar")


def version_field(code: str) -> str:
    return f"text_{code}"


def language_name(code: str) -> str:
    """A language's name in the reader's language ("French" or "Français")."""
    return str(dict(settings.LANGUAGES).get(code, code))


# A task made from an agreed follow-up carries the follow-up's text: it is as restricted as the engagement, and
# raising the engagement raises it (``cmcoord.core.derivations``).
derivations.declare(source="engagements.Engagement", derived="protection_tasks.Task", path="follow_up__engagement")
