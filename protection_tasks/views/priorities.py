"""The HCT's protection priorities of an operation, with the tasks behind each."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from cmcoord.core.access import Action
from cmcoord.core.views import (
    OperationCreateView,
    OperationPageView,
    OperationUpdateView,
)

from ..forms import ProtectionPriorityForm
from ..models import ProtectionPriority
from ..selectors import priority_progress


class PriorityListView(OperationPageView):
    """Protection priorities with the tasks behind each (that the user may see) and the share completed.

    The share counts every task of the priority, restricted ones included: counts are allowed to everyone in
    the operation, titles are not.
    """

    template_name = "protection_tasks/priority_list.html"
    shown = 5  # tasks listed under each priority; the rest are one link away, in the filtered task list

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["priorities"] = priority_progress(self.request.user, self.operation, shown=self.shown)
        context["shown"] = self.shown
        return context


class PriorityFormMixin:
    operation_action = Action.MANAGE
    form_class = ProtectionPriorityForm
    template_name = "protection_tasks/simple_form.html"

    def get_success_message(self):
        return _("Protection priority saved.")

    def get_success_url(self):
        return self.operation.get_absolute_url() + "priorities/"


class PriorityCreateView(PriorityFormMixin, OperationCreateView):
    pass


class PriorityEditView(PriorityFormMixin, OperationUpdateView):
    def get_object(self, queryset=None):
        return get_object_or_404(
            ProtectionPriority.objects.restrict(self.request.user, Action.CHANGE),
            operation=self.operation,
            pk=self.kwargs["pk"],
        )
