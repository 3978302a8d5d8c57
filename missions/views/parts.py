"""Forms that add a phase change, platform, component or liaison officer to a mission."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from cmcoord.core.access import Action
from cmcoord.core.views import ScopedFormMixin

from .. import services
from ..forms import ComponentForm, LiaisonOfficerForm, PhaseChangeForm, PlatformForm
from .missions import MissionMixin


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
