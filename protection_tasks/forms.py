"""Forms of the task log. Choices are narrowed to the operation and, through ScopedModelForm, to the user."""

from __future__ import annotations

from copy import deepcopy
from typing import TYPE_CHECKING

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cmcoord.core.access import Action
from cmcoord.core.choices import Sensitivity
from cmcoord.core.forms import OperationBoundForm, StrictForm
from cmcoord.core.people import person_name
from cmcoord.core.validators import validate_sane_date
from cmcoord.core.versioning import VersionedForm
from cmcoord.gazetteer.forms import PlacePickerMixin
from cmcoord.operations.selectors import member_label, members_who_cannot_read, operation_members, with_role_in

from . import recurrence
from .choices import NEW_TASK_STATUS_CHOICES, TaskStatus
from .models import Activity, ProtectionPriority, Task
from .selectors import activities_for_operation, grouped_activity_choices
from .services import allowed_statuses, check_transition

if TYPE_CHECKING:
    from .form_choices import TaskFormChoices


class ActivitySelect(forms.Select):
    """A select whose options carry the catalogue description, shown as help under the field."""

    def __init__(self, *args, descriptions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.descriptions = descriptions or {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        key = getattr(value, "value", value)
        if key in self.descriptions:
            option["attrs"]["data-description"] = self.descriptions[key]
        return option


class RecurrenceFields(StrictForm):
    """The friendly recurrence choices, turned into an RRULE by :func:`recurrence.build_rule`."""

    repeat = forms.ChoiceField(label=gettext_lazy("Repeat"), choices=recurrence.REPEAT_CHOICES, required=False)
    repeat_interval = forms.IntegerField(
        label=gettext_lazy("Every"), min_value=1, max_value=52, initial=1, required=False,
        help_text=gettext_lazy("1 = every day / week / month / year, 2 = every other one, …"),
    )  # fmt: skip
    repeat_weekdays = forms.MultipleChoiceField(
        label=gettext_lazy("On"), choices=recurrence.WEEKDAY_CHOICES, required=False,
        widget=forms.CheckboxSelectMultiple, help_text=gettext_lazy("Weekly only."),
    )  # fmt: skip
    repeat_monthly_mode = forms.ChoiceField(
        label=gettext_lazy("Monthly"), choices=recurrence.MONTHLY_MODE_CHOICES, initial="day", required=False
    )
    repeat_ordinal = forms.ChoiceField(label=gettext_lazy("Which"), choices=recurrence.ORDINAL_CHOICES, required=False)
    repeat_weekday = forms.ChoiceField(
        label=gettext_lazy("Weekday"), choices=recurrence.WEEKDAY_CHOICES, required=False
    )
    repeat_until = forms.DateField(
        label=gettext_lazy("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_sane_date],
    )  # fmt: skip


class TaskForm(PlacePickerMixin, VersionedForm):
    """Create or edit a task of one operation. On edit, ``version`` guards against lost updates. The place is
    picked from the gazetteer of the operation's country (``admin1``, ``admin2``)."""

    class Meta:
        model = Task
        fields = [
            "activity", "title", "description", "status", "urgency", "owner", "collaborators",
            "start_date", "due_date", "protection_priorities", "sensitivity",
            "admin1_name", "admin1_pcode", "admin2_name", "admin2_pcode", "outcome",
        ]  # fmt: skip
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "due_date": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "outcome": forms.Textarea(attrs={"rows": 2}),
            "collaborators": forms.SelectMultiple(attrs={"size": 5}),
            "protection_priorities": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, activities=None, choices: TaskFormChoices | None = None, **kwargs):
        self.choices = choices
        if choices is not None:  # one of many forms: its fields copied lightly from those of the batch
            self.base_fields = choices.base_fields
        super().__init__(*args, **kwargs)
        operation = self.operation
        # The recurrence's fields, each form's own (the class's fields are shared by every form of the process).
        self.fields.update(deepcopy(RecurrenceFields.base_fields if choices is None else choices.recurrence_fields))
        if choices is not None and choices.fits(self.instance):
            choices.use(self)
            self.instance.validated_with = choices  # the model's own checks, at the save too, reuse what they read
        else:
            self._set_choices(operation, activities)
        if self.instance.pk:
            self.initial.update(_recurrence_initial(self.instance.recurrence_rule))
            self.fields["status"].help_text = _("From “%(status)s” a task can go to: %(targets)s.") % {
                "status": self.instance.get_status_display(),
                "targets": ", ".join(str(TaskStatus(s).label) for s in allowed_statuses(self.instance.status)),
            }
        else:
            self.fields["status"].choices = NEW_TASK_STATUS_CHOICES
            self.fields["status"].help_text = _("Log past work directly as completed.")
        self.fields["sensitivity"].help_text = _(
            "Unclassified: the HCT and HQ read it. Confidential: officers, head of office and HQ. "
            "Strictly confidential: this operation's officers and head only."
        )

    def choices_replaced(self) -> frozenset[str]:
        if self.choices is not None and self.choices.fits(self.instance):
            return frozenset(self.choices.LOOKED_UP)
        return frozenset()

    def _set_choices(self, operation, activities):
        """The choices of the activity, the owner, the collaborators and the protection priorities, read for this
        form (the page's way)."""
        # ``activities``: the operation's, read once for many forms (an import checks each row with one). An
        # operation never saved (the API schema's form, built for nobody) has no catalogue to read.
        if not operation.pk:
            activities = []
        elif activities is None or (
            self.instance.activity_id and self.instance.activity_id not in {a.pk for a in activities}
        ):
            activities = list(activities_for_operation(operation, include=self.instance.activity_id))
        self.fields["activity"].queryset = self.fields["activity"].queryset.filter(pk__in=[a.pk for a in activities])
        self.fields["activity"].choices = grouped_activity_choices(activities)
        self.fields["activity"].widget = ActivitySelect(
            descriptions={a.pk: f"{a.description} ({a.source})" if a.source else a.description for a in activities},
            attrs={"data-activity-help": "activity-help"},
        )
        self.fields["activity"].widget.choices = self.fields["activity"].choices
        self.fields["activity"].help_text = _("Choose from the catalogue; its description appears here.")
        self.fields["owner"].queryset = with_role_in(operation_members(self.user, operation, Action.CHANGE), operation)
        self.fields["owner"].label_from_instance = person_name
        self.fields["collaborators"].queryset = with_role_in(operation_members(self.user, operation), operation)
        self.fields["collaborators"].label_from_instance = member_label
        self.fields["collaborators"].help_text = _(
            "Only people who can read the task at its level: a task above what someone reads is refused."
        )
        self.fields["protection_priorities"].queryset = self.fields["protection_priorities"].queryset.filter(
            operation=operation
        )

    def clean_status(self):
        status = self.cleaned_data["status"]
        if self.instance.pk:  # fields are copied onto the instance only after this: it still has the stored status
            check_transition(self.instance.status, status)
        return status

    def clean(self):
        cleaned = super().clean()
        dated = cleaned.get("due_date") or cleaned.get("start_date") or {"due_date", "start_date"} & set(self.errors)
        if cleaned.get("repeat") and not dated:  # a date refused already says what is wrong with it
            self.add_error("due_date", _("A recurring task needs a due date to count from."))
        try:
            rule = recurrence.build_rule(
                frequency=cleaned.get("repeat") or "",
                interval=cleaned.get("repeat_interval") or 1,
                weekdays=cleaned.get("repeat_weekdays") or [],
                monthly_mode=cleaned.get("repeat_monthly_mode") or "day",
                ordinal=cleaned.get("repeat_ordinal") or "1",
                weekday=cleaned.get("repeat_weekday") or "MO",
                until=cleaned.get("repeat_until"),
            )
        except ValueError:
            self.add_error("repeat", _("This repetition cannot be understood; check its parts."))
            rule = ""
        if self.instance.series_id and rule:
            self.add_error("repeat", _("This task is an occurrence of a recurring task; change the repetition there."))
        self.instance.recurrence_rule = rule
        self._check_people_can_read(cleaned)
        return cleaned

    def _get_validation_exclusions(self):
        """With choices read once, the record's foreign keys that come from them (or from the page: its operation)
        are not looked up again, row after row, by the model's field validation: the form's fields found them among
        the objects read. The constraints still see them (:meth:`validate_constraints`)."""
        exclude = super()._get_validation_exclusions()
        if self.choices is not None:
            exclude |= {"operation", "activity", "owner"} - set(self.errors)
        return exclude

    def validate_constraints(self):
        if self.choices is None:
            super().validate_constraints()
            return
        try:
            self.choices.validate_constraints(self.instance, super()._get_validation_exclusions())
        except ValidationError as error:
            self._update_errors(error)

    def _check_people_can_read(self, cleaned):
        """The owner and collaborators must be able to read the task at its level: one who could not would be
        assigned work they never see. The message names them and says what to do."""
        level = cleaned.get("sensitivity")
        for name, people in (("owner", [cleaned.get("owner")]), ("collaborators", cleaned.get("collaborators") or [])):
            blocked = members_who_cannot_read(people, level)
            if blocked:
                self.add_error(
                    name,
                    ngettext(
                        "%(people)s cannot read a %(level)s task: choose a lower level, or someone else.",
                        "%(people)s cannot read a %(level)s task: choose a lower level, or other people.",
                        len(blocked),
                    )
                    % {"people": ", ".join(person_name(p) for p in blocked), "level": Sensitivity(level).label},
                )


def _recurrence_initial(rule: str) -> dict:
    parts = recurrence.split(rule)
    return {
        "repeat": parts.get("frequency", ""),
        "repeat_interval": parts.get("interval", 1),
        "repeat_weekdays": parts.get("weekdays", []),
        "repeat_monthly_mode": parts.get("monthly_mode", "day"),
        "repeat_ordinal": parts.get("ordinal", "1"),
        "repeat_weekday": parts.get("weekday", "MO"),
        "repeat_until": parts.get("until"),
    }


class TaskOutcomeForm(StrictForm):
    """The outcome a task is completed with (the "Complete…" confirmation on the task's page)."""

    outcome = forms.CharField(label=gettext_lazy("Outcome"), required=False, widget=forms.Textarea)


class TaskNoteForm(StrictForm):
    text = forms.CharField(
        label=gettext_lazy("Progress note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": gettext_lazy("Write what happened before saving the note.")},
    )


class ProtectionPriorityForm(OperationBoundForm):
    class Meta:
        model = ProtectionPriority
        fields = ["title", "description", "period_start", "period_end", "status", "order"]
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}),
            "period_end": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }


class LocalActivityForm(OperationBoundForm):
    """A head of office adds an activity of their own operation to the catalogue."""

    class Meta:
        model = Activity
        fields = ["area", "code", "name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = _("A short code of your own, e.g. %(code)s-1.") % {"code": self.operation.code}

    def clean_code(self):
        code = self.cleaned_data["code"].strip().upper()
        if Activity.objects.filter(operation__isnull=True, code=code).exists():
            raise forms.ValidationError(
                _("The Guidance Note catalogue already uses the code %(code)s."), params={"code": code}
            )
        return code

    def _post_clean(self):
        self.instance.source = _("Local activity")
        super()._post_clean()
