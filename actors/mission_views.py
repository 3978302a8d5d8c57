"""Pages of the mission contexts: list, detail with phase timeline and succession chain, forms."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from cmcoord.core.views import ScopedFormMixin
from cmcoord.operations.access import Action, access_for
from cmcoord.operations.models import CountryOperation

from . import services
from .forms import ComponentForm, LiaisonOfficerForm, MissionForm, PhaseChangeForm, PlatformForm
from .models import (
    CoordinationPlatform,
    Mission,
    MissionComponent,
    MissionLiaisonOfficer,
    MissionPhaseChange,
    TaskMission,
)


def visible_operations(user):
    return CountryOperation.objects.visible_to(user).order_by("name")


class MissionListView(generic.ListView):
    template_name = "actors/mission_list.html"
    context_object_name = "missions"

    def get_queryset(self):
        return (
            Mission.objects.visible_to(self.request.user)
            .with_scoped(self.request.user, "predecessor")
            .prefetch_related(Prefetch("operations", queryset=visible_operations(self.request.user)))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_create"] = bool(access_for(self.request.user).editable_operation_ids())
        return context


class MissionMixin:
    """The mission of the URL: 404 if the user may not see it, 403 if they see it but may not change it."""

    mission_action = Action.VIEW

    def get_mission(self):
        if not hasattr(self, "_mission"):
            user = self.request.user
            self._mission = get_object_or_404(Mission.objects.visible_to(user), acronym=self.kwargs["acronym"].upper())
            if self.mission_action is not Action.VIEW and not (
                Mission.objects.restrict(user, self.mission_action).filter(pk=self._mission.pk).exists()
            ):
                raise PermissionDenied
        return self._mission


def succession_chain(mission, user) -> list[Mission]:
    """The missions before and after this one, oldest first, limited to those the user may see."""
    visible = {m.pk: m for m in Mission.objects.visible_to(user).select_related("predecessor")}
    chain, current, seen = [mission], mission, {mission.pk}
    while current.predecessor_id in visible and current.predecessor_id not in seen:
        current = visible[current.predecessor_id]
        seen.add(current.pk)
        chain.insert(0, current)
    successors = {m.predecessor_id: m for m in visible.values() if m.predecessor_id}
    current = mission
    while current.pk in successors and successors[current.pk].pk not in seen:
        current = successors[current.pk]
        seen.add(current.pk)
        chain.append(current)
    return chain


class MissionDetailView(MissionMixin, generic.DetailView):
    template_name = "actors/mission_detail.html"
    context_object_name = "mission"

    def get_object(self, queryset=None):
        return self.get_mission()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, mission = self.request.user, self.object
        context["operations"] = visible_operations(user).filter(missions=mission)
        context["phases"] = MissionPhaseChange.objects.restrict(user, Action.VIEW).filter(mission=mission)
        context["chain"] = succession_chain(mission, user)
        context["platforms"] = CoordinationPlatform.objects.restrict(user, Action.VIEW).filter(mission=mission)
        context["components"] = (
            MissionComponent.objects.restrict(user, Action.VIEW)
            .filter(mission=mission)
            .select_related("actor__operation")
        )
        context["liaison_officers"] = (
            MissionLiaisonOfficer.objects.restrict(user, Action.VIEW)
            .filter(mission=mission)
            .select_related("operation")
        )
        context["task_links"] = (
            TaskMission.objects.restrict(user, Action.VIEW)
            .filter(mission=mission)
            .select_related("task__operation")
            .order_by("task__due_date")
        )
        context["can_change"] = Mission.objects.restrict(user, Action.CHANGE).filter(pk=mission.pk).exists()
        return context


class MissionFormView(ScopedFormMixin):
    form_class = MissionForm
    template_name = "actors/form.html"

    def form_valid(self, form):
        self.object = services.mission_save(user=self.request.user, mission=form.instance, save=form.save)
        messages.success(self.request, _("Mission %(mission)s saved.") % {"mission": self.object})
        return HttpResponseRedirect(self.object.get_absolute_url())


class MissionCreateView(MissionFormView, generic.CreateView):
    heading = gettext_lazy("New mission")

    def dispatch(self, request, *args, **kwargs):
        if not access_for(request.user).editable_operation_ids():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class MissionEditView(MissionMixin, MissionFormView, generic.UpdateView):
    mission_action = Action.CHANGE
    heading = gettext_lazy("Edit mission")

    def get_object(self, queryset=None):
        return self.get_mission()


class MissionPartCreateView(MissionMixin, ScopedFormMixin, generic.CreateView):
    """Adds a phase change, platform, component or liaison officer to a mission the user may change."""

    mission_action = Action.CHANGE
    template_name = "actors/form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "mission": self.get_mission()}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "mission": self.get_mission()}

    def get_success_url(self):
        return self.get_mission().get_absolute_url()


class PhaseChangeCreateView(MissionPartCreateView):
    form_class = PhaseChangeForm
    heading = gettext_lazy("Record a phase change")

    def form_valid(self, form):
        services.mission_add_phase(user=self.request.user, change=form.instance)
        messages.success(self.request, _("Phase recorded."))
        return HttpResponseRedirect(self.get_success_url())


class PlatformCreateView(MissionPartCreateView):
    form_class = PlatformForm
    heading = gettext_lazy("New coordination platform")

    def get_success_message(self):
        return _("Coordination platform recorded.")


class ComponentCreateView(MissionPartCreateView):
    form_class = ComponentForm
    heading = gettext_lazy("Link a component")

    def get_success_message(self):
        return _("Component linked.")


class LiaisonOfficerCreateView(MissionPartCreateView):
    form_class = LiaisonOfficerForm
    heading = gettext_lazy("New humanitarian liaison officer")

    def get_success_message(self):
        return _("Liaison officer recorded.")
