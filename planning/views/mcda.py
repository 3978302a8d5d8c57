"""Pages of MCDA requests: the operation's list, a request's page, its forms."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.views import FilterView

from cmcoord.core.views import LastPageMixin, OperationMixin, ScopedView

from .. import services
from ..filtersets import MCDARequestFilterSet
from ..forms import MCDARequestForm
from ..models import MCDARequest
from ..selectors import mcda_for_list
from .common import RecordCreateView, RecordDetailView, RecordEditView


class MCDAListView(LastPageMixin, OperationMixin, ScopedView, FilterView):
    filterset_class = MCDARequestFilterSet
    template_name = "planning/mcda_list.html"
    paginate_by = 50

    def get_queryset(self):
        return mcda_for_list(self.request.user, self.operation)

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "operation": self.operation}


class MCDADetailView(RecordDetailView):
    model = MCDARequest
    scoped_relations = ("task", "asset_actor", "asset_mission")
    template_name = "planning/mcda_detail.html"
    context_object_name = "mcda"


class MCDAFormMixin:
    model = MCDARequest
    form_class = MCDARequestForm
    section = gettext_lazy("MCDA requests")
    section_url_name = "planning:mcda-list"


class MCDACreateView(MCDAFormMixin, RecordCreateView):
    heading = gettext_lazy("New MCDA request")

    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("task"):
            initial["task_reference"] = self.request.GET["task"][:30]
        return initial

    def save_record(self, form):
        return services.mcda_create(user=self.request.user, request=form.save(commit=False))

    def get_success_message(self):
        return _("MCDA request “%(requested)s” recorded.") % {"requested": self.object.requested}


class MCDAEditView(MCDAFormMixin, RecordEditView):
    heading = gettext_lazy("Edit MCDA request")

    def save_record(self, form):
        return services.mcda_edit(
            user=self.request.user, request=form.save(commit=False), expected_version=form.cleaned_data["version"]
        )

    def get_success_message(self):
        return _("MCDA request “%(requested)s” saved.") % {"requested": self.object.requested}
