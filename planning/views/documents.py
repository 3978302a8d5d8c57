"""Pages of planning documents: the operation's list, a document's page, its forms."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.views import FilterView

from cmcoord.core.access import Action
from cmcoord.core.views import LastPageMixin, OperationMixin, ScopedView
from cmcoord.operations.calendar import operation_today

from .. import services
from ..filtersets import PlanningDocumentFilterSet
from ..forms import PlanningDocumentForm
from ..models import PlanningDocument
from ..selectors import assessment_flags, documents_for_list
from .common import RecordCreateView, RecordDetailView, RecordEditView


class DocumentListView(LastPageMixin, OperationMixin, ScopedView, FilterView):
    filterset_class = PlanningDocumentFilterSet
    template_name = "planning/document_list.html"
    paginate_by = 50

    def get_queryset(self):
        return documents_for_list(self.request.user, self.operation)

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "operation": self.operation}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = operation_today(self.operation)
        context["flag"] = assessment_flags(self.request.user, [self.operation])[self.operation.pk]
        return context


class DocumentDetailView(RecordDetailView):
    model = PlanningDocument
    scoped_relations = ("mission",)
    template_name = "planning/document_detail.html"
    context_object_name = "document"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tasks"] = self.object.tasks.restrict(self.request.user, Action.VIEW).order_by("reference")
        context["review_overdue"] = self.object.review_overdue_on(operation_today(self.operation))
        return context


class DocumentFormMixin:
    model = PlanningDocument
    form_class = PlanningDocumentForm
    section = gettext_lazy("Planning documents")
    section_url_name = "planning:document-list"


class DocumentCreateView(DocumentFormMixin, RecordCreateView):
    heading = gettext_lazy("New planning document")

    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("task"):
            initial["task_references"] = self.request.GET["task"][:30]
        return initial

    def save_record(self, form):
        return services.document_create(user=self.request.user, document=form.save(commit=False), tasks=form.tasks)

    def get_success_message(self):
        return _("Planning document “%(title)s” recorded.") % {"title": self.object.title}


class DocumentEditView(DocumentFormMixin, RecordEditView):
    heading = gettext_lazy("Edit planning document")

    def save_record(self, form):
        return services.document_edit(
            user=self.request.user,
            document=form.save(commit=False),
            expected_version=form.cleaned_data["version"],
            tasks=form.linked_tasks(),
        )

    def get_success_message(self):
        return _("Planning document “%(title)s” saved.") % {"title": self.object.title}
