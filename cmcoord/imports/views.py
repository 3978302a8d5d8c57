"""Pages of an import, under an operation: upload, preview (nothing written), import, the batch, undo.

Only who may change the operation's records (its officers and head of office) reaches them: an HCT member or an HQ
reader gets 403, anyone without a standing in the operation 404; a batch is found only within its operation.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from cmcoord.core.access import Action
from cmcoord.core.views import OperationMixin, ScopedView

from . import reading, services, uploads
from .forms import ConfirmForm, MappingForm, UploadForm
from .models import BatchStatus, ImportBatch, JobState
from .readers import ImportRefused
from .registry import get_importer
from .tasks import progress_key

BROKER_DOWN = gettext_lazy(
    "The service that handles large files is restarting. Import the file again in a few minutes."
)


class ImportMixin(OperationMixin):
    operation_action = Action.CHANGE

    def get_importer(self):
        importer = get_importer(self.kwargs["kind"])
        if importer is None:
            raise Http404
        return importer


@method_decorator(csrf_exempt, name="dispatch")  # checked in post(), once the size limit is in place
class UploadView(ImportMixin, ScopedView):
    http_method_names = ["get", "post"]
    template_name = "imports/upload.html"

    def get(self, request, *args, **kwargs):
        return self.render(UploadForm())

    def post(self, request, *args, **kwargs):
        uploads.install(request)
        return self.checked_post(request, *args, **kwargs)

    @method_decorator(csrf_protect)
    def checked_post(self, request, *args, **kwargs):
        importer = self.get_importer()
        form = UploadForm(request.POST, request.FILES, too_large=uploads.was_too_large(request))
        if not form.is_valid():
            return self.render(form, status=400)
        upload = form.cleaned_data["file"]
        try:
            batch = services.start_batch(
                user=request.user,
                operation=self.operation,
                kind=importer.name,
                file_name=upload.name or "",
                upload=upload,
            )
        except ImportRefused as refusal:
            form.add_error("file", str(refusal))
            return self.render(form, status=400)
        if batch.background:
            services.queue_check(batch)  # if the broker is down, the batch's page says so and offers to retry
        return HttpResponseRedirect(batch.get_absolute_url())

    def render(self, form, status=200):
        importer = self.get_importer()
        context = {
            "operation": self.operation,
            "importer": importer,
            "form": form,
            "batches": ImportBatch.objects.restrict(self.request.user, Action.CHANGE)
            .filter(operation=self.operation, kind=importer.name)
            .exclude(status=BatchStatus.PREVIEW)
            .select_related("user")[:10],
        }
        return render(self.request, self.template_name, context, status=status)


class BatchView(OperationMixin, ScopedView):
    operation_action = Action.CHANGE
    http_method_names = ["get", "post"]
    template_name = "imports/batch.html"
    refresh_seconds = 3  # the progress page of a large file reloads itself this often

    def get_batch(self) -> ImportBatch:
        return get_object_or_404(
            ImportBatch.objects.restrict(self.request.user, Action.CHANGE).select_related("user", "operation"),
            operation=self.operation,
            pk=self.kwargs["pk"],
        )

    def get(self, request, *args, **kwargs):
        batch = self.get_batch()
        if batch.background:
            return self.render(batch, ConfirmForm(initial={"date_order": batch.date_order}), batch.date_order)
        form = ConfirmForm(request.GET or None)
        date_order = form.cleaned_data["date_order"] if form.is_bound and form.is_valid() else ""
        return self.render(batch, form, date_order)

    def post(self, request, *args, **kwargs):
        batch = self.get_batch()
        if request.POST.get("action") == "undo":
            try:
                services.undo_batch(batch, request.user)
            except ImportRefused as refusal:
                messages.error(request, str(refusal))
            else:
                messages.success(request, _("The import has been undone."))
            return HttpResponseRedirect(batch.get_absolute_url())
        form = ConfirmForm(request.POST)
        if not form.is_valid():
            return self.render(batch, form, "", status=400)
        if batch.background:
            return self.import_in_background(batch, form)
        date_order = form.cleaned_data["date_order"]
        try:
            services.run_import(
                batch, request.user, date_order=date_order, only_valid=form.cleaned_data["mode"] != ConfirmForm.ALL
            )
        except ImportRefused as refusal:
            messages.error(request, str(refusal))
            return self.render(batch, form, date_order, status=400)
        batch.refresh_from_db()
        messages.success(
            request,
            _("Imported: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.")
            % {"created": batch.created_count, "updated": batch.updated_count, "unchanged": batch.unchanged_count},
        )
        return HttpResponseRedirect(batch.get_absolute_url())

    def import_in_background(self, batch, form):
        try:
            queued = services.queue_import(batch, only_valid=form.cleaned_data["mode"] != ConfirmForm.ALL)
        except ImportRefused as refusal:
            messages.error(self.request, str(refusal))
            return HttpResponseRedirect(batch.get_absolute_url())
        if not queued:
            messages.warning(self.request, BROKER_DOWN)
            ImportBatch.objects.filter(pk=batch.pk).update(state=JobState.READY)
        return HttpResponseRedirect(batch.get_absolute_url())

    def render(self, batch, form, date_order, status=200, mapping_form=None):
        context = {"operation": self.operation, "batch": batch, "form": form, "importer": get_importer(batch.kind)}
        if batch.background:
            context["rows_done"] = batch.rows_done
            if batch.state == JobState.IMPORTING:
                context["rows_done"] = cache.get(progress_key(batch.pk), batch.rows_done)
            context["refresh_seconds"] = self.refresh_seconds
        if batch.status == BatchStatus.PREVIEW and batch.background and batch.state != JobState.READY:
            pass  # the progress of the worker, or why it stopped: nothing to read from the file
        elif batch.status == BatchStatus.PREVIEW:
            try:
                context["preview"] = services.preview(batch, self.request.user, date_order, rows=not batch.background)
            except ImportRefused as refusal:
                context["refusal"] = str(refusal)
            else:
                context["mapping_form"] = mapping_form or MappingForm(
                    preview=context["preview"], ignore_value=reading.IGNORE
                )
                context["date_order"] = date_order
                context.update(self.results(batch, context["preview"]))
        else:
            context["undo_refusal"] = services.undo_refusal(batch)
        context["list_url"] = reverse("imports:upload", kwargs={"code": self.operation.code, "kind": batch.kind})
        return render(self.request, self.template_name, context, status=status)

    @staticmethod
    def results(batch, preview) -> dict:
        """What the preview shows of the rows: every row of a small file; a large one's counts and first errors."""
        if not batch.background:
            return {
                "counts": preview.counts,
                "valid_count": len(preview.valid_rows),
                "rows": preview.rows,
                "date_order_choice": preview.date_order_choice,
            }
        summary = batch.summary or {}
        counts = dict.fromkeys(("new", "update", "unchanged", "error"), 0) | summary.get("counts", {})
        return {
            "counts": counts,
            "valid_count": counts["new"] + counts["update"],
            "rows": [{"status": "error", **row} for row in summary.get("errors", [])],
            "rows_are_errors": True,
            "date_order_choice": summary.get("date_order_choice", False),
        }


