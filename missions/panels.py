"""What mission contexts add to other apps' pages: the mission of a task, the missions an actor is part of, the
operations by peace-operation phase on the HQ dashboard."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from cmcoord.core.access import Action, can
from cmcoord.core.panels import Panel, Slot, register
from cmcoord.core.views import OperationView
from protection_tasks.selectors import task_by_reference

from .dashboard import operation_dashboard_missions  # noqa: F401 - registers the missions' dashboard panel
from .forms import TaskMissionForm
from .models import MissionComponent, TaskMission
from .selectors import operations_by_phase
from .services import task_mission_link, task_mission_unlink


@register(Slot.TASK_DETAIL)
def task_mission_panel(request, task):
    """The mission the task concerns, as far as the user may see it, and the form to set it."""
    user = request.user
    context = {
        "mission_link": TaskMission.objects.restrict(user, Action.VIEW)
        .filter(task=task)
        .select_related("mission")
        .first(),
        "can_change": can(user, Action.CHANGE, task),
    }
    if context["can_change"]:
        context["mission_form"] = TaskMissionForm(user=user, task=task, auto_id="id_mission_%s")
    return Panel("missions/_task_panel.html", context)


@register(Slot.ACTOR_DETAIL)
def actor_missions_panel(request, actor):
    """Missions the actor is a component of, among those still covering the actor's operation."""
    components = list(
        MissionComponent.objects.restrict(request.user, Action.VIEW)
        .filter(actor=actor, mission__operations=actor.operation_id)
        .select_related("mission")
    )
    return Panel("missions/_actor_panel.html", {"components": components}) if components else None


@register(Slot.HQ_DASHBOARD)
def crosscountry_phases(request, scope):
    """The operations of the HQ dashboard by the phase of their peace operation, with the missions named."""
    return Panel("missions/_hq_phases.html", {"groups": operations_by_phase(request.user, scope.operations)})


class TaskMissionSetView(OperationView):
    """Sets or clears the mission of a task (POST only); both the task and the mission are checked."""

    operation_action = Action.CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        task = task_by_reference(request.user, self.operation, kwargs["reference"], Action.CHANGE)
        if not request.POST.get("mission"):
            if task_mission_unlink(user=request.user, task=task):
                messages.success(request, _("Mission unlinked from the task."))
            return redirect(task)
        existing = TaskMission.objects.restrict(request.user, Action.CHANGE).filter(task=task).first()
        form = TaskMissionForm(request.POST, instance=existing, user=request.user, task=task)
        if form.is_valid():
            task_mission_link(user=request.user, form=form)
            messages.success(request, _("Mission linked to the task."))
        else:
            messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
        return redirect(task)
