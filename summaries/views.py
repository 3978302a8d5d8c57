"""The operation's summaries for the HCT (``operations/<code>/summaries/``) and their clearance."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import generic

from cmcoord.core.access import Action
from cmcoord.core.views import LastPageMixin, OperationMixin, OperationView, ScopedView

from . import selectors, services


class SummaryListView(OperationMixin, LastPageMixin, ScopedView, generic.ListView):
    """Every summary the reader may read, newest first; ``?show=waiting``: those waiting for clearance. A record's
    link only where the reader may open it."""

    operation_action = Action.VIEW
    template_name = "summaries/summary_list.html"
    context_object_name = "summaries"
    paginate_by = 50

    @property
    def waiting_only(self) -> bool:
        return self.request.GET.get("show") == "waiting"

    def get_queryset(self):
        if self.waiting_only:
            return selectors.waiting(self.request.user, self.operation)
        return selectors.readable(self.request.user, self.operation)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = list(context["summaries"])
        context["summaries"] = page
        records = selectors.openable_records(self.request.user, page)
        context["rows"] = [
            (summary, selectors.record_url(record) if (record := records.get(summary_key(summary))) else "")
            for summary in page
        ]
        context["may_clear"] = services.may_clear(self.request.user, self.operation)
        context["waiting_only"] = self.waiting_only
        context["waiting_count"] = selectors.waiting(self.request.user, self.operation).count()
        return context


def summary_key(summary) -> tuple[int, int]:
    return (summary.content_type_id, summary.object_id)


class SummaryClearView(OperationView):
    """POST: a head of office clears a summary for the HCT; back to the page the button was on."""

    operation_action = Action.MANAGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        summary = get_object_or_404(selectors.readable(request.user, self.operation), pk=kwargs["pk"])
        services.summary_clear(user=request.user, summary=summary)
        messages.success(request, _("Summary cleared: HCT members of the operation can now read it."))
        back = request.POST.get("next", "")
        if back and url_has_allowed_host_and_scheme(back, {request.get_host()}, require_https=request.is_secure()):
            return redirect(back)
        return redirect("summaries:list", code=self.operation.code)
