"""The access incident form. Choices are narrowed to the operation and, through ScopedModelForm, to the user."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cmcoord.core.versioning import VersionedForm
from cmcoord.gazetteer.forms import PlacePickerMixin
from cmcoord.records.forms import PLACE, Fieldset
from protection_tasks.choosers import TaskChooserField
from summaries.forms import SummaryFormMixin

from .models import AccessIncident

SENSITIVITY_HELP = gettext_lazy(
    "Confidential (the default): officers, head of office and HQ read it; the HCT only counts it. Unclassified: "
    "the HCT reads it too. Strictly confidential: this operation's officers and head only."
)


class IncidentForm(SummaryFormMixin, PlacePickerMixin, VersionedForm):
    """Record or edit an access incident of one operation. On edit, ``version`` guards against lost updates."""

    layout = (
        [
            "title", ("occurred_on", "category"), "actor",
            Fieldset(gettext_lazy("Impact"), ("people_affected", "activities_suspended", "days_affected")),
            "description", "hct_summary",
        ],
        [("source", "verified"), "sensitivity", PLACE, "tasks", "mission"],
    )  # fmt: skip

    class Meta:
        model = AccessIncident
        fields = [
            "title", "occurred_on", "category", "actor", "source", "verified",
            "people_affected", "activities_suspended", "days_affected",
            "admin1_name", "admin1_pcode", "admin2_name", "admin2_pcode",
            "description", "tasks", "mission", "sensitivity",
        ]  # fmt: skip
        widgets = {
            "occurred_on": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        field_classes = {"tasks": TaskChooserField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        operation = self.operation
        self.fields["actor"].queryset = self.fields["actor"].queryset.filter(operation=operation).order_by("name")
        self.fields["tasks"].queryset = (
            self.fields["tasks"].queryset.filter(operation=operation).order_by("-created_at", "-pk")
        )
        self.fields["tasks"].help_text = (
            _("The tasks this incident concerns, e.g. an AN-4 monitoring task.") + " " + TaskChooserField.HINT
        )
        self.fields["mission"].queryset = self.fields["mission"].queryset.filter(operations=operation)
        self.fields["sensitivity"].help_text = SENSITIVITY_HELP
