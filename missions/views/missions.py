"""Pages of mission contexts: list, detail with phase timeline and succession chain, forms."""

from __future__ import annotations

from copy import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import F, Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from cmcoord.core.access import Action, can
from cmcoord.core.views import ScopedFormMixin, ScopedView

from .. import services
from ..forms import MissionForm
from ..models import (
    CoordinationPlatform,
    Mission,
    MissionComponent,
    MissionLiaisonOfficer,
    MissionPhaseChange,
    TaskMission,
)
from ..selectors import may_record_missions, succession_chain, visible_operations


class MissionListView(ScopedView, generic.ListView):
    template_name = "missions/mission_list.html"
    context_object_name = "missions"

    def get_queryset(self):
        return (
            Mission.objects.visible_to(self.request.user)
            .with_scoped(self.request.user, "predecessor")
            .prefetch_related(Prefetch("operations", queryset=visible_operations(self.request.user)))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_create"] = may_record_missions(self.request.user)
        return context


class MissionMixin(ScopedView):
    """The mission of the URL: 404 if the user may not see it, 403 if they see it but may not change it."""

    mission_action = Action.VIEW

    def get_mission(self):
        if not hasattr(self, "_mission"):
            user = self.request.user
            self._mission = get_object_or_404(Mission.objects.visible_to(user), acronym=self.kwargs["acronym"].upper())
            if not can(user, self.mission_action, self._mission):
                raise PermissionDenied
        return self._mission


class MissionDetailView(MissionMixin, generic.DetailView):
    tasks_shown = 20
    template_name = "missions/mission_detail.html"
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
        links = TaskMission.objects.restrict(user, Action.VIEW).filter(mission=mission)
        # A mission may concern thousands of tasks: the page lists the next ones due and says how many there are.
        context["task_links"] = list(
            links.select_related("task__operation").order_by(F("task__due_date").asc(nulls_last=True), "task_id")[
                : self.tasks_shown
            ]
        )
        context["task_link_count"] = (
            len(context["task_links"]) if len(context["task_links"]) < self.tasks_shown else links.count()
        )
        context["can_change"] = can(user, Action.CHANGE, mission)
        return context


class MissionFormView(ScopedFormMixin):
    form_class = MissionForm
    template_name = "actors/form.html"

    def form_valid(self, form):
        self.object = services.mission_save(
            user=self.request.user, mission=form.save(commit=False), operations=form.cleaned_data["operations"]
        )
        messages.success(self.request, _("Mission %(mission)s saved.") % {"mission": self.object})
        return HttpResponseRedirect(self.object.get_absolute_url())


class MissionCreateView(MissionFormView, ScopedView, generic.CreateView):
    heading = gettext_lazy("New mission")

    def dispatch(self, request, *args, **kwargs):
        if not may_record_missions(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class MissionEditView(MissionMixin, MissionFormView, generic.UpdateView):
    mission_action = Action.CHANGE
    heading = gettext_lazy("Edit mission")

    def get_object(self, queryset=None):
        return self.get_mission()

    def get_form_kwargs(self):
        # The form edits a copy: a refused acronym (an invalid one) must not reach the page's links to the
        # mission, which are built from the stored one.
        return {**super().get_form_kwargs(), "instance": copy(self.object)}
