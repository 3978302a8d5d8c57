"""Peace-operation contexts: missions, their phases, components, coordination platforms and liaison officers."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cmcoord.core.access import ScopeRule
from cmcoord.core.choices import Sensitivity
from cmcoord.core.scoping import OperationRecord, ScopedModel
from cmcoord.core.validators import ACRONYM, full_match, validate_acronym, validate_phone_number

from .choices import ComponentKind, MissionKind, MissionPhase


class Mission(ScopedModel):
    """A UN peacekeeping operation, special political mission or regional force working in some operations.

    Mandates and phases are public, so a mission carries no sensitivity: everyone with a standing in an
    operation it covers reads it; officers and heads of office of a covered, active operation change it.
    """

    scope_rule = ScopeRule.COVERAGE
    scope_covered_by = "operations"

    acronym = models.CharField(
        _("acronym"),
        max_length=20,
        unique=True,
        validators=[validate_acronym],
        help_text=_("It names the mission's page: capital letters and digits, e.g. MINUSCA."),
        # A duplicate may be a mission of operations the user has no standing in: the message names none.
        error_messages={"unique": _("This acronym cannot be used; choose another.")},
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=MissionKind)
    operations = models.ManyToManyField(
        "operations.CountryOperation", related_name="missions", verbose_name=_("operations covered")
    )
    poc_mandate = models.BooleanField(_("Protection of Civilians mandate"), default=False)
    mandate_text = models.TextField(_("mandate"), blank=True)
    resolution = models.CharField(
        _("Security Council resolution"), max_length=100, blank=True, help_text=_("e.g. S/RES/2709 (2023)")
    )
    mandate_start = models.DateField(_("mandate from"), null=True, blank=True)
    mandate_end = models.DateField(_("mandate until"), null=True, blank=True)
    phase = models.CharField(
        _("current phase"), max_length=12, choices=MissionPhase, default=MissionPhase.ACTIVE, editable=False,
        help_text=_("The latest entry of the phase history."),
    )  # fmt: skip
    predecessor = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successor",
        verbose_name=_("predecessor"),
        help_text=_("The mission this one took over from, e.g. UNAMID for UNITAMS."),
        error_messages={"unique": _("This mission cannot be chosen as the predecessor; choose another.")},
    )
    # The version an edit starts from (optimistic locking, cmcoord.core.versioning): every save moves it on.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords(m2m_fields=[operations])

    class Meta:
        ordering = ["acronym"]
        verbose_name = _("mission")
        verbose_name_plural = _("missions")
        constraints = [
            models.CheckConstraint(
                condition=Q(mandate_end__isnull=True)
                | Q(mandate_start__isnull=True)
                | Q(mandate_end__gte=models.F("mandate_start")),
                name="mission_mandate_ordered",
                violation_error_message=_("The mandate cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("pk")),
                name="mission_not_own_predecessor",
                violation_error_message=_("A mission cannot succeed itself."),
            ),
            models.CheckConstraint(
                condition=Q(acronym__regex=full_match(ACRONYM)),
                name="mission_acronym_fits_an_address",
                violation_error_message=validate_acronym.message,
            ),
        ]

    def __str__(self):
        return self.acronym

    def get_absolute_url(self):
        return reverse("missions:detail", kwargs={"acronym": self.acronym})

    def clean(self):
        super().clean()
        if self.predecessor_id and self.pk:
            seen, current = {self.pk}, self.predecessor
            while current is not None:
                if current.pk in seen:
                    raise ValidationError(
                        {"predecessor": _("This would make the missions succeed each other in a loop.")}
                    )
                seen.add(current.pk)
                current = current.predecessor


class MissionScopedModel(ScopedModel):
    """Records that belong to a mission and are as visible as the mission itself."""

    scope_rule = ScopeRule.COVERAGE
    scope_covered_by = "mission__operations"

    class Meta:
        abstract = True


class MissionPhaseChange(MissionScopedModel):
    """One step of a mission's life: the phase it entered and when."""

    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="phase_changes", verbose_name=_("mission")
    )
    phase = models.CharField(_("phase"), max_length=12, choices=MissionPhase)
    started_on = models.DateField(_("from"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = _("phase change")
        verbose_name_plural = _("phase history")
        constraints = [
            models.UniqueConstraint(
                fields=["mission", "started_on"],
                name="mission_one_phase_change_per_day",
                violation_error_message=_("The mission already changed phase on that date."),
            ),
        ]

    def __str__(self):
        return f"{self.mission_id} {self.phase} {self.started_on}"


class CoordinationPlatform(MissionScopedModel):
    """A Protection of Civilians coordination platform the mission runs, e.g. a Protection Working Group."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="platforms", verbose_name=_("mission"))
    name = models.CharField(_("name"), max_length=150)
    chair = models.CharField(_("chair"), max_length=150, blank=True)
    frequency = models.CharField(_("meets"), max_length=60, blank=True, help_text=_("e.g. every two weeks"))
    ocha_attends = models.BooleanField(_("OCHA attends"), default=False)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("coordination platform")
        verbose_name_plural = _("coordination platforms")

    def __str__(self):
        return self.name


class MissionComponent(ScopedModel):
    """A military, police or civilian component of a mission, recorded as an actor of an operation."""

    scope_operation_field = "actor__operation"
    scope_sensitivity_field = "actor__sensitivity"

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="components", verbose_name=_("mission"))
    kind = models.CharField(_("component"), max_length=10, choices=ComponentKind)
    actor = models.ForeignKey(
        "actors.Actor", on_delete=models.CASCADE, related_name="mission_components", verbose_name=_("actor")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind"]
        verbose_name = _("mission component")
        verbose_name_plural = _("mission components")
        constraints = [
            models.UniqueConstraint(
                fields=["mission", "actor"],
                name="component_actor_once_per_mission",
                violation_error_message=_("This actor is already a component of the mission."),
            ),
        ]

    def __str__(self):
        return f"{self.mission_id} {self.kind}"

    def clean(self):
        super().clean()
        if (
            self.mission_id
            and self.actor_id
            and self.mission.pk
            and not self.mission.operations.filter(pk=self.actor.operation_id).exists()
        ):
            raise ValidationError({"actor": _("The actor must belong to an operation the mission covers.")})


class MissionLiaisonOfficer(OperationRecord):
    """A humanitarian liaison officer working with a mission in one operation. Personal data."""

    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="liaison_officers", verbose_name=_("mission")
    )
    name = models.CharField(_("name"), max_length=150)
    function = models.CharField(_("function"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True, validators=[validate_phone_number])
    sensitivity = models.PositiveSmallIntegerField(
        _("sensitivity"), choices=Sensitivity, default=Sensitivity.STRICTLY_CONFIDENTIAL
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("humanitarian liaison officer")
        verbose_name_plural = _("humanitarian liaison officers")

    def __str__(self):
        return self.name


class TaskMission(ScopedModel):
    """The mission a task concerns (at most one)."""

    scope_operation_field = "task__operation"
    scope_sensitivity_field = "task__sensitivity"

    task = models.OneToOneField("protection_tasks.Task", on_delete=models.CASCADE, related_name="mission_link")
    mission = models.ForeignKey(Mission, on_delete=models.PROTECT, related_name="task_links", verbose_name=_("mission"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mission of a task")
        verbose_name_plural = _("missions of tasks")

    def __str__(self):
        return f"{self.task_id} {self.mission_id}"

    def clean(self):
        super().clean()
        if self.task_id and self.mission_id and not self.mission.operations.filter(pk=self.task.operation_id).exists():
            raise ValidationError({"mission": _("The mission does not cover the task's operation.")})
