"""The training event form. Choices are narrowed to the operation and, through ScopedModelForm, to the user."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cmcoord.core.versioning import VersionedForm
from cmcoord.gazetteer.forms import PlacePickerMixin
from cmcoord.records.forms import PLACE, Fieldset
from protection_tasks.choosers import TaskChooserField

from .choices import ORGANISATION_FIELDS, SEX_FIELDS, TrainingTopic
from .models import Training

SENSITIVITY_HELP = gettext_lazy(
    "Confidential (the default): officers, head of office and HQ read it; the HCT only counts it and its "
    "participants. Unclassified (e.g. a public dissemination session): the HCT reads it in its digest. Strictly "
    "confidential: this operation's officers and head only."
)
NUMBER_INPUT = forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"})
SCORE_INPUT = forms.NumberInput(attrs={"min": 0, "max": 100, "step": "0.1"})


class TrainingForm(PlacePickerMixin, VersionedForm):
    """Record or edit a training event of one operation. On edit, ``version`` guards against lost updates."""

    layout = (
        [
            "title", ("start_date", "end_date"), "topics",
            Fieldset(gettext_lazy("Participants by sex"), ("female", "male", "sex_other")),
            Fieldset(
                gettext_lazy("Participants by organisation type"),
                ("from_military", "from_police", "from_nsag"), ("from_authorities", "from_humanitarian", "from_other"),
            ),
            ("pre_test_score", "post_test_score"), "notes",
        ],
        ["audience", "partners", "sensitivity", PLACE, "tasks"],
    )  # fmt: skip

    topics = forms.MultipleChoiceField(
        label=gettext_lazy("Topics"), choices=TrainingTopic.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Training
        fields = [
            "title", "start_date", "end_date", "topics", "audience", "partners",
            *(name for name, _label in SEX_FIELDS), *(name for name, _label in ORGANISATION_FIELDS),
            "pre_test_score", "post_test_score",
            "admin1_name", "admin1_pcode", "admin2_name", "admin2_pcode",
            "notes", "tasks", "sensitivity",
        ]  # fmt: skip
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "audience": forms.SelectMultiple(attrs={"size": 6}),
            "pre_test_score": SCORE_INPUT,
            "post_test_score": SCORE_INPUT,
            **{name: NUMBER_INPUT for name, _label in (*SEX_FIELDS, *ORGANISATION_FIELDS)},
        }
        field_classes = {"tasks": TaskChooserField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        operation = self.operation
        self.fields["audience"].queryset = self.fields["audience"].queryset.filter(operation=operation).order_by("name")
        self.fields["tasks"].queryset = (
            self.fields["tasks"].queryset.filter(operation=operation).order_by("-created_at", "-pk")
        )
        self.fields["tasks"].help_text = (
            _("The capacity-building tasks this training serves (CB-1 to CB-5).") + " " + TaskChooserField.HINT
        )
        for name, label in (*SEX_FIELDS, *ORGANISATION_FIELDS):
            self.fields[name].label = label
            # Shown instead of the validator's own message (a field's error_messages override by code).
            self.fields[name].error_messages["min_value"] = _("A number of participants cannot be negative.")
        self.fields["sensitivity"].help_text = SENSITIVITY_HELP

    def clean_topics(self):
        return list(self.cleaned_data["topics"])
