"""Attachment pages: download (the only way a file leaves), upload to a record, delete.

Each asks the record's question through the access policy: who cannot view the record gets 404, as if neither
it nor its files existed; who can view but not change it gets 403 for an upload or a deletion.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from cmcoord.core.access import Action, can
from cmcoord.core.models import RecordOpening
from cmcoord.core.openings import note_openings
from cmcoord.core.views import ScopedView

from . import services, uploads
from .forms import AttachmentForm
from .selectors import attachment_get, takes_attachments

BIGINT_MAX = 2**63 - 1


def _record_url(record) -> str:
    return f"{record.get_absolute_url()}#attachments"


class AttachmentDownloadView(ScopedView):
    """The file, as a download: never shown inline, never cached, never sniffed into another type."""

    http_method_names = ["get", "head"]

    def get(self, request, pk):
        attachment = attachment_get(user=request.user, pk=pk, action=Action.VIEW)
        if attachment is None:
            raise Http404
        try:
            handle = attachment.file.open("rb")
        except (FileNotFoundError, OSError):
            raise Http404 from None
        note_openings(request.user, [attachment.record], how=RecordOpening.How.ATTACHMENT)
        response = FileResponse(
            handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.mime_type
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response


class AttachmentDeleteView(ScopedView):
    """Delete an attachment (POST): who may change its record, in an active operation."""

    http_method_names = ["post"]

    def post(self, request, pk):
        attachment = attachment_get(user=request.user, pk=pk, action=Action.VIEW)
        if attachment is None:
            raise Http404
        if not can(request.user, Action.CHANGE, attachment):
            raise PermissionDenied
        record = attachment.record
        services.attachment_delete(user=request.user, attachment=attachment)
        messages.success(request, _("Attachment “%(name)s” deleted.") % {"name": attachment.original_name})
        return HttpResponseRedirect(_record_url(record))


@method_decorator(csrf_exempt, name="dispatch")  # checked in post(), once the size limit is in place
class AttachmentUploadView(ScopedView):
    """Attach a file to a record: the form page (GET), or the upload itself (POST, also from the record's panel).

    The size limit's upload handler must be installed before anything reads the request's body, and the CSRF
    check reads it: so this view is exempt from the middleware's check and makes the same check itself in
    :meth:`post`, right after installing the handler.
    """

    http_method_names = ["get", "post"]
    template_name = "attachments/upload.html"

    def get_record(self):
        kwargs = self.kwargs
        try:
            model = apps.get_model(kwargs["app_label"], kwargs["model_name"])
        except (LookupError, ValueError):
            raise Http404 from None
        if not takes_attachments(model) or not 0 < kwargs["object_id"] <= BIGINT_MAX:
            raise Http404
        record = model._default_manager.restrict(self.request.user, Action.VIEW).filter(pk=kwargs["object_id"]).first()
        if record is None:
            raise Http404
        if not can(self.request.user, Action.CHANGE, record):
            raise PermissionDenied
        return record

    def get(self, request, *args, **kwargs):
        return self.render(self.get_record(), AttachmentForm())

    def post(self, request, *args, **kwargs):
        uploads.install(request)
        return self.checked_post(request, *args, **kwargs)

    @method_decorator(csrf_protect)
    def checked_post(self, request, *args, **kwargs):
        record = self.get_record()
        form = AttachmentForm(request.POST, request.FILES, too_large=uploads.was_too_large(request))
        if not form.is_valid():
            return self.render(record, form)
        attachment = services.attachment_create(
            user=request.user,
            record=record,
            upload=form.cleaned_data["file"],
            kind=form.kind,
            description=form.cleaned_data["description"],
        )
        messages.success(request, _("“%(name)s” attached.") % {"name": attachment.original_name})
        return HttpResponseRedirect(_record_url(record))

    def render(self, record, form):
        context = {"record": record, "form": form, "operation": record.operation, "record_url": _record_url(record)}
        return render(self.request, self.template_name, context)
