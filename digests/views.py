"""Pages of the digests, under ``operations/<code>/digests/``.

Schedules, previews and resending: the head of office (``Action.MANAGE``). The archive (digests sent, to whom,
when, with what outcome): the operation's staff, officers and head (``Action.ARCHIVE``), also once the operation
is closed. HCT members and HQ readers receive digests but do not browse the archive, which names recipients.
"""

from django.contrib import messages
from django.db.models import Count, ProtectedError, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import generic

from cmcoord.core.access import Action, can
from cmcoord.core.views import (
    LastPageMixin,
    OperationCreateView,
    OperationMixin,
    OperationPageView,
    OperationUpdateView,
    OperationView,
    ScopedView,
)

from . import content, services
from .choices import Audience, DeliveryStatus, DigestStatus
from .forms import DigestScheduleForm
from .models import Digest, DigestSchedule


def _schedules(view):
    return DigestSchedule.objects.restrict(view.request.user, Action.MANAGE).filter(operation=view.operation)


class ScheduleListView(OperationPageView):
    operation_action = Action.MANAGE
    template_name = "digests/schedule_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["schedules"] = _schedules(self).annotate(
            digest_count=Count("digests", distinct=True),
            failed_count=Count("digests", filter=Q(digests__status=DigestStatus.FAILED), distinct=True),
        )
        context["failed"] = (
            Digest.objects.restrict(self.request.user, Action.ARCHIVE)
            .filter(schedule__operation=self.operation, status=DigestStatus.FAILED)
            .select_related("schedule")[:20]
        )
        return context


class ScheduleFormMixin:
    operation_action = Action.MANAGE
    save_action = Action.MANAGE
    form_class = DigestScheduleForm
    template_name = "digests/schedule_form.html"

    def get_queryset(self):
        return _schedules(self)

    def get_success_url(self):
        return _list_url(self.operation)


def _list_url(operation):
    return reverse("digests:schedule-list", kwargs={"code": operation.code})


class ScheduleCreateView(ScheduleFormMixin, OperationCreateView):
    def get_success_message(self):
        return _("Digest schedule “%(name)s” saved.") % {"name": self.object.name}


class ScheduleUpdateView(ScheduleFormMixin, OperationUpdateView):
    def get_success_message(self):
        return _("Digest schedule “%(name)s” saved.") % {"name": self.object.name}


class ScheduleDeleteView(OperationMixin, ScopedView, generic.DetailView):
    """Asks for confirmation (GET), then deletes (POST). A schedule that produced digests is kept (its archive)."""

    operation_action = Action.MANAGE
    template_name = "digests/schedule_confirm_delete.html"
    http_method_names = ["get", "post"]
    context_object_name = "schedule"

    def get_queryset(self):
        return _schedules(self)

    def post(self, request, *args, **kwargs):
        schedule = self.get_object()
        try:
            schedule.delete()
        except ProtectedError:
            messages.error(
                request,
                _("“%(name)s” has produced digests, which the archive keeps: switch it off instead.")
                % {"name": schedule.name},
            )
        else:
            messages.success(request, _("Digest schedule “%(name)s” deleted.") % {"name": schedule.name})
        return redirect(_list_url(self.operation))


class SchedulePreviewView(OperationPageView):
    """The schedule's next digest as it stands now, as the chosen audience will get it (nothing is sent)."""

    operation_action = Action.MANAGE
    template_name = "digests/preview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        schedule = get_object_or_404(_schedules(self).select_related("operation"), pk=self.kwargs["pk"])
        audience = self.request.GET.get("audience") or schedule.audience
        if audience not in Audience.values:
            raise Http404
        schedule.audience = audience  # for this preview only; never saved
        data = services.preview(schedule)
        context.update(
            schedule=schedule,
            audience=audience,
            audiences=Audience.choices,
            digest=data,
            subject=content.subject_of(data),
            body=content.render_page(data),
        )
        return context


class ArchiveView(OperationMixin, LastPageMixin, ScopedView, generic.ListView):
    operation_action = Action.ARCHIVE
    template_name = "digests/archive.html"
    context_object_name = "digests"
    paginate_by = 50

    def get_queryset(self):
        return (
            Digest.objects.restrict(self.request.user, Action.ARCHIVE)
            .filter(schedule__operation=self.operation)
            .select_related("schedule")
            .annotate(
                delivery_count=Count("deliveries"),
                sent_count=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.SENT)),
            )
            .order_by("-period_end", "-pk")
        )


class DigestDetailView(OperationMixin, ScopedView, generic.DetailView):
    """A digest as it was built (rendered again from its stored data with the page's styles), who received it,
    when, and each delivery's outcome."""

    operation_action = Action.ARCHIVE
    template_name = "digests/digest_detail.html"
    context_object_name = "digest"

    def get_queryset(self):
        return (
            Digest.objects.restrict(self.request.user, Action.ARCHIVE)
            .filter(schedule__operation=self.operation)
            .select_related("schedule")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        digest = self.object
        context["deliveries"] = digest.deliveries.select_related("user").order_by("address")
        context["body"] = content.render_page(digest.context) if digest.context else ""
        context["can_resend"] = digest.status == DigestStatus.FAILED and can(
            self.request.user, Action.MANAGE, self.operation
        )
        return context


class DigestResendView(OperationView):
    """POST: try a failed digest again (its failed deliveries only, or the build if it never got built)."""

    operation_action = Action.MANAGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        digest = get_object_or_404(
            Digest.objects.restrict(request.user, Action.MANAGE).filter(schedule__operation=self.operation),
            pk=kwargs["pk"],
        )
        queued = services.resend(digest)
        if queued:
            messages.success(
                request,
                ngettext("%(count)d delivery queued again.", "%(count)d deliveries queued again.", queued)
                % {"count": queued},
            )
        else:
            messages.info(request, _("Nothing to resend: the digest has no failed delivery."))
        return redirect("digests:digest-detail", code=self.operation.code, pk=digest.pk)
