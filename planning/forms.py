"""Forms of planning and preparedness. Choices are narrowed to the page's operation and, through
``ScopedModelForm``, to what the user may see; tasks are chosen as on every record's form
(:class:`~protection_tasks.choosers.TaskChooserField`: open tasks listed, any readable one by its reference)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cmcoord.core.access import Action
from cmcoord.core.forms import StrictForm
from cmcoord.core.people import person_name
from cmcoord.core.versioning import VersionedForm
from cmcoord.operations.selectors import operation_members
from cmcoord.records.forms import Fieldset
from protection_tasks.choosers import TaskChoiceField, TaskChooserField
from protection_tasks.models import Task

from .choices import ItemStatus, Justification
from .models import ChecklistItem, MCDARequest, PlanningDocument

DATE = forms.DateInput(attrs={"type": "date"})
SENSITIVITY_HELP = gettext_lazy(
    "Unclassified: the HCT and HQ read it. Confidential: officers, head of office and HQ. "
    "Strictly confidential: this operation's officers and head only."
)


class RecordForm(VersionedForm):
    """An edit form of this app: the version it started from (no lost update) and the levels explained."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "sensitivity" in self.fields:
            self.fields["sensitivity"].help_text = SENSITIVITY_HELP


class PlanningDocumentForm(RecordForm):
    """A planning document; its tasks chosen like every record's (:class:`TaskChooserField`).
    ``cleaned_data["tasks"]`` is what the record kit links: the tasks chosen, and on an edit those already linked that
    the editor cannot see."""

    layout = (
        ["kind", "title", "status", ("effective_date", "review_due"), "notes"],
        ["sensitivity", "mission", "tasks"],
    )

    class Meta:
        model = PlanningDocument
        fields = ["kind", "title", "status", "effective_date", "review_due", "mission", "sensitivity", "notes", "tasks"]
        widgets = {"effective_date": DATE, "review_due": DATE, "notes": forms.Textarea(attrs={"rows": 4})}
        field_classes = {"tasks": TaskChooserField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mission"].queryset = self.fields["mission"].queryset.filter(operations=self.operation)
        tasks = self.fields["tasks"]
        tasks.queryset = tasks.queryset.filter(operation=self.operation).order_by("-created_at", "-pk")
        tasks.help_text = _("The tasks this document serves.") + " " + TaskChooserField.HINT

    def clean(self):
        cleaned_data = super().clean()
        cleaned_data["tasks"] = self.linked_tasks()
        return cleaned_data

    def linked_tasks(self):
        """The tasks to link: those written in the form, plus those already linked that the user cannot see (an
        edit must not unlink what the editor was never shown)."""
        tasks = list(self.cleaned_data.get("tasks") or [])
        if self.instance.pk:
            visible = self.instance.tasks.restrict(self.user, Action.VIEW)
            tasks += list(self.instance.tasks.exclude(pk__in=visible.values("pk")))
        return tasks


class MCDARequestForm(RecordForm):
    layout = (
        [
            "requested", "asset", "purpose",
            Fieldset(gettext_lazy("Last resort"), "justification", "justification_notes"),
            ("requested_on", "decision", "decided_on"),
        ],
        ["sensitivity", "asset_actor", "asset_mission", "task"],
    )  # fmt: skip

    justification = forms.MultipleChoiceField(
        label=gettext_lazy("Last-resort justification"), choices=Justification.choices,
        widget=forms.CheckboxSelectMultiple, required=False,
        help_text=gettext_lazy("Military and civil defence assets are a last resort: tick every reason that holds."),
    )  # fmt: skip
    # Not a model field of the form (not in ``Meta.fields``): ``_post_clean`` links it, a task hidden from the editor
    # kept.
    task = TaskChoiceField(label=gettext_lazy("Task served"), required=False)

    class Meta:
        model = MCDARequest
        fields = [
            "requested", "asset", "asset_actor", "asset_mission", "purpose", "justification_notes", "requested_on",
            "decision", "decided_on", "sensitivity",
        ]  # fmt: skip
        widgets = {
            "requested_on": DATE,
            "decided_on": DATE,
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "justification_notes": forms.Textarea(attrs={"rows": 3}),
        }

    field_order = [
        "requested", "asset", "asset_actor", "asset_mission", "purpose", "justification", "justification_notes",
        "requested_on", "decision", "decided_on", "task", "sensitivity",
    ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        actors = self.fields["asset_actor"].queryset.filter(operation=self.operation).order_by("name")
        self.fields["asset_actor"].queryset = actors
        self.fields["asset_actor"].help_text = _("The actor that holds the asset, if it is in the registry.")
        self.fields["asset_mission"].queryset = self.fields["asset_mission"].queryset.filter(operations=self.operation)
        self.fields["decided_on"].help_text = _("Required once the request is approved, declined or withdrawn.")
        task = self.fields["task"]
        task.queryset = task.queryset.filter(operation=self.operation).order_by("-created_at", "-pk")
        task.help_text = _("The task this request serves.") + " " + TaskChoiceField.HINT
        if not self.is_bound and self.instance.pk:
            self.initial["justification"] = [c.value for c in Justification if getattr(self.instance, c.value)]
            task = self.visible_task()
            self.initial["task"] = task.reference if task else None

    def visible_task(self):
        """The task the request serves, if the user may open it (asked once per form)."""
        if not self.instance.task_id:
            return None
        if not hasattr(self, "_visible_task"):
            self._visible_task = Task.objects.restrict(self.user, Action.VIEW).filter(pk=self.instance.task_id).first()
        return self._visible_task

    def _post_clean(self):
        chosen = set(self.cleaned_data.get("justification") or ())
        for choice in Justification:
            setattr(self.instance, choice.value, choice.value in chosen)
        if "task" in self.cleaned_data:
            if self.cleaned_data["task"] is not None:
                self.instance.task = self.cleaned_data["task"]
            elif self.visible_task() is not None:
                self.instance.task = None  # cleared by someone who could see it; a hidden task stays linked
        super()._post_clean()

    def _update_errors(self, errors):
        """The model checks the justification on its first boolean; the form shows it on the checkboxes."""
        if hasattr(errors, "error_dict") and Justification.NO_CIVILIAN_ALTERNATIVE in errors.error_dict:
            errors.error_dict["justification"] = errors.error_dict.pop(Justification.NO_CIVILIAN_ALTERNATIVE)
        super()._update_errors(errors)


class ChecklistItemForm(RecordForm):
    class Meta:
        model = ChecklistItem
        fields = ["status", "owner", "notes", "sensitivity"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = operation_members(self.user, self.operation, Action.CHANGE)
        self.fields["owner"].label_from_instance = person_name
        self.fields["owner"].help_text = _("An officer or the head of office of this operation.")


class ChecklistStatusForm(StrictForm):
    """The quick status change on the checklist page."""

    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=ItemStatus.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
