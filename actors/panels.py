"""The actors and mission of a task: a panel on the task page, and the endpoints its forms post to."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import generic

from cmcoord.core.views import OperationPermission
from cmcoord.operations.access import Action
from cmcoord.operations.scoping import save_within_scope
from protection_tasks.extensions import TaskPanel, register_task_panel
from protection_tasks.models import Task
from protection_tasks.views import TaskMixin

from .forms import TaskActorForm, TaskMissionForm
from .models import TaskActor, TaskMission


@register_task_panel
def task_actors_panel(request, task):
    """Actors the task deals with and the mission it concerns, as far as the user may see them."""
    user = request.user
    can_change = Task.objects.restrict(user, Action.CHANGE).filter(pk=task.pk).exists()
    context = {
        "actor_links": TaskActor.objects.restrict(user, Action.VIEW).filter(task=task).select_related("actor"),
        "mission_link": TaskMission.objects.restrict(user, Action.VIEW)
        .filter(task=task)
        .select_related("mission")
        .first(),
        "can_change": can_change,
    }
    if can_change:
        context["actor_form"] = TaskActorForm(user=user, task=task, auto_id="id_link_%s")
        context["mission_form"] = TaskMissionForm(user=user, task=task, auto_id="id_mission_%s")
    return TaskPanel("actors/_task_panel.html", context)


class TaskLinkView(TaskMixin, generic.View):
    """POST endpoints of the panel; every change is checked against the task and the linked record."""

    operation_permission = OperationPermission.EDIT
    task_action = Action.CHANGE
    http_method_names = ["post"]

    def save(self, form, message):
        if not form.is_valid():
            messages.error(self.request, " ".join(error for errors in form.errors.values() for error in errors))
            return
        save_within_scope(self.request.user, form.instance, save=form.save)
        messages.success(self.request, message)


class TaskActorAddView(TaskLinkView):
    def post(self, request, *args, **kwargs):
        task = self.get_task()
        self.save(TaskActorForm(request.POST, user=request.user, task=task), _("Actor linked to the task."))
        return redirect(task)


class TaskActorRemoveView(TaskLinkView):
    def post(self, request, *args, **kwargs):
        task = self.get_task()
        link = get_object_or_404(TaskActor.objects.restrict(request.user, Action.CHANGE), task=task, pk=kwargs["pk"])
        link.delete()
        messages.success(request, _("Actor unlinked from the task."))
        return redirect(task)


class TaskMissionSetView(TaskLinkView):
    def post(self, request, *args, **kwargs):
        task = self.get_task()
        existing = TaskMission.objects.filter(task=task).first()
        if not request.POST.get("mission"):
            if existing:
                existing.delete()
                messages.success(request, _("Mission unlinked from the task."))
            return redirect(task)
        form = TaskMissionForm(request.POST, instance=existing, user=request.user, task=task)
        self.save(form, _("Mission linked to the task."))
        return redirect(task)
