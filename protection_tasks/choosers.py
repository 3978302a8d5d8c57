"""How other records' forms link tasks, the same way on every form: a chooser of the tasks the user may read,
by reference and title (:class:`TaskChooserField`, and :class:`TaskChoiceField` for one task).

Apart from the task log's own forms so that the record apps reach the task log through its models, selectors and
this field only, never through its pages or its forms (``tests/core/test_layering.py``).
"""

from __future__ import annotations

import re

from django import forms
from django.db.models import Q
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cmcoord.core.validators import TASK_REFERENCE, full_match
from cmcoord.core.widgets import Chooser, SingleChooser

from .choices import OPEN_STATUSES
from .models import Task

_TASK_REFERENCE = re.compile(full_match(TASK_REFERENCE))


ADD_TASK = gettext_lazy("Link the task %(value)s (checked on saving)")


class TaskChooser(Chooser):
    """The chooser of tasks: options valued by reference; a reference typed in full may be sent though not offered.

    It also reads references written in one value, separated by commas, spaces or semicolons (``CAF-2026-0042,
    CAF-2026-0051``), as the notification form took them before the chooser: a client that sends them so still works.
    """

    def __init__(self, attrs=None, choices=()):
        super().__init__(attrs, choices, add_pattern=TASK_REFERENCE, add_text=ADD_TASK)

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        if values is None:
            return []
        if isinstance(values, str):
            values = [values]
        return [part.upper() for value in values for part in re.split(r"[\s,;]+", str(value)) if part]


class SingleTaskChooser(SingleChooser):
    """The chooser of one task (the task an MCDA request serves); a reference is read in capitals, as typed before."""

    def __init__(self, attrs=None, choices=()):
        super().__init__(attrs, choices, add_pattern=TASK_REFERENCE, add_text=ADD_TASK)

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        return value.strip().upper() if isinstance(value, str) else value


class _OfferedTasks(ModelChoiceIterator):
    """The options of a task chooser, read when drawn (once the bound field knows what is chosen)."""

    @property
    def queryset(self):
        return self.field.offered()

    @queryset.setter
    def queryset(self, value):
        """The field's whole queryset, as ``ModelChoiceIterator`` sets it: the options are read from the field."""


def _check_reference(value) -> None:
    if not _TASK_REFERENCE.match(str(value)):
        raise forms.ValidationError(
            _("“%(value)s” is not a task reference (e.g. CAF-2026-0042)."),
            code="invalid_choice",
            params={"value": str(value)[:40]},
        )


class TaskChoices:
    """Tasks linked the same way on every form: a chooser of tasks, by reference and title.

    It offers the open tasks of its queryset, and those already linked or sent: an operation may hold tens of
    thousands of tasks, and the page must stay light on a slow link. It accepts any task of its queryset by reference
    (a completed one typed in full in the chooser, or sent by a client): each form narrows the queryset to its
    operation, :class:`~cmcoord.core.forms.ScopedModelForm` to the tasks the user may read, so a task outside them is
    refused with a field error, like any choice, and no option ever names a task the user may not read.
    """

    iterator = _OfferedTasks
    #: What every form says under its tasks, after its own help.
    HINT = gettext_lazy("Open tasks are listed; to link a completed one, type its reference in full.")
    default_error_messages = {
        "invalid_choice": gettext_lazy("No task of this operation you can open has the reference %(value)s."),
    }

    def __init__(self, queryset=None, **kwargs):
        kwargs["to_field_name"] = "reference"
        super().__init__(Task.objects.all() if queryset is None else queryset, **kwargs)
        self.kept: set[str] = set()

    def label_from_instance(self, obj):
        return f"{obj.reference} · {obj.title}"

    def offered(self):
        """The tasks shown as options: the open ones, and those kept (linked, or sent)."""
        return self.queryset.filter(Q(status__in=OPEN_STATUSES) | Q(reference__in=self.kept))

    def get_bound_field(self, form, field_name):
        """The bound field, noting what the form shows as chosen (initial links, or values sent) to offer them."""
        bound = super().get_bound_field(form, field_name)
        values = [self.prepare_value(form.get_initial_for_field(self, field_name))]
        if form.is_bound:
            values.append(self.widget.value_from_datadict(form.data, form.files, form.add_prefix(field_name)))
        values = [item for value in values for item in (value if isinstance(value, list | tuple) else [value])]
        self.kept = {str(value).upper() for value in values if _TASK_REFERENCE.match(str(value).upper())}
        return bound


class TaskChooserField(TaskChoices, forms.ModelMultipleChoiceField):
    """The tasks a record serves (see :class:`TaskChoices`)."""

    widget = TaskChooser

    def _check_values(self, value):
        for reference in value:
            _check_reference(reference)
        return super()._check_values(value)


class TaskChoiceField(TaskChoices, forms.ModelChoiceField):
    """The one task a record serves (see :class:`TaskChoices`)."""

    widget = SingleTaskChooser

    def to_python(self, value):
        if value not in self.empty_values:
            _check_reference(value)
        return super().to_python(value)
