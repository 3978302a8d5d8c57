"""Pages of the task log: lists, detail with timeline, create/edit, status changes, catalogue, priorities."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from django_filters.views import FilterView

from cmcoord.core.views import OperationMixin, OperationPermission, ScopedFormMixin
from cmcoord.operations.access import Action
from cmcoord.operations.models import CountryOperation

from . import services
from .choices import TRANSITION_LABELS, TaskStatus
from .extensions import task_panels
from .filtersets import TaskFilterSet
from .forms import LocalActivityForm, ProtectionPriorityForm, TaskForm, TaskNoteForm
from .models import ProtectionPriority, Task, TaskArea, TaskUpdate
from .recurrence import describe
from .selectors import activities_for_operation, area_counts, status_counts, tasks_for_list, tasks_of_user

TASK_COLUMNS = [
    ("reference", gettext_lazy("Reference")),
    ("title", gettext_lazy("Title")),
    ("status", gettext_lazy("Status")),
    ("priority", gettext_lazy("Priority")),
    ("owner", gettext_lazy("Owner")),
    ("due", gettext_lazy("Due")),
]


class TaskListView(OperationMixin, FilterView):
    """The operation's task log with filters, sortable columns, pagination and counts per area and status."""

    filterset_class = TaskFilterSet
    template_name = "protection_tasks/task_list.html"
    paginate_by = 50

    def get_queryset(self):
        return tasks_for_list(self.request.user, self.operation)

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "operation": self.operation}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filtered = self.object_list
        context["status_counts"] = [(TaskStatus(s).label, s, n) for s, n in status_counts(filtered).items()]
        context["area_counts"] = area_counts(filtered)
        context["total"] = context["paginator"].count if context.get("paginator") else len(filtered)
        context["sort"] = self.request.GET.get("sort", "")
        context["task_columns"] = TASK_COLUMNS
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_without_page"] = query.urlencode()
        query.pop("sort", None)
        context["query_without_sort"] = query.urlencode()
        return context


class MyTasksView(generic.ListView):
    """Tasks assigned to me or that I collaborate on, across my operations, overdue first."""

    template_name = "protection_tasks/my_tasks.html"
    paginate_by = 50

    def get_queryset(self):
        self.operations = list(CountryOperation.objects.visible_to(self.request.user))
        return tasks_of_user(self.request.user, self.operations)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["task_columns"] = [*TASK_COLUMNS, ("operation", gettext_lazy("Operation"))]
        return context


class TaskMixin(OperationMixin):
    """The task named by the URL's reference, in the URL's operation, within the user's scope (404 otherwise)."""

    task_action = Action.VIEW

    def get_task(self):
        return get_object_or_404(
            Task.objects.restrict(self.request.user, self.task_action)
            .select_related("activity__area", "owner", "assigned_by", "operation")
            .with_scoped(self.request.user, "series"),
            operation=self.operation,
            reference=self.kwargs["reference"],
        )


class TaskDetailView(TaskMixin, generic.DetailView):
    template_name = "protection_tasks/task_detail.html"
    context_object_name = "task"

    def get_object(self, queryset=None):
        return self.get_task()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        task = self.object
        can_change = Task.objects.restrict(self.request.user, Action.CHANGE).filter(pk=task.pk).exists()
        context["can_change"] = can_change
        context["timeline"] = (
            TaskUpdate.objects.restrict(self.request.user, Action.VIEW).filter(task=task).select_related("author")
        )
        context["collaborators"] = task.collaborators.all()
        context["priorities"] = task.protection_priorities.all()
        context["recurrence_text"] = describe(task.recurrence_rule)
        context["panels"] = task_panels(self.request, task)
        context["occurrences"] = Task.objects.restrict(self.request.user, Action.VIEW).filter(series=task)[:10]
        if can_change:
            context["note_form"] = TaskNoteForm()
            context["transitions"] = [
                (status, TRANSITION_LABELS[status]) for status in services.allowed_statuses(task.status)
            ]
        return context


class TaskNoteView(TaskMixin, generic.View):
    """Add a progress note (POST only). A blank note is refused with a message; there is nothing to lose."""

    operation_permission = OperationPermission.EDIT
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


