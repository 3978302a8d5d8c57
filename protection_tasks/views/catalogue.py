"""The Guidance Note catalogue of an operation, with the number of tasks using each activity."""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext as _

from cmcoord.core.access import Action
from cmcoord.core.views import (
    OperationCreateView,
    OperationPageView,
)

from ..forms import LocalActivityForm
from ..models import Task, TaskArea
from ..selectors import activities_for_operation


class CatalogueView(OperationPageView):
    """The catalogue by area, with how many of the operation's tasks use each activity."""

    template_name = "protection_tasks/catalogue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counted = Task.objects.restrict(self.request.user, Action.COUNT).filter(operation=self.operation)
        counts = dict(counted.order_by().values_list("activity").annotate(n=Count("*")))
        activities = list(activities_for_operation(self.operation))
        for activity in activities:
            activity.task_count = counts.get(activity.pk, 0)
        areas = list(TaskArea.objects.all())
        for area in areas:
            area.catalogue = [a for a in activities if a.area_id == area.pk]
        context["areas"] = areas
        return context


class LocalActivityCreateView(OperationCreateView):
    operation_action = Action.MANAGE
    form_class = LocalActivityForm
    template_name = "protection_tasks/simple_form.html"

    def get_success_message(self):
        return _("Activity %(code)s added to the catalogue of %(operation)s.") % {
            "code": self.object.code,
            "operation": self.operation,
        }

    def get_success_url(self):
        return self.operation.get_absolute_url() + "catalogue/"
