"""Forms of planning and preparedness. Choices are narrowed to the page's operation and, through
``ScopedModelForm``, to what the user may see; tasks are named by reference (an operation may hold tens of
thousands, too many for a drop-down)."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cmcoord.core.access import Action
from cmcoord.core.forms import StrictForm
from cmcoord.core.people import person_name
from cmcoord.core.versioning import VersionedForm
from cmcoord.operations.selectors import operation_members
from cmcoord.records.forms import Fieldset
from protection_tasks.models import Task

from .choices import ItemStatus, Justification
from .models import ChecklistItem, MCDARequest, PlanningDocument
from .selectors import tasks_by_reference

DATE = forms.DateInput(attrs={"type": "date"})
REFERENCE = re.compile(r"[A-Za-z]{3}-[0-9]{4}-[0-9]{4,11}")
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


def parse_references(text: str) -> list[str] | None:
    """Task references written in a field, separated by commas, spaces or new lines; None if one is malformed."""
    parts = [part for part in re.split(r"[\s,;]+", text.strip()) if part]
    if any(not REFERENCE.fullmatch(part) for part in parts):
        return None
    return list(dict.fromkeys(part.upper() for part in parts))


class PlanningDocumentForm(RecordForm):
    """A planning document; its tasks named by reference. ``cleaned_data["tasks"]`` is what the record kit links:
    the tasks written, and on an edit those already linked that the editor cannot see."""

    layout = (
        ["kind", "title", "status", ("effective_date", "review_due"), "notes"],
        ["sensitivity", "mission", "task_references"],
    )

    task_references = forms.CharField(
        label=gettext_lazy("Tasks"), required=False, max_length=2000,
        help_text=gettext_lazy("References of the tasks this document serves, comma-separated, e.g. CAF-2026-0042."),
    )  # fmt: skip

    class Meta:
        model = PlanningDocument
        fields = ["kind", "title", "status", "effective_date", "review_due", "mission", "sensitivity", "notes"]
        widgets = {"effective_date": DATE, "review_due": DATE, "notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mission"].queryset = self.fields["mission"].queryset.filter(operations=self.operation)
        if self.instance.pk and not self.is_bound:
            tasks = self.instance.tasks.restrict(self.user, Action.VIEW).order_by("reference")
            self.initial["task_references"] = ", ".join(task.reference for task in tasks)

    def clean_task_references(self):
        references = parse_references(self.cleaned_data["task_references"])
        if references is None:
            raise forms.ValidationError(_("Write task references like %(example)s, separated by commas.") % {
                "example": f"{self.operation.code}-2026-0042"
            })  # fmt: skip
        found = tasks_by_reference(self.user, self.operation, references)
        missing = [reference for reference in references if reference not in found]
        if missing:
            raise forms.ValidationError(
                _("No task of this operation you can open has the reference %(references)s.")
                % {"references": ", ".join(missing)}
            )
        self.tasks = [found[reference] for reference in references]
        return references

    def clean(self):
        cleaned_data = super().clean()
        cleaned_data["tasks"] = self.linked_tasks()
        return cleaned_data

    def linked_tasks(self):
        """The tasks to link: those written in the form, plus those already linked that the user cannot see (an
        edit must not unlink what the editor was never shown)."""
        tasks = list(getattr(self, "tasks", []))
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
        ["sensitivity", "asset_actor", "asset_mission", "task_reference"],
    )  # fmt: skip

    justification = forms.MultipleChoiceField(
        label=gettext_lazy("Last-resort justification"), choices=Justification.choices,
        widget=forms.CheckboxSelectMultiple, required=False,
        help_text=gettext_lazy("Military and civil defence assets are a last resort: tick every reason that holds."),
    )  # fmt: skip
    task_reference = forms.CharField(
        label=gettext_lazy("Task served"), required=False, max_length=30,
        help_text=gettext_lazy("The reference of the task this request serves, e.g. CAF-2026-0042."),
    )  # fmt: skip

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
        "requested_on", "decision", "decided_on", "task_reference", "sensitivity",
    ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        actors = self.fields["asset_actor"].queryset.filter(operation=self.operation).order_by("name")
        self.fields["asset_actor"].queryset = actors
        self.fields["asset_actor"].help_text = _("The actor that holds the asset, if it is in the registry.")
        self.fields["asset_mission"].queryset = self.fields["asset_mission"].queryset.filter(operations=self.operation)
        self.fields["decided_on"].help_text = _("Required once the request is approved, declined or withdrawn.")
        if not self.is_bound and self.instance.pk:
            self.initial["justification"] = [c.value for c in Justification if getattr(self.instance, c.value)]
            task = self.visible_task()
            self.initial["task_reference"] = task.reference if task else ""

    def visible_task(self):
        """The task the request serves, if the user may open it (asked once per form)."""
        if not self.instance.task_id:
            return None
        if not hasattr(self, "_visible_task"):
            self._visible_task = Task.objects.restrict(self.user, Action.VIEW).filter(pk=self.instance.task_id).first()
        return self._visible_task

    def clean_task_reference(self):
        text = self.cleaned_data["task_reference"].strip()
        self.task = None
        if not text:
            return ""
        references = parse_references(text)
        if not references or len(references) != 1:
            raise forms.ValidationError(_("Write one task reference, e.g. %(example)s.") % {
                "example": f"{self.operation.code}-2026-0042"
            })  # fmt: skip
        self.task = tasks_by_reference(self.user, self.operation, references).get(references[0])
        if self.task is None:
            raise forms.ValidationError(
                _("No task of this operation you can open has the reference %(reference)s.")
                % {"reference": references[0]}
            )
        return references[0]

    def _post_clean(self):
        chosen = set(self.cleaned_data.get("justification") or ())
        for choice in Justification:
            setattr(self.instance, choice.value, choice.value in chosen)
        if "task_reference" in self.cleaned_data:
            if self.task is not None:
                self.instance.task = self.task
            elif not self.cleaned_data["task_reference"] and self.visible_task() is not None:
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
