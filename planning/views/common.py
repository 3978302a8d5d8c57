"""What the pages of planning and preparedness share: the record of the URL, and create and edit forms that save
through the app's services and refuse a lost update (:class:`cmcoord.core.versioning.VersionedEditMixin`)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views import generic

from cmcoord.core.access import Action, can
from cmcoord.core.versioning import VersionedEditMixin
from cmcoord.core.views import OperationFormMixin, OperationMixin, ScopedView


class RecordMixin(OperationMixin, ScopedView):
    """The record named by the URL's ``pk``, in the URL's operation, within the user's scope for ``record_action``
    (404 otherwise, so that the answer does not tell a reader the record exists)."""

    model = None
    record_action = Action.VIEW
    scoped_relations: tuple[str, ...] = ()  # foreign keys to restricted records: loaded only where visible

    def get_record(self):
        """Read afresh at each call: after a refused edit, the record as stored, not as the form left it."""
        queryset = self.model.objects.restrict(self.request.user, self.record_action).select_related("operation")
        if self.scoped_relations:
            queryset = queryset.with_scoped(self.request.user, *self.scoped_relations)
        return get_object_or_404(queryset, operation=self.operation, pk=self.kwargs["pk"])

    def get_object(self, queryset=None):
        return self.get_record()


class RecordDetailView(RecordMixin, generic.DetailView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = can(self.request.user, Action.CHANGE, self.object)
        return context


class RecordFormMixin(VersionedEditMixin, OperationFormMixin):
    """Create and edit pages: ``save_record(form)`` calls a service; the template is the app's one form page,
    headed by ``heading`` under the section ``section`` (a list page named ``section_url_name``)."""

    operation_action = Action.CHANGE
    template_name = "planning/form.html"
    heading = ""
    section = ""
    section_url_name = ""

    def get_success_message(self):
        return _("Saved.")


class RecordCreateView(OperationMixin, RecordFormMixin, ScopedView, generic.CreateView):
    pass


class RecordEditView(RecordMixin, RecordFormMixin, generic.UpdateView):
    record_action = Action.CHANGE
