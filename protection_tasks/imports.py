"""The import of tasks from a spreadsheet: the export's own columns (so an exported file re-imports unchanged), each
row checked by the task form of the pages and saved by ``task_create`` or ``task_edit``."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cmcoord.core.access import Action
from cmcoord.core.choices import Sensitivity
from cmcoord.gazetteer.forms import CountryGazetteer, place_text
from cmcoord.imports.parsing import header_key
from cmcoord.imports.registry import ImportColumn, Importer, Kind, choice_keys, register
from cmcoord.operations.selectors import operation_members

from . import services
from .batches import TaskBatch
from .choices import TaskStatus, Urgency
from .exports import TASK_COLUMNS
from .form_choices import TaskFormChoices
from .forms import TaskForm
from .models import Task
from .selectors import activities_for_operation

_EXPORTED = {column.key: column for column in TASK_COLUMNS}
WRITE_CHUNK = 500  # new tasks whose re-check, first timeline entries and history rows are written at once


def _from_export(key: str, kind: Kind = Kind.TEXT, aliases=()) -> ImportColumn:
    column = _EXPORTED[key]
    return ImportColumn(key, column.header, column.hxl, kind, aliases)


# Fields of the form that come from a column of the file: the rest keep their current value (or the default).
FIELD_COLUMNS = {
    "title": "title",
    "description": "description",
    "activity": "activity_code",
    "status": "status",
    "urgency": "urgency",
    "owner": "owner_first_name",
    "start_date": "start_date",
    "due_date": "due_date",
    "admin1": "admin1",
    "admin2": "admin2",
    "outcome": "outcome",
    "sensitivity": "sensitivity",
}


@register
class TaskImporter(Importer):
    name = "tasks"
    title = gettext_lazy("Tasks")
    model = Task
    list_url_name = "protection_tasks:task-list"
    columns = (
        _from_export("country_code"),
        _from_export("operation"),
        _from_export("reference"),
        _from_export("title"),
        ImportColumn("description", gettext_lazy("Description"), "#description"),
        _from_export("area_code"),
        _from_export("area"),
        _from_export("activity_code"),
        _from_export("activity"),
        _from_export("status"),
        _from_export("urgency"),
        ImportColumn("owner", gettext_lazy("Owner"), "#contact+name", aliases=(gettext_lazy("Owner's username"),)),
        _from_export("owner_first_name"),
        _from_export("owner_last_name"),
        _from_export("start_date", Kind.DATE),
        _from_export("due_date", Kind.DATE),
        _from_export("completed_on", Kind.DATE),
        _from_export("admin1"),
        _from_export("admin1_pcode"),
        _from_export("admin2"),
        _from_export("admin2_pcode"),
        _from_export("outcome"),
        _from_export("sensitivity"),
    )

    def prepare(self, user, operation) -> dict:
        activities = list(activities_for_operation(operation))
        gazetteer = CountryGazetteer(user, operation.country)
        # The form's choices read once for the batch: checking a row asks the database nothing for them.
        choices = TaskFormChoices(user, operation, activities=activities, gazetteer=gazetteer)
        shared = {"activities": activities, "gazetteer": gazetteer, "choices": choices}
        by_activity = {}
        for activity in activities:
            by_activity[header_key(activity.name)] = activity.pk
            by_activity[header_key(activity.code)] = activity.pk
        members = {}
        for person in operation_members(user, operation, Action.CHANGE):
            for key in (person.username, person.email, f"{person.first_name} {person.last_name}"):
                if header_key(key):
                    members.setdefault(header_key(key), set()).add(person.pk)
        existing = {
            task.reference: task
            for task in Task.objects.restrict(user, Action.CHANGE)
            .filter(operation=operation)
            .select_related("operation")
            .prefetch_related("collaborators", "protection_priorities")
        }
        return {
            "user": user,
            "operation": operation,
            "shared": shared,
            "activities": by_activity,
            "members": members,
            "existing": existing,
            "status": choice_keys(TaskStatus.choices),
            "urgency": choice_keys(Urgency.choices),
            "sensitivity": choice_keys(Sensitivity.choices),
            # New tasks' references, scope re-check, first timeline entries and history rows, a chunk at a time.
            "batch": TaskBatch(user, operation, size=WRITE_CHUNK),
        }

    def existing(self, context, values):
        self.check_operation(context, values)
        reference = values.get("reference", "").strip().upper()
        if not reference:
            return None
        task = context["existing"].get(reference)
        if task is None:
            raise ValidationError(
                _("No task %(reference)s that you may change in this operation: leave the reference empty to create "
                  "a new task.") % {"reference": reference}
            )  # fmt: skip
        return task

    def _data(self, context, values, instance) -> dict:
        data = {}
        present = set(values)

        def choose(kind, text):
            return context[kind].get(header_key(text), text)

        if "title" in present:
            data["title"] = values["title"]
        if "description" in present:
            data["description"] = values["description"]
        if "outcome" in present:
            data["outcome"] = values["outcome"]
        activity = values.get("activity_code") or values.get("activity")
        if activity or instance is None:
            data["activity"] = context["activities"].get(header_key(activity or ""), activity or "")
        for kind in ("status", "urgency", "sensitivity"):
            if values.get(kind):
                data[kind] = choose(kind, values[kind])
        owner = values.get("owner") or " ".join(
            part for part in (values.get("owner_first_name", ""), values.get("owner_last_name", "")) if part
        )
        if owner:
            found = context["members"].get(header_key(owner), set())
            data["owner"] = next(iter(found)) if len(found) == 1 else f"?{owner}"
        for name in ("start_date", "due_date"):
            if name in present:
                data[name] = values[name]
        for level in ("admin1", "admin2"):
            if level in present or f"{level}_pcode" in present:
                data[level] = place_text(values.get(level, ""), values.get(f"{level}_pcode", ""))
        return data

    def form(self, context, values, instance):
        kwargs = {"user": context["user"], "operation": context["operation"], **context["shared"]}
        data = {}
        if instance is not None:
            initial_form = TaskForm(instance=instance, **kwargs)
            data = {name: initial_form[name].value() for name in initial_form.fields}
            data = {name: ("" if value is None else value) for name, value in data.items()}
        else:
            data = {"status": TaskStatus.PLANNED, "owner": context["user"].pk, "urgency": Urgency.MEDIUM,
                    "sensitivity": Sensitivity.CONFIDENTIAL}  # fmt: skip
        data.update(self._data(context, values, instance))
        form = TaskForm(data=data, instance=instance, **kwargs)
        form.import_before = self.snapshot(instance) if instance is not None else {}
        return form

    def finish(self, context):
        context["batch"].finish()

    def cell_of(self, field_name):
        if field_name == "__all__":
            return ""
        return FIELD_COLUMNS.get(field_name, field_name)

    def snapshot(self, instance) -> dict:
        return {
            Task._meta.get_field(name).attname: getattr(instance, Task._meta.get_field(name).attname)
            for name in services.TRACKED_FIELDS
        }

    def changes(self, context, form, instance) -> list[str]:
        after = self.snapshot(form.instance)
        return [
            str(Task._meta.get_field(name).verbose_name)
            for name in services.TRACKED_FIELDS
            if after[Task._meta.get_field(name).attname] != form.import_before[Task._meta.get_field(name).attname]
        ]

    def save(self, context, form, instance):
        with context["batch"].writing():
            return self._save(context, form, instance)

    def _save(self, context, form, instance):
        user = context["user"]
        if instance is None:
            # A new task has no links to replace: none given is none read back (``or None``: nothing to set).
            return services.task_create(
                user=user,
                task=form.save(commit=False),
                collaborators=form.cleaned_data["collaborators"] or None,
                protection_priorities=form.cleaned_data["protection_priorities"] or None,
                batch=context["batch"],
            )
        return services.task_edit(
            user=user,
            task=form.save(commit=False),
            expected_version=instance.version,
            collaborators=form.cleaned_data["collaborators"],
            protection_priorities=form.cleaned_data["protection_priorities"],
        )

    def undo(self, user, record, created, before):
        if created:
            record._history_user = user
            record.delete()
            return
        for attname, value in before.items():
            field = next(f for f in Task._meta.concrete_fields if f.attname == attname)
            setattr(record, attname, field.to_python(value))
        services.task_edit(user=user, task=record, expected_version=record.version)
