"""Forms of the humanitarian notification system. Choices are narrowed to the operation and, through
``ScopedModelForm``, to what the user may see. Times are entered and shown in the operation's own time zone."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cmcoord.core.forms import StrictForm, StrictModelForm
from cmcoord.core.versioning import VersionedForm
from cmcoord.gazetteer.forms import PlacePickerMixin
from cmcoord.records.forms import Fieldset
from missions.models import Mission
from protection_tasks.choosers import TaskChooserField
from summaries.forms import SummaryFormMixin

from .choices import ANSWER_CHOICES, AnswerStatus
from .models import Notification, NotificationSettings

DATE = forms.DateInput(attrs={"type": "date"})
LOCAL_MINUTE = "%Y-%m-%dT%H:%M"


class OperationDateTimeField(forms.DateTimeField):
    """A date and time entered and shown in the operation's time zone (``<input type="datetime-local">``), not in
    the server's: "10:00" typed in Bangui means 10:00 in Bangui."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_MINUTE)

    def __init__(self, *args, time_zone=None, **kwargs):
        self.time_zone = time_zone
        super().__init__(*args, **kwargs)

    def _in_zone(self):
        return timezone.override(self.time_zone or timezone.get_current_timezone())

    def to_python(self, value):
        with self._in_zone():
            return super().to_python(value)

    def prepare_value(self, value):
        with self._in_zone():
            return super().prepare_value(value)


class NotificationForm(SummaryFormMixin, PlacePickerMixin, VersionedForm):
    """Create or edit a notification of one operation. On edit, ``version`` guards against lost updates."""

    layout = (
        [
            ("reference", "kind"), "title", "notifying_organisation", "description", "parties",
            Fieldset(gettext_lazy("Movement"), ("origin", "destination"), "route"), "hct_summary",
        ],
        [
            "submitted_at", ("valid_from", "valid_to"), "sensitivity",
            Fieldset(gettext_lazy("Location"), "admin1", "admin2", ("latitude", "longitude")),
            "tasks", "mission",
        ],
    )  # fmt: skip

    class Meta:
        model = Notification
        fields = [
            "reference", "kind", "title", "notifying_organisation", "description", "submitted_at", "valid_from",
            "valid_to", "parties", "sensitivity", "admin1_name", "admin1_pcode", "admin2_name", "admin2_pcode",
            "latitude", "longitude", "origin", "destination", "route", "tasks", "mission",
        ]  # fmt: skip
        widgets = {
            "valid_from": DATE,
            "valid_to": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "route": forms.Textarea(attrs={"rows": 2}),
            "parties": forms.SelectMultiple(attrs={"size": 6}),
        }
        field_classes = {"submitted_at": OperationDateTimeField, "tasks": TaskChooserField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        operation = self.operation
        self.fields["submitted_at"].time_zone = operation.time_zone
        self.fields["submitted_at"].help_text = _(
            "When the parties were notified, in the operation's time (%(zone)s). Answers are due from then."
        ) % {"zone": operation.time_zone}
        self.fields["parties"].queryset = self.fields["parties"].queryset.filter(operation=operation).order_by("name")
        self.fields["parties"].help_text = _("The actors of this operation the notification went to.")
        tasks = self.fields["tasks"]
        tasks.queryset = tasks.queryset.filter(operation=operation).order_by("-created_at", "-pk")
        tasks.required = False
        tasks.help_text = _("The tasks it serves.") + " " + TaskChooserField.HINT
        self.fields["mission"].queryset = Mission.objects.restrict(self.user).filter(operations=operation)
        self.fields["sensitivity"].help_text = _(
            "Confidential by default: sites and movements can get people hurt. Unclassified: the HCT reads it too."
        )

    def clean_reference(self):
        return self.cleaned_data["reference"].strip().upper()


class AnswerForm(StrictForm):
    """One party's answer, recorded in one click: acknowledged now, unless the officer says otherwise."""

    status = forms.ChoiceField(label=gettext_lazy("Answer"), choices=ANSWER_CHOICES)
    answered_at = OperationDateTimeField(label=gettext_lazy("Answered on"))
    note = forms.CharField(label=gettext_lazy("Note"), max_length=500, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)

    def __init__(self, *args, answer, **kwargs):
        self.answer = answer
        kwargs.setdefault("prefix", f"answer-{answer.pk}")
        operation = answer.notification.operation
        initial = {
            "status": answer.status if answer.status != AnswerStatus.SUBMITTED else AnswerStatus.ACKNOWLEDGED,
            "answered_at": answer.answered_at or timezone.now(),
            "note": answer.note,
            "version": answer.version,
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["answered_at"].time_zone = operation.time_zone
        self.fields["answered_at"].help_text = _("In the operation's time (%(zone)s).") % {"zone": operation.time_zone}


class NotificationSettingsForm(StrictModelForm):
    class Meta:
        model = NotificationSettings
        fields = ["response_hours"]