class MappingView(BatchView):
    """The user's choice of what the file's unknown headers stand for: saved for the operation and the record type
    (so the next file with those headers is matched at once), then the preview runs again with it."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        batch = self.get_batch()
        form = ConfirmForm(request.POST)
        date_order = form.cleaned_data["date_order"] if form.is_valid() else ""
        if batch.status != BatchStatus.PREVIEW:
            messages.error(request, _("This file has been imported already."))
            return HttpResponseRedirect(batch.get_absolute_url())
        if batch.is_running:
            messages.error(request, _("The file is being processed: choose again once it is checked."))
            return HttpResponseRedirect(batch.get_absolute_url())
        try:
            preview = services.preview(batch, request.user, date_order, rows=not batch.background)
        except ImportRefused as refusal:
            messages.error(request, str(refusal))
            return HttpResponseRedirect(batch.get_absolute_url())
        mapping_form = MappingForm(request.POST, preview=preview, ignore_value=reading.IGNORE)
        if not mapping_form.is_valid():
            return self.render(batch, form, date_order, status=400, mapping_form=mapping_form)
        try:
            saved = reading.save_mappings(request.user, batch, mapping_form.choices())
        except ImportRefused as refusal:
            mapping_form.add_error(None, str(refusal))
            return self.render(batch, form, date_order, status=400, mapping_form=mapping_form)
        if saved:
            messages.success(
                request,
                _("The columns are saved for %(operation)s: the next file with these headers is matched the same way.")
                % {"operation": self.operation.name},
            )
        url = batch.get_absolute_url()
        if batch.background:
            services.queue_check(batch, date_order)  # if the broker is down, the batch's page says so
            return HttpResponseRedirect(url)
        return HttpResponseRedirect(f"{url}?{urlencode({'date_order': date_order})}" if date_order else url)


class BatchFileView(BatchView):
    """The file as it was uploaded, to who may reach the batch; always a download, never shown inline."""

    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        batch = self.get_batch()
        try:
            handle = batch.file.open("rb")
        except (FileNotFoundError, OSError):
            raise Http404 from None
        if not handle:
            raise PermissionDenied
        return FileResponse(
            handle, as_attachment=True, filename=batch.file_name, content_type="application/octet-stream"
        )
