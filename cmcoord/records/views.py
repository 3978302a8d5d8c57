"""The generic pages of a record type: its operation's list (filters, the restricted line, the export buttons), a
record's page, its create and edit forms (saved through services, a lost update refused with 409).

Each view is made with ``as_view(record_type=...)``; an app subclasses one where its page differs and names it in
the declaration's ``views``. Templates: ``<app>/<model>_<page>.html`` when the app has one (extending
``records/<page>.html``), else the generic one.
"""

from __future__ import annotations

from django.views import generic
from django_filters.views import FilterView

from cmcoord.core.access import Action, can
from cmcoord.core.openings import note_openings
from cmcoord.core.panels import Slot, panels
from cmcoord.core.versioning import VersionedEditMixin
from cmcoord.core.views import LastPageMixin, OperationFormMixin, OperationMixin, ScopedView
from cmcoord.imports.registry import registered_importers
from cmcoord.records.outbox import record_target

from .selectors import restricted_total
from .services import record_create_from_form, record_edit_from_form


def naming(text, record) -> str:
    """A success message, with the record in place of ``%(record)s`` where it says so."""
    return text % {"record": record} if "%(record)s" in str(text) else text


class RecordTypeMixin:
    record_type = None  # set by as_view(record_type=...)
    page = ""

    def get_template_names(self):
        record_type = self.record_type
        return [f"{record_type.app_label}/{record_type.slug}_{self.page}.html", f"records/{self.page}.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["record_type"] = self.record_type
        context["texts"] = self.record_type.texts
        return context


class RecordListView(RecordTypeMixin, LastPageMixin, OperationMixin, ScopedView, FilterView):
    """The operation's records the user may open, in the declared order, filtered; how many others are restricted."""

    page = "list"
    paginate_by = 50

    def get_filterset_class(self):
        return self.record_type.filterset

    def get_queryset(self):
        queryset = self.record_type.records(self.request.user, self.operation)
        if self.record_type.list_queryset is not None:
            queryset = self.record_type.list_queryset(self.request.user, queryset)
        return queryset

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "operation": self.operation}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["columns"] = self.record_type.table.listed()
        context["summary"] = restricted_total(self.record_type.model, self.request.user, self.operation)
        context["panels"] = panels(Slot.RECORD_LIST, self.request, (self.record_type.model, self.operation))
        context["import_name"] = next(  # the import of this type from a spreadsheet, where one is registered
            (each.name for each in registered_importers() if getattr(each, "record_type", None) is self.record_type),
            "",
        )
        return context


class RecordMixin(RecordTypeMixin, OperationMixin, ScopedView):
    """The record named by the URL, in the URL's operation, within the user's scope for ``record_action`` (404
    otherwise, so that the answer does not tell a reader the record exists)."""

    record_action = Action.VIEW
    context_object_name = "record"

    def get_object(self, queryset=None):
        key = self.kwargs[self.record_type.key]
        return self.record_type.lookup(self.request.user, self.operation, key, self.record_action)


class RecordDetailView(RecordMixin, generic.DetailView):
    page = "detail"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = self.record_type.form is not None and can(self.request.user, Action.CHANGE, self.object)
        if context["can_change"]:
            context["edit_url"] = self.record_type.record_url("edit", self.object)
        if self.record_type.detail_context is not None:
            context.update(self.record_type.detail_context(self.request, self.object))
        context["panels"] = panels(Slot.RECORD_DETAIL, self.request, self.object)
        note_openings(self.request.user, [self.object])
        return context


class RecordFormMixin(RecordTypeMixin, VersionedEditMixin, OperationFormMixin):
    page = "form"
    operation_action = Action.CHANGE

    def get_form_class(self):
        return self.record_type.form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Where the form goes in the API when it is submitted offline and sent later (cmcoord/records/outbox.py).
        context["outbox"] = record_target(self.record_type, self.operation, getattr(self, "object", None))
        return context


class RecordCreateView(RecordFormMixin, OperationMixin, ScopedView, generic.CreateView):
    def save_record(self, form):
        return record_create_from_form(record_type=self.record_type, user=self.request.user, form=form)

    def get_success_message(self):
        return naming(self.record_type.texts.created, self.object)


class RecordEditView(RecordFormMixin, RecordMixin, generic.UpdateView):
    record_action = Action.CHANGE

    def save_record(self, form):
        return record_edit_from_form(
            record_type=self.record_type, user=self.request.user, form=form, fields=self.merged_fields()
        )

    def merged_fields(self) -> list[str]:
        return self.record_type.tracked()

    def get_success_message(self):
        return naming(self.record_type.texts.saved, self.object)


GENERIC = {"list": RecordListView, "detail": RecordDetailView, "create": RecordCreateView, "edit": RecordEditView}