class TaskStatusView(TaskMixin, generic.View):
    """A quick status button: moves the task along the workflow if nobody changed it meanwhile."""

    operation_permission = OperationPermission.EDIT
    task_action = Action.CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        task = self.get_task()
        try:
            version = int(request.POST.get("version", ""))
            task = services.task_change_status(
                user=request.user, task=task, new_status=request.POST.get("status", ""), expected_version=version
            )
        except ValueError:
            messages.error(request, _("The page was out of date; please try again."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except services.ConcurrentEdit as conflict:
            messages.error(
                request,
                _("Someone else changed this task since you opened it (%(who)s). Review it and try again.")
                % {"who": ", ".join(conflict.editors) or _("another user")},
            )
        else:
            messages.success(request, _("Status changed to %(status)s.") % {"status": task.get_status_display()})
        return redirect(task)


class TaskFormMixin:
    form_class = TaskForm
    template_name = "protection_tasks/task_form.html"
    operation_permission = OperationPermission.EDIT

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        kwargs["operation"] = self.operation
        return kwargs


class TaskCreateView(TaskFormMixin, OperationMixin, generic.CreateView):
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
            task = services.task_create(
                user=self.request.user, task=form.save(commit=False), save_m2m=lambda: form.save_m2m()
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Task %(reference)s created.") % {"reference": task.reference})
        return HttpResponseRedirect(task.get_absolute_url())


class TaskEditView(TaskFormMixin, TaskMixin, generic.UpdateView):
    task_action = Action.CHANGE
    context_object_name = "task"

    def get_object(self, queryset=None):
        return self.get_task()

    def form_valid(self, form):
        try:
            task = services.task_update(
                user=self.request.user,
                task=form.save(commit=False),
                expected_version=form.cleaned_data["version"],
                save_m2m=lambda: form.save_m2m(),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        except services.ConcurrentEdit as conflict:
            return self.conflict(form, conflict)
        messages.success(self.request, _("Task %(reference)s saved.") % {"reference": task.reference})
        return HttpResponseRedirect(task.get_absolute_url())

    def conflict(self, form, conflict):
        """Keep the user's input, show what changed meanwhile, and let the next save go through knowingly."""
        data = self.request.POST.copy()
        data["version"] = conflict.current.version
        fresh = self.form_class(data, instance=self.get_task(), user=self.request.user, operation=self.operation)
        fresh.is_valid()
        fresh.add_error(
            None,
            _("%(who)s saved this task while you were editing it. Your changes are not saved yet: they are kept "
              "below. Review what changed, then save again.") % {"who": ", ".join(conflict.editors) or _("Someone")},
        )  # fmt: skip
        return self.render_to_response(self.get_context_data(form=fresh, conflict=conflict), status=409)


class CatalogueView(OperationMixin, generic.TemplateView):
    """The catalogue by area, with how many of the operation's tasks use each activity."""

    template_name = "protection_tasks/catalogue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counted = Task.objects.restrict(self.request.user, Action.COUNT).filter(operation=self.operation)
        counts = dict(counted.order_by().values_list("activity").annotate(n=Count("pk")))
        activities = list(activities_for_operation(self.operation))
        for activity in activities:
            activity.task_count = counts.get(activity.pk, 0)
        areas = list(TaskArea.objects.all())
        for area in areas:
            area.catalogue = [a for a in activities if a.area_id == area.pk]
        context["areas"] = areas
        return context


class LocalActivityCreateView(ScopedFormMixin, OperationMixin, generic.CreateView):
    operation_permission = OperationPermission.MANAGE
    form_class = LocalActivityForm
    template_name = "protection_tasks/simple_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "operation": self.operation}

    def get_success_message(self):
        return _("Activity %(code)s added to the catalogue of %(operation)s.") % {
            "code": self.object.code,
            "operation": self.operation,
        }

    def get_success_url(self):
        return self.operation.get_absolute_url() + "catalogue/"


class PriorityListView(OperationMixin, generic.TemplateView):
    """Protection priorities with the tasks behind each (that the user may see) and the share completed.

    The share counts every task of the priority, restricted ones included: counts are allowed to everyone in
    the operation, titles are not.
    """

    template_name = "protection_tasks/priority_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        counted = Task.objects.restrict(user, Action.COUNT).exclude(status=TaskStatus.CANCELLED)
        visible = (
            Task.objects.restrict(user, Action.VIEW)
            .select_related("owner", "activity", "operation")
            .order_by("due_date")
        )
        priorities = (
            ProtectionPriority.objects.visible_to(user)
            .filter(operation=self.operation)
            .annotate(
                task_total=Count("tasks", filter=Q(tasks__in=counted), distinct=True),
                task_done=Count(
                    "tasks", filter=Q(tasks__in=counted.filter(status=TaskStatus.COMPLETED)), distinct=True
                ),
            )
            .prefetch_related(Prefetch("tasks", queryset=visible, to_attr="visible_tasks"))
        )
        for priority in priorities:
            priority.share = round(100 * priority.task_done / priority.task_total) if priority.task_total else 0
            priority.hidden_count = priority.task_total - len(
                [t for t in priority.visible_tasks if t.status != TaskStatus.CANCELLED]
            )
        context["priorities"] = priorities
        return context


class PriorityFormMixin(ScopedFormMixin):
    operation_permission = OperationPermission.MANAGE
    form_class = ProtectionPriorityForm
    template_name = "protection_tasks/simple_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "operation": self.operation}

    def get_success_message(self):
        return _("Protection priority saved.")

    def get_success_url(self):
        return self.operation.get_absolute_url() + "priorities/"


class PriorityCreateView(PriorityFormMixin, OperationMixin, generic.CreateView):
    pass


class PriorityEditView(PriorityFormMixin, OperationMixin, generic.UpdateView):
    def get_object(self, queryset=None):
        return get_object_or_404(
            ProtectionPriority.objects.restrict(self.request.user, Action.CHANGE),
            operation=self.operation,
            pk=self.kwargs["pk"],
        )
