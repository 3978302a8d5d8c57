"""The actors of a task: a panel on the task page, and the endpoints its forms post to."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from cmcoord.core.access import Action, can
from cmcoord.core.panels import Panel, Slot, register
from cmcoord.core.views import OperationView
from protection_tasks.selectors import task_by_reference

from .dashboard import operation_dashboard_actors  # noqa: F401 - registers the registry's dashboard panel
from .forms import TaskActorForm
from .models import TaskActor
from .selectors import group_links
from .services import task_actor_link, task_actor_unlink


@register(Slot.TASK_DETAIL)
def task_actors_panel(request, task):
    """Actors the task deals with, as far as the user may see them."""
    user = request.user
    context = {
        "actors": group_links(
            TaskActor.objects.restrict(user, Action.VIEW)
            .filter(task=task)
            .select_related("actor")
            .order_by("actor__name", "actor__pk", "role"),
            lambda link: link.actor,
        ),
        "can_change": can(user, Action.CHANGE, task),
    }
    if context["can_change"]:
        context["actor_form"] = TaskActorForm(user=user, task=task, auto_id="id_link_%s")
    return Panel("actors/_task_panel.html", context)


class TaskLinkView(OperationView):
    """POST endpoints of the panel; every change is checked against the task and the linked record."""

    operation_action = Action.CHANGE
    http_method_names = ["post"]

    def get_task(self):
        return task_by_reference(self.request.user, self.operation, self.kwargs["reference"], Action.CHANGE)

    def save(self, form, message):
        if not form.is_valid():
            messages.error(self.request, " ".join(error for errors in form.errors.values() for error in errors))
            return
        task_actor_link(user=self.request.user, form=form)
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
        task_actor_unlink(user=request.user, link=link)
        messages.success(request, _("Actor unlinked from the task."))
        return redirect(task)
