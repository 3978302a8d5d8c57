"""Forms of the actor registry and mission contexts."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cmcoord.core.access import Action
from cmcoord.core.choices import Sensitivity
from cmcoord.core.forms import OperationBoundForm, ScopedModelForm
from cmcoord.core.versioning import VersionedForm
from cmcoord.gazetteer.forms import PlacePickerMixin
from summaries.forms import SummaryFormMixin

from .choices import default_actor_sensitivity
from .models import (
    Actor,
    ActorAssessment,
    ActorRelationship,
    LiaisonContact,
    TaskActor,
)

DATE = forms.DateInput(attrs={"type": "date"})
RATING_CHOICES = [(n, str(n)) for n in range(1, 6)]


class ActorForm(PlacePickerMixin, VersionedForm):
    """Record or edit an actor. On edit, ``version`` guards against lost updates."""

    place_pickers = {}
    place_lists = ("areas",)  # ticked among the country's admin 1 units of the gazetteer

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
        if not self.gazetteer:  # no units for the country yet: P-codes typed as text
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


class AssessmentForm(SummaryFormMixin, OperationBoundForm):
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

    # What a new assessment takes over from the current one: the judgement, not the date or the notes.
    CARRIED_OVER = ("stance", "influence", "interest", "access_attitude", "protection_attitude", "strategy")

    def __init__(self, *args, actor, **kwargs):
        self.actor = actor
        super().__init__(*args, **kwargs)
        default_level = max(actor.sensitivity, Sensitivity.CONFIDENTIAL)
        # No rating is preselected: a 1/1 saved by accident would move the actor on the map.
        for name in ("influence", "interest"):
            self.fields[name].choices = [("", gettext_lazy("Choose…")), *RATING_CHOICES]
        self.starting_from = None if self.is_bound or self.instance.pk else self.current_assessment()
        if self.starting_from is not None:
            for name in self.CARRIED_OVER:
                self.initial.setdefault(name, getattr(self.starting_from, name))
            # Never less protected than the assessment it starts from, nor than the default.
            default_level = max(default_level, self.starting_from.sensitivity)
        self.initial.setdefault("sensitivity", default_level)

    def current_assessment(self):
        """The actor's latest assessment the user may see: the picture a new one revises."""
        return (
            ActorAssessment.objects.restrict(self.user, Action.VIEW)
            .filter(actor=self.actor)
            .order_by("-assessed_on", "-pk")
            .first()
        )

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
        widgets = {"phone": forms.TextInput(attrs={"type": "tel"})}  # a phone keypad on a phone

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
