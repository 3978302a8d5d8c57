"""The operation set-up checklist: its page, an item's form and the quick status change."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import generic

from cmcoord.core.access import Action, can
from cmcoord.core.versioning import VersionedEditMixin
from cmcoord.core.views import OperationFormMixin, OperationMixin, OperationPageView, ScopedView

from .. import services
from ..choices import ItemStatus
from ..forms import ChecklistItemForm, ChecklistStatusForm
from ..keypoints import key_points
from ..models import ChecklistItem
from ..selectors import checklist_items, checklist_progress


class ChecklistView(OperationPageView):
    """The key points of the field guide for a new operation, as this operation works through them.

    The first visit of someone who may change the operation's records copies the shipped key points into the
    operation (``services.checklist_copy``; idempotent, and a no-op once every point is there). Readers never
    write: before that first visit they see the shipped points, not started.
    """

    template_name = "planning/checklist.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        if can(user, Action.CHANGE, self.operation):
            services.checklist_copy(self.operation)
        context = super().get_context_data(**kwargs)
        context["items"] = list(checklist_items(user, self.operation))
        context["progress"] = checklist_progress(user, self.operation)
        context["status_choices"] = ItemStatus.choices
        if not context["progress"].started:
            context["shipped"] = key_points()
        context["can_change"] = can(user, Action.CHANGE, self.operation)
        return context


class ChecklistItemMixin(OperationMixin, ScopedView):
    """The item named by the URL, in the URL's operation, if the user may change it (404 otherwise, so that the
    answer does not tell a reader it exists). Read afresh at each call: after a refused edit, the item as stored."""

    operation_action = Action.CHANGE

    def get_item(self):
        queryset = ChecklistItem.objects.restrict(self.request.user, Action.CHANGE).select_related("operation")
        return get_object_or_404(queryset, operation=self.operation, pk=self.kwargs["pk"])


class ChecklistItemEditView(ChecklistItemMixin, VersionedEditMixin, OperationFormMixin, generic.UpdateView):
    """An item's status, owner, notes and level, refused if someone saved the item since the form was opened."""

    form_class = ChecklistItemForm
    template_name = "planning/checklist_item_form.html"
    context_object_name = "item"

    def get_object(self, queryset=None):
        return self.get_item()

    def save_record(self, form):
        return services.checklist_item_edit(
            user=self.request.user, item=form.save(commit=False), expected_version=form.cleaned_data["version"]
        )

    def get_success_message(self):
        return _("Key point %(code)s saved.") % {"code": self.object.code}


class ChecklistItemStatusView(ChecklistItemMixin):
    """The quick status change of one item (POST only), refused if someone saved the item meanwhile."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        item = self.get_item()
        form = ChecklistStatusForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose one of the statuses offered; nothing was saved."))
            return redirect(item.get_absolute_url())
        item.status = form.cleaned_data["status"]
        try:
            services.checklist_item_edit(user=request.user, item=item, expected_version=form.cleaned_data["version"])
        except services.ConcurrentEdit as conflict:
            messages.error(
                request,
                _("%(who)s changed key point %(code)s since you opened the checklist, so your change was not saved. "
                  "It now reads “%(status)s”; try again if yours still applies.")
                % {"who": ", ".join(conflict.editors) or _("Someone else"), "code": item.code,
                   "status": conflict.current.get_status_display()},
            )  # fmt: skip
        else:
            messages.success(
                request,
                _("Key point %(code)s: %(status)s.") % {"code": item.code, "status": item.get_status_display()},
            )
        return redirect(item.get_absolute_url())
