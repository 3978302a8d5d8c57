"""Forms of mission contexts. Choices pass through ``restrict`` (ScopedModelForm)."""

from django import forms
from django.utils.translation import gettext as _

from actors.models import Actor
from cmcoord.core.access import Action
from cmcoord.core.forms import ScopedModelForm
from cmcoord.operations.models import CountryOperation

from .models import (
    CoordinationPlatform,
    Mission,
    MissionComponent,
    MissionLiaisonOfficer,
    MissionPhaseChange,
    TaskMission,
)

DATE = forms.DateInput(attrs={"type": "date"})


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
        # Cover only operations the user may work in; coverage of other operations is kept by the service.
        self.fields["operations"].queryset = CountryOperation.objects.restrict(self.user, Action.CHANGE)
        self.fields["operations"].help_text = _("Operations you work in that this mission covers.")
        if self.instance.pk:
            self.fields["predecessor"].queryset = self.fields["predecessor"].queryset.exclude(pk=self.instance.pk)
        if self.instance.predecessor_id and not self._visible().filter(pk=self.instance.predecessor_id).exists():
            # The stored predecessor covers only operations the user has no standing in: the form neither shows
            # nor changes it, so saving the form unchanged keeps it (a posted value is ignored).
            del self.fields["predecessor"]

    def _visible(self):
        return Mission.objects.visible_to(self.user)

    def clean_acronym(self):
        return self.cleaned_data["acronym"].strip().upper()

    def validate_unique(self):
        """Name a duplicate only when the user can see the mission it duplicates.

        The model's messages for a taken acronym or predecessor name nothing, since the other mission may cover
        only operations the user has no standing in; where the user can see it, saying so helps them.
        """
        super().validate_unique()
        others = self._visible().exclude(pk=self.instance.pk)  # the values are on the instance, not in cleaned_data
        acronym, predecessor = self.instance.acronym, self.instance.predecessor
        if self.has_error("acronym", "unique") and others.filter(acronym=acronym).exists():
            self.errors["acronym"] = self.error_class(
                [_("The mission %(acronym)s already exists; open it from the mission list.") % {"acronym": acronym}]
            )
        if self.has_error("predecessor", "unique"):
            successor = others.filter(predecessor=predecessor).first()
            if successor is not None:
                message = _("%(successor)s already took over from %(predecessor)s.")
                self.errors["predecessor"] = self.error_class(
                    [message % {"successor": successor, "predecessor": predecessor}]
                )

    def _save_m2m(self):
        """Coverage goes through :func:`missions.services.mission_set_coverage`, which keeps what the user
        cannot see; the form saves no many-to-many itself."""


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
        # Only actors the user may change: linking an actor to a mission changes what its page shows.
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
        self.fields["operation"].queryset = CountryOperation.objects.restrict(self.user, Action.CHANGE).filter(
            missions=self.mission
        )


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
