"""Pages of access incidents: the operation's list with its filters, an incident's page, its forms."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views import generic
from django_filters.views import FilterView

from cmcoord.core.access import Action, can
from cmcoord.core.counts import sees_everything_counted
from cmcoord.core.versioning import VersionedEditMixin
from cmcoord.core.views import LastPageMixin, OperationFormMixin, OperationMixin, ScopedView
from missions.models import Mission
from protection_tasks.models import Task

from .. import services
from ..filtersets import IncidentFilterSet
from ..forms import IncidentForm
from ..models import AccessIncident
from ..selectors import incident_total, incidents_for_list


class IncidentListView(LastPageMixin, OperationMixin, ScopedView, FilterView):
    """The operation's access incidents the user may open, newest first, and how many others are restricted."""

    filterset_class = IncidentFilterSet
    template_name = "incidents/incident_list.html"
    paginate_by = 50

    def get_queryset(self):
        return incidents_for_list(self.request.user, self.operation)

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "operation": self.operation}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not sees_everything_counted(AccessIncident, self.request.user):
            context["summary"] = incident_total(self.request.user, self.operation)
        return context


class IncidentMixin(OperationMixin, ScopedView):
    """The incident named by the URL, in the URL's operation, within the user's scope (404 otherwise)."""

    incident_action = Action.VIEW

    def get_object(self, queryset=None):
        return get_object_or_404(
            AccessIncident.objects.restrict(self.request.user, self.incident_action)
            .select_related("operation")
            .with_scoped(self.request.user, "actor"),
            operation=self.operation,
            pk=self.kwargs["pk"],
        )


class IncidentDetailView(IncidentMixin, generic.DetailView):
    template_name = "incidents/incident_detail.html"
    context_object_name = "incident"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, incident = self.request.user, self.object
        context["can_change"] = can(user, Action.CHANGE, incident)
        context["tasks"] = Task.objects.restrict(user, Action.VIEW).filter(access_incidents=incident)
        context["mission"] = (
            Mission.objects.visible_to(user).filter(pk=incident.mission_id).first() if incident.mission_id else None
        )
        return context


class IncidentFormMixin(VersionedEditMixin, OperationFormMixin):
    form_class = IncidentForm
    template_name = "incidents/incident_form.html"
    operation_action = Action.CHANGE


class IncidentCreateView(OperationMixin, IncidentFormMixin, ScopedView, generic.CreateView):
    def save_record(self, form):
        return services.incident_create(
            user=self.request.user, incident=form.save(commit=False), tasks=form.cleaned_data["tasks"]
        )

    def get_success_message(self):
        return _("Access incident recorded.")


class IncidentEditView(IncidentMixin, IncidentFormMixin, generic.UpdateView):
    incident_action = Action.CHANGE
    context_object_name = "incident"

    def save_record(self, form):
        return services.incident_edit(
            user=self.request.user,
            incident=form.save(commit=False),
            expected_version=form.cleaned_data["version"],
            tasks=form.cleaned_data["tasks"],
        )

    def get_success_message(self):
        return _("Access incident saved.")
