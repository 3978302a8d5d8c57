"""Pages of the task log: the operation's list, my tasks, a task's page with its timeline, its forms."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from django_filters.views import FilterView

from cmcoord.core.access import Action, access_for, can
from cmcoord.core.counts import sees_everything_counted
from cmcoord.core.inputs import ascii_integer
from cmcoord.core.openings import note_openings
from cmcoord.core.panels import Slot, panels
from cmcoord.core.versioning import VersionedEditMixin
from cmcoord.core.views import (
    CountedPaginator,
    LastPageMixin,
    OperationMixin,
    OperationView,
    PartsPaginator,
    ScopedView,
)
from cmcoord.operations.models import CountryOperation
from cmcoord.records import outbox

from .. import services
from ..choices import OPEN_STATUSES, TaskStatus, transition_label
from ..filtersets import TaskFilterSet
from ..forms import TaskForm, TaskNoteForm, TaskOutcomeForm
from ..models import Task, TimelineEntry
from ..recurrence import describe
from ..selectors import (
    activities_for_operation,
    parts_of_worklist,
    task_by_reference,
    task_counts,
    task_summary,
    tasks_for_list,
    tasks_of_user,
    worklist,
)

TASK_COLUMNS = [
    ("reference", gettext_lazy("Reference")),
    ("title", gettext_lazy("Title")),
    ("status", gettext_lazy("Status")),
    ("urgency", gettext_lazy("Urgency")),
    ("owner", gettext_lazy("Owner")),
    ("due", gettext_lazy("Due")),
    ("sensitivity", gettext_lazy("Sensitivity")),
]


class TaskListView(LastPageMixin, OperationMixin, ScopedView, FilterView):
    """The operation's task log with filters, sortable columns, pagination and counts per area and status."""

    filterset_class = TaskFilterSet
    template_name = "protection_tasks/task_list.html"
    paginate_by = 50

    def get_queryset(self):
        return tasks_for_list(self.request.user, self.operation)

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "operation": self.operation}

    def get_paginator(self, queryset, per_page, **kwargs):
        # One grouped query gives the total, the status counts and the area counts; the paginator reuses the total.
        self.counts = task_counts(queryset)
        return CountedPaginator(queryset, per_page, count=self.counts.total, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = self.counts
        context["status_counts"] = [(TaskStatus(s).label, s, n) for s, n in counts.by_status.items()]
        context["area_counts"] = counts.by_area
        context["total"] = counts.total
        context["sort"] = self.request.GET.get("sort", "")
        context["task_columns"] = TASK_COLUMNS
        if not sees_everything_counted(Task, self.request.user):
            # The list shows what the reader may open; the operation may hold more, which the page then says.
            context["summary"] = task_summary(self.request.user, self.operation)
        return context


class MyTasksView(LastPageMixin, ScopedView, FilterView):
    """My daily worklist: tasks I own or collaborate on across my operations, with the task list's filters and
    sorting. Open tasks first, overdue first, then by due date; completed and cancelled tasks stay out of the way
    until the status filter asks for them. Someone with no task (an HQ reader, an HCT member) is shown the task
    lists they can read instead of an empty table."""

    filterset_class = TaskFilterSet
    template_name = "protection_tasks/my_tasks.html"
    paginate_by = 50

    def get_queryset(self):
        self.operations = list(CountryOperation.objects.visible_to(self.request.user))
        return tasks_of_user(self.request.user, self.operations)

    def get(self, request, *args, **kwargs):
        """As ``FilterView.get``, without filtering the whole set (``filterset.qs``): nothing reads it, and on
        PostgreSQL a text search would ask the text index once more. The paginator filters each part."""
        self.filterset = self.get_filterset(self.get_filterset_class())
        self.object_list = self.filterset.queryset
        return self.render_to_response(self.get_context_data(filter=self.filterset, object_list=self.object_list))

    def get_paginator(self, queryset, per_page, **kwargs):
        """A page read part by part: what I own from the owner's index, what I collaborate on from the
        collaborators', each filtered and sorted as the list is; never the whole of what one person owns."""
        user, rows = self.request.user, worklist(self.request.user, self.operations)
        parts = []
        if self.filterset.is_valid():  # values the filters refuse list nothing, as elsewhere
            parts = [self.filterset.filter_queryset(part) for part in parts_of_worklist(user, rows)]
        return PartsPaginator(rows, per_page, parts=parts, **kwargs)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        data = self.request.GET.copy()
        if not data.getlist("status"):
            data.setlist("status", list(OPEN_STATUSES))  # the work still to do, unless asked otherwise
        return {**kwargs, "data": data, "operation_choices": self.operations}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statuses = self.filterset.form.data.getlist("status")
        context["task_columns"] = [*TASK_COLUMNS, ("operation", gettext_lazy("Operation"))]
        context["sort"] = self.request.GET.get("sort", "")
        context["total"] = context["paginator"].count
        context["showing_completed"] = TaskStatus.COMPLETED in statuses
        context["with_completed"] = [*OPEN_STATUSES, TaskStatus.COMPLETED]
        context["has_tasks"] = bool(context["total"]) or self.filterset.queryset.exists()
        # What other apps add to the worklist (e.g. notifications awaiting a party's answer), for every reader.
        context["panels"] = panels(Slot.MY_TASKS, self.request, self.operations)
        # An HQ reader's way to every task they may export, across their operations (as on the HQ dashboard).
        context["offers_all_tasks"] = access_for(self.request.user).is_hq  # the access already read: no query
        if not context["has_tasks"]:
            # Links only: counting what an HQ reader may read would scan the tasks of every operation.
            context["readable_lists"] = self.operations
        return context


class TaskMixin(OperationView):
    """The task named by the URL's reference, in the URL's operation, within the user's scope (404 otherwise)."""

    task_action = Action.VIEW

    def get_task(self):
        return task_by_reference(self.request.user, self.operation, self.kwargs["reference"], self.task_action)


class TaskDetailView(TaskMixin, generic.DetailView):
    template_name = "protection_tasks/task_detail.html"
    context_object_name = "task"

    def get_object(self, queryset=None):
        return self.get_task()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        task = self.object
        can_change = can(self.request.user, Action.CHANGE, task)
        context["can_change"] = can_change
        context["timeline"] = (
            TimelineEntry.objects.restrict(self.request.user, Action.VIEW).filter(task=task).select_related("author")
        )
        context["collaborators"] = task.collaborators.all()
        context["priorities"] = task.protection_priorities.all()
        context["recurrence_text"] = describe(task.recurrence_rule)
        context["panels"] = panels(Slot.TASK_DETAIL, self.request, task)
        context["occurrences"] = Task.objects.restrict(self.request.user, Action.VIEW).filter(series=task)[:10]
        note_openings(self.request.user, [task])
        if can_change:
            context["conflict_changes"] = self.changes_since_seen(task)
            context["note_form"] = TaskNoteForm()
            context["note_outbox"] = outbox.target("task-notes", reference=task.reference)
            context["status_outbox"] = outbox.target("task-status", versioned=True, reference=task.reference)
            context["transitions"] = [
                (status, transition_label(task.status, status)) for status in services.allowed_statuses(task.status)
            ]
        return context

    def changes_since_seen(self, task) -> list:
        """After a refused status change (``?changed_since=<version>``): what others changed since that version,
        as the edit form lists it. Shown only to who may change the task, who may read all of its fields."""
        version = ascii_integer(self.request.GET.get("changed_since", ""))
        if version is None or not 0 < version < task.version:
            return []
        return services.changes_since(task, version, services.TRACKED_FIELDS)[0]


class TaskNoteView(TaskMixin):
    """Add a progress note (POST only). A blank note is refused with a message; there is nothing to lose."""

    operation_action = Action.CHANGE
    task_action = Action.CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        task = self.get_task()
        form = TaskNoteForm(request.POST)
        if form.is_valid():
            services.task_add_note(user=request.user, task=task, text=form.cleaned_data["text"])
            messages.success(request, _("Progress note added."))
        else:
            messages.error(request, " ".join(form.errors["text"]))
        return redirect(task)


class TaskStatusView(TaskMixin):
    """A quick status button: moves the task along the workflow if nobody changed it meanwhile."""

    operation_action = Action.CHANGE
    task_action = Action.CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        task = self.get_task()
        try:
            version = ascii_integer(request.POST.get("version", ""))
            if version is None:
                raise ValueError("version")
            task = services.task_change_status(
                user=request.user,
                task=task,
                new_status=request.POST.get("status", ""),
                expected_version=version,
                outcome=self.outcome(request),  # "Complete…" offers the outcome with its confirmation
            )
        except ValueError:
            messages.error(request, _("The page was out of date; please try again."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except services.ConcurrentEdit as conflict:
            messages.error(
                request,
                _("%(who)s changed this task since you opened it, so it was not moved to “%(status)s”. "
                  "See what changed below, then try again if it still applies.")
                % {"who": ", ".join(conflict.editors) or _("Someone else"), "status": _status_label(request)},
            )  # fmt: skip
            return redirect(f"{conflict.current.get_absolute_url()}?{urlencode({'changed_since': version})}")
        else:
            messages.success(request, _("Status changed to %(status)s.") % {"status": task.get_status_display()})
        return redirect(task)

    @staticmethod
    def outcome(request) -> str | None:
        """The outcome posted with "Complete…" (None where none was: the stored one stays)."""
        if "outcome" not in request.POST:
            return None
        form = TaskOutcomeForm(request.POST)
        if not form.is_valid():
            raise ValidationError(form.errors["outcome"])
        return form.cleaned_data["outcome"]


def _status_label(request) -> str:
    wanted = request.POST.get("status", "")
    return TaskStatus(wanted).label if wanted in TaskStatus.values else wanted


class TaskFormMixin:
    form_class = TaskForm
    template_name = "protection_tasks/task_form.html"
    operation_action = Action.CHANGE

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        kwargs["operation"] = self.operation
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        task = getattr(self, "object", None)
        if task is None:  # where the form goes in the API when it is submitted offline (cmcoord/records/outbox.py)
            context["outbox"] = outbox.target("task-list", extra={"operation": self.operation.code})
        else:
            context["outbox"] = outbox.target("task-detail", method="PATCH", reference=task.reference)
        return context


class TaskCreateView(OperationMixin, TaskFormMixin, ScopedView, generic.CreateView):
    def get_initial(self):
        initial = {"owner": self.request.user.pk, "status": TaskStatus.PLANNED}
        code = self.request.GET.get("activity")
        if code:
            activity = activities_for_operation(self.operation).filter(code=code).first()
            if activity:
                initial["activity"] = activity.pk
        return initial

    def form_valid(self, form):
        try:
            task = services.task_create_from_form(user=self.request.user, form=form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Task %(reference)s created.") % {"reference": task.reference})
        return HttpResponseRedirect(task.get_absolute_url())


class TaskEditView(VersionedEditMixin, TaskMixin, TaskFormMixin, generic.UpdateView):
    """Saved only if nobody saved the task since the form was opened; else 409 with the user's input merged with
    what was saved meanwhile (:class:`cmcoord.core.versioning.VersionedEditMixin`)."""

    task_action = Action.CHANGE
    context_object_name = "task"

    def get_object(self, queryset=None):
        return self.get_task()

    def save_record(self, form):
        return services.task_edit_from_form(user=self.request.user, form=form)

    def merged_fields(self) -> list[str]:
        return services.TRACKED_FIELDS

    def get_success_message(self):
        return _("Task %(reference)s saved.") % {"reference": self.object.reference}
