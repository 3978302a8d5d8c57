"""Forms of the actor registry and mission contexts."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cmcoord.core.forms import OperationBoundForm, ScopedModelForm
from cmcoord.operations.access import Action, access_for
from cmcoord.operations.choices import Sensitivity
from cmcoord.operations.models import CountryOperation

from .choices import default_actor_sensitivity
from .models import (
    Actor,
    ActorAssessment,
    ActorRelationship,
    CoordinationPlatform,
    LiaisonContact,
    Mission,
    MissionComponent,
    MissionLiaisonOfficer,
    MissionPhaseChange,
    TaskActor,
    TaskMission,
)

DATE = forms.DateInput(attrs={"type": "date"})
RATING_CHOICES = [(n, str(n)) for n in range(1, 6)]


class ActorForm(OperationBoundForm):
    class Meta:
        model = Actor
        fields = [
            "name", "acronym", "aliases", "category", "actor_type", "parent", "party_to_conflict", "areas",
            "description", "sensitivity",
        ]  # fmt: skip
        widgets = {"aliases": forms.Textarea(attrs={"rows": 2}), "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parents = self.fields["parent"].queryset.filter(operation=self.operation)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        sensitivity = self.fields["sensitivity"]
        sensitivity.required = False
        if not self.instance.pk:
            sensitivity.choices = [("", _("Default for the category")), *Sensitivity.choices]
            self.initial["sensitivity"] = ""
        sensitivity.help_text = _(
            "Armed actors default to Confidential, others to Unclassified. Unclassified actors are read by the HCT."
        )
        self.fields["areas"].help_text = _("Admin 1 P-codes, comma-separated, e.g. %(code)s11, %(code)s12.") % {
            "code": self.operation.country.code
        }

    def clean_sensitivity(self):
        return self.cleaned_data.get("sensitivity") or None

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("sensitivity") and cleaned.get("category") and not self.instance.pk:
            cleaned["sensitivity"] = self.instance.sensitivity = default_actor_sensitivity(cleaned["category"])
        elif not cleaned.get("sensitivity") and self.instance.pk:
            self.add_error("sensitivity", _("Choose a sensitivity level."))
        return cleaned

    def clean_areas(self):
        return ", ".join(
            code.strip().upper() for code in self.cleaned_data["areas"].replace("\n", ",").split(",") if code.strip()
        )


class AssessmentForm(OperationBoundForm):
    influence = forms.TypedChoiceField(
        label=gettext_lazy("Influence (1 to 5)"), choices=RATING_CHOICES, coerce=int,
        help_text=gettext_lazy("How far the actor can shape protection and access outcomes."),
    )  # fmt: skip
    interest = forms.TypedChoiceField(
        label=gettext_lazy("Interest (1 to 5)"), choices=RATING_CHOICES, coerce=int,
        help_text=gettext_lazy("How much the actor cares about these outcomes."),
    )  # fmt: skip

    class Meta:
        model = ActorAssessment
        fields = [
            "assessed_on", "stance", "influence", "interest", "access_attitude", "protection_attitude",
            "strategy", "notes", "sensitivity",
        ]  # fmt: skip
        widgets = {"assessed_on": DATE, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, actor, **kwargs):
        self.actor = actor
        super().__init__(*args, **kwargs)
        self.initial.setdefault("sensitivity", max(actor.sensitivity, Sensitivity.CONFIDENTIAL))

    def _post_clean(self):
        self.instance.actor = self.actor
        self.instance.assessor = self.user
        super()._post_clean()


class RelationshipForm(OperationBoundForm):
    set_by_form = ("operation", "source")

    class Meta:
        model = ActorRelationship
        fields = ["relationship_type", "target", "confidence", "start_date", "end_date", "source_note", "sensitivity"]
        widgets = {"start_date": DATE, "end_date": DATE, "source_note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, actor, **kwargs):
        self.actor = actor
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = self.fields["target"].queryset.select_related("operation").order_by("name")
        self.initial.setdefault("sensitivity", Sensitivity.CONFIDENTIAL)

    def _post_clean(self):
        self.instance.source = self.actor
        super()._post_clean()


class ContactForm(OperationBoundForm):
    class Meta:
        model = LiaisonContact
        fields = ["name", "function", "phone", "email", "preferred_channel", "sensitivity"]

    def __init__(self, *args, actor, **kwargs):
        self.actor = actor
        super().__init__(*args, **kwargs)
        self.fields["sensitivity"].help_text = _(
            "Personal data: Strictly confidential unless the person agreed to wider sharing."
        )

    def _post_clean(self):
        self.instance.actor = self.actor
        super()._post_clean()


class TaskActorForm(ScopedModelForm):
    set_by_form = ("task",)

    class Meta:
        model = TaskActor
        fields = ["actor", "role"]

    def __init__(self, *args, task, **kwargs):
        self.task = task
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = self.fields["actor"].queryset.filter(operation=task.operation_id)

    def _post_clean(self):
        self.instance.task = self.task
        super()._post_clean()


class TaskMissionForm(ScopedModelForm):
    set_by_form = ("task",)

    class Meta:
        model = TaskMission
        fields = ["mission"]

    def __init__(self, *args, task, **kwargs):
        self.task = task
        super().__init__(*args, **kwargs)
        self.fields["mission"].queryset = self.fields["mission"].queryset.filter(operations=task.operation_id)

    def _post_clean(self):
        self.instance.task = self.task
        super()._post_clean()


class MissionForm(ScopedModelForm):
    class Meta:
        model = Mission
        fields = [
            "acronym", "name", "kind", "operations", "poc_mandate", "mandate_text", "resolution", "mandate_start",
            "mandate_end", "predecessor",
        ]  # fmt: skip
        widgets = {
            "mandate_start": DATE,
            "mandate_end": DATE,
            "mandate_text": forms.Textarea(attrs={"rows": 3}),
            "operations": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Cover only operations the user may work in; keep those already covered (they cannot be removed here).
        editable = CountryOperation.objects.filter(pk__in=access_for(self.user).editable_operation_ids())
        self.fields["operations"].queryset = editable
        self.fields["operations"].help_text = _("Operations you work in that this mission covers.")
        if self.instance.pk:
            self.fields["predecessor"].queryset = self.fields["predecessor"].queryset.exclude(pk=self.instance.pk)

    def clean_acronym(self):
        return self.cleaned_data["acronym"].strip().upper()

    def _save_m2m(self):
        """Keep coverage of operations the user cannot see or edit: they only add or remove their own."""
        kept = set(
            self.instance.operations.exclude(pk__in=self.fields["operations"].queryset).values_list("pk", flat=True)
        )
        super()._save_m2m()
        if kept:
            self.instance.operations.add(*kept)


class MissionPartForm(ScopedModelForm):
    """A record that belongs to the mission of the page."""

    set_by_form = ("mission",)

    def __init__(self, *args, mission, **kwargs):
        self.mission = mission
        super().__init__(*args, **kwargs)

    def _post_clean(self):
        self.instance.mission = self.mission
        super()._post_clean()


class PhaseChangeForm(MissionPartForm):
    class Meta:
        model = MissionPhaseChange
        fields = ["phase", "started_on", "note"]
        widgets = {"started_on": DATE}


class PlatformForm(MissionPartForm):
    class Meta:
        model = CoordinationPlatform
        fields = ["name", "chair", "frequency", "ocha_attends", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


class ComponentForm(MissionPartForm):
    class Meta:
        model = MissionComponent
        fields = ["kind", "actor"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = (
            Actor.objects.restrict(self.user, Action.CHANGE)
            .filter(operation__in=self.mission.operations.all())
            .order_by("name")
        )


class LiaisonOfficerForm(MissionPartForm):
    class Meta:
        model = MissionLiaisonOfficer
        fields = ["operation", "name", "function", "email", "phone", "sensitivity"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["operation"].queryset = CountryOperation.objects.filter(
            pk__in=access_for(self.user).editable_operation_ids(), missions=self.mission
        )
