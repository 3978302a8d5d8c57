"""The armed-actor and stakeholder registry: actors, their liaison contacts, assessments and relationships."""

import re

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cmcoord.core.choices import Sensitivity
from cmcoord.core.scoping import OperationRecord
from cmcoord.core.validators import pcode_problem, validate_phone_number
from cmcoord.operations.choices import CMCoordStrategy
from cmcoord.records.models import Record

from ..choices import ActorCategory, ActorType, Attitude, Confidence, PreferredChannel, RelationshipType, Stance


def split_list(value: str) -> list[str]:
    """Items of a comma- or newline-separated text field, trimmed, empty ones dropped."""
    return [item.strip() for item in re.split(r"[,\n]", value or "") if item.strip()]


class Actor(Record):
    """A party, spoiler, influencer or partner that CMCoord deals with in one operation.

    A record of the kit's base (:class:`cmcoord.records.models.Record`): its version guards edits against lost
    updates (two officers editing one actor: the second save is refused and shows what changed), its attachments
    are read as the actor is. Its pages (the list with its map and network, the assessments) stay this app's."""

    operation = models.ForeignKey(
        "operations.CountryOperation", on_delete=models.PROTECT, related_name="actors", verbose_name=_("operation")
    )
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    aliases = models.TextField(_("aliases"), blank=True, help_text=_("Other names, one per line or comma-separated."))
    category = models.CharField(_("category"), max_length=30, choices=ActorCategory)
    actor_type = models.CharField(_("type"), max_length=30, choices=ActorType)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent organisation"),
    )
    party_to_conflict = models.BooleanField(_("party to the conflict"), default=False)
    areas = models.TextField(
        _("areas of operation"), blank=True, help_text=_("Admin 1 P-codes, comma-separated, e.g. CF71, CF72.")
    )
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    name_text_fields = ("aliases", "areas")  # names and P-codes, one per line: no bidirectional control

    class Meta:
        ordering = ["name"]
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        constraints = [
            models.UniqueConstraint(
                fields=["operation", "name"],
                name="actor_name_unique_in_operation",
                violation_error_message=_("This operation already has an actor with this name."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="actor_not_own_parent",
                violation_error_message=_("An actor cannot be its own parent."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return reverse("actors:actor-detail", kwargs={"code": self.operation.code, "pk": self.pk})

    @property
    def alias_list(self) -> list[str]:
        return split_list(self.aliases)

    @property
    def area_list(self) -> list[str]:
        return split_list(self.areas)

    def clean(self):
        super().clean()
        errors = {}
        country = self.operation.country.code if self.operation_id else ""
        for code in self.area_list:
            if pcode_problem(code, country):
                errors["areas"] = _("“%(code)s” is not an admin 1 P-code of this operation (e.g. %(country)s11).") % {
                    "code": code,
                    "country": country,
                }
                break
        if self.parent_id:
            if self.parent.operation_id != self.operation_id:
                errors["parent"] = _("The parent organisation must belong to the same operation.")
            elif self.pk and self._parent_chain_contains(self.pk):
                errors["parent"] = _("This would make the actor part of itself.")
        if errors:
            raise ValidationError(errors)

    def _parent_chain_contains(self, pk) -> bool:
        seen, current = set(), self.parent
        while current is not None and current.pk not in seen:
            if current.pk == pk:
                return True
            seen.add(current.pk)
            current = current.parent
        return False


class LiaisonContact(OperationRecord):
    """A person to reach at an actor. Personal data: Strictly confidential unless someone decides otherwise."""

    scope_sensitivity_field = ("sensitivity", "actor__sensitivity")

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("actor"))
    name = models.CharField(_("name"), max_length=150)
    function = models.CharField(_("function"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True, validators=[validate_phone_number])
    email = models.EmailField(_("e-mail"), blank=True)
    preferred_channel = models.CharField(
        _("preferred channel"), max_length=20, choices=PreferredChannel, default=PreferredChannel.PHONE
    )
    sensitivity = models.PositiveSmallIntegerField(
        _("sensitivity"), choices=Sensitivity, default=Sensitivity.STRICTLY_CONFIDENTIAL
    )
    # The version an edit starts from (optimistic locking, cmcoord.core.versioning): the API's edits name it.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("liaison contact")
        verbose_name_plural = _("liaison contacts")

    def __str__(self):
        return self.name


class ActorAssessment(OperationRecord):
    """A dated picture of an actor: stance, influence and interest, attitudes, the strategy towards it.

    The latest one is the actor's current picture; earlier ones stay as its history.
    """

    scope_sensitivity_field = ("sensitivity", "actor__sensitivity")

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("actor"))
    assessed_on = models.DateField(_("assessed on"), default=timezone.localdate)
    stance = models.CharField(_("stance"), max_length=12, choices=Stance)
    influence = models.PositiveSmallIntegerField(
        _("influence (1 to 5)"), validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("How far the actor can shape protection and access outcomes."),
    )  # fmt: skip
    interest = models.PositiveSmallIntegerField(
        _("interest (1 to 5)"), validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("How much the actor cares about these outcomes."),
    )  # fmt: skip
    access_attitude = models.CharField(
        _("attitude to humanitarian access"), max_length=12, choices=Attitude, default=Attitude.UNKNOWN
    )
    protection_attitude = models.CharField(
        _("attitude to protection of civilians"), max_length=12, choices=Attitude, default=Attitude.UNKNOWN
    )
    strategy = models.CharField(_("CMCoord strategy towards the actor"), max_length=20, choices=CMCoordStrategy)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("assessor")
    )
    notes = models.TextField(_("notes"), blank=True)
    # The version an edit starts from (optimistic locking, cmcoord.core.versioning): the API's edits name it.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    # A summary for readers who may not open the record (summaries.models), filed under this date.
    summary_date_field = "assessed_on"
    summary_facts = ("stance", "influence", "interest")  # what a cleared summary releases: the stakeholder map's axes
    summaries = GenericRelation("summaries.Summary")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        get_latest_by = ["assessed_on", "pk"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.CheckConstraint(
                condition=Q(influence__gte=1, influence__lte=5),
                name="assessment_influence_1_to_5",
                violation_error_message=_("Influence is rated from 1 to 5."),
            ),
            models.CheckConstraint(
                condition=Q(interest__gte=1, interest__lte=5),
                name="assessment_interest_1_to_5",
                violation_error_message=_("Interest is rated from 1 to 5."),
            ),
        ]

    def __str__(self):
        return f"{self.actor_id} {self.assessed_on}: {self.get_stance_display()}"


class ActorRelationship(OperationRecord):
    """A typed, dated link between two actors of the same operation, with how sure we are of it."""

    scope_sensitivity_field = ("sensitivity", "source__sensitivity", "target__sensitivity")

    source = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="relationships_out", verbose_name=_("actor")
    )
    relationship_type = models.CharField(_("relationship"), max_length=20, choices=RelationshipType)
    target = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="relationships_in", verbose_name=_("other actor")
    )
    confidence = models.CharField(_("confidence"), max_length=10, choices=Confidence, default=Confidence.PROBABLE)
    source_note = models.TextField(
        _("source note"), blank=True, help_text=_("How we know; never name a person at risk.")
    )
    start_date = models.DateField(_("since"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)
    # The version an edit starts from (optimistic locking, cmcoord.core.versioning): the API's edits name it.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["source__name", "relationship_type", "target__name"]
        verbose_name = _("relationship")
        verbose_name_plural = _("relationships")
        constraints = [
            models.CheckConstraint(
                condition=~Q(source=F("target")),
                name="relationship_not_to_itself",
                violation_error_message=_("An actor cannot have a relationship with itself."),
            ),
            models.UniqueConstraint(
                fields=["source", "relationship_type", "target"],
                name="relationship_unique",
                violation_error_message=_("This relationship is already recorded."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="relationship_dates_ordered",
                violation_error_message=_("A relationship cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.source_id} {self.relationship_type} {self.target_id}"

    def clean(self):
        super().clean()
        if self.source_id and self.target_id:
            if self.source_id == self.target_id:
                raise ValidationError({"target": _("An actor cannot have a relationship with itself.")})
            if self.source.operation_id != self.target.operation_id or (
                self.operation_id and self.source.operation_id != self.operation_id
            ):
                raise ValidationError(
                    {
                        "target": _(
                            "%(target)s belongs to %(operation)s; a relationship links two actors of the same "
                            "operation."
                        )
                        % {"target": self.target, "operation": self.target.operation}
                    }
                )
