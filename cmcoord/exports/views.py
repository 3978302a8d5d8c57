"""Export pages: the files themselves, large XLSX jobs, the operation's export log and "my exports"."""

from __future__ import annotations

import re
import tempfile

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views import generic

from cmcoord.core.access import Action
from cmcoord.core.outage import queue
from cmcoord.core.views import LastPageMixin, OperationMixin, OperationView, ScopedView

from .models import ExportFile, ExportFileStatus, ExportFormat, ExportLog
from .registry import Export, get_export
from .writers import RowCounter, stream_csv, stream_json, write_xlsx

CONTENT_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.JSON: "application/json",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Parameters of the page that are not filters: the page number of the list the export was asked from.
NOT_FILTERS = frozenset({"page"})


def filters_of(request) -> dict[str, list[str]]:
    return {key: request.GET.getlist(key) for key in sorted(request.GET) if key not in NOT_FILTERS}


def file_name(export: Export, operation, fmt: str) -> str:
    prefix = f"{operation.code}-" if operation is not None else ""
    name = re.sub(r"[^A-Za-z0-9_-]", "-", f"{prefix}{export.name}-{timezone.localdate():%Y-%m-%d}")
    return f"{name}.{fmt}"


def _finish_log(log: ExportLog, counter: RowCounter) -> None:
    ExportLog.objects.filter(pk=log.pk).update(row_count=counter.rows, completed=counter.done)


def _logged(stream, log: ExportLog, counter: RowCounter):
    """Pass the stream on and write the row count to the log once it has ended (even if broken off)."""
    try:
        yield from stream
    finally:
        _finish_log(log, counter)


class ExportMixin:
    """Answers ``GET …/<name>/<fmt>/``: an export registered under ``name`` in one of the three formats.

    An unknown export or format is a 404; filters the list would refuse give what the list shows for them.
    """

    per_operation = True
    # Power BI, Excel "From Web" and the HXL Proxy refresh from the address with a personal token (accounts).
    accepts_api_token = True

    def get(self, request, *args, **kwargs):
        export = get_export(kwargs["name"], per_operation=self.per_operation)
        fmt = kwargs["fmt"]
        if export is None or fmt not in ExportFormat.values:
            raise Http404
        operation = getattr(self, "operation", None)
        queryset = export.build(request, operation)
        log = ExportLog.objects.create(
            user=request.user, operation=operation, export_name=export.name, format=fmt, filters=filters_of(request)
        )
        if fmt == ExportFormat.XLSX:
            return self.xlsx(export, queryset, log, operation)
        counter = RowCounter()
        stream = (
            stream_csv(export, queryset, counter) if fmt == ExportFormat.CSV else stream_json(export, queryset, counter)
        )
        response = StreamingHttpResponse(_logged(stream, log, counter), content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="{file_name(export, operation, fmt)}"'
        response["Cache-Control"] = "no-store"
        return response

    def xlsx(self, export: Export, queryset, log: ExportLog, operation):
        """A small workbook is answered at once; a large one is built by a worker while the reader waits."""
        if queryset.count() > settings.EXPORT_XLSX_DIRECT_ROWS:
            from .tasks import build_export_file

            job = ExportFile.objects.create(
                log=log,
                user=self.request.user,
                query_string=self.request.GET.urlencode(),
                language=translation.get_language() or settings.LANGUAGE_CODE,
            )
            if not queue(build_export_file, str(job.pk)):
                messages.warning(
                    self.request,
                    _(
                        "The service that builds large files is restarting. Your file will be built when it is back,"
                        " within a few minutes; this page shows when it is ready."
                    ),
                )
            return HttpResponseRedirect(job.get_absolute_url())
        counter = RowCounter()
        target = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the response once sent
        write_xlsx(export, queryset, target, counter)
        _finish_log(log, counter)
        target.seek(0)
        response = FileResponse(
            target,
            as_attachment=True,
            filename=file_name(export, operation, ExportFormat.XLSX),
            content_type=CONTENT_TYPES[ExportFormat.XLSX],
        )
        response["Cache-Control"] = "no-store"
        return response


class OperationExportView(ExportMixin, OperationView):
    """An export of one operation: 404 to who has no standing there, and ``Action.EXPORT`` on it required."""

    operation_action = Action.EXPORT
    http_method_names = ["get", "head"]


class CrossCountryExportView(ExportMixin, ScopedView):
    """An export across the user's operations (missions, the HQ summary): rows scoped by ``Action.EXPORT``."""

    per_operation = False
    http_method_names = ["get", "head"]


class OperationExportLogView(LastPageMixin, OperationMixin, ScopedView, generic.ListView):
    """The operation's export log, for its head of office (who manages the operation)."""

    operation_action = Action.MANAGE
    template_name = "exports/operation_log.html"
    context_object_name = "entries"
    paginate_by = 50

    def get_queryset(self):
        return ExportLog.objects.filter(operation=self.operation).select_related("user")


class MyExportsView(LastPageMixin, ScopedView, generic.ListView):
    """What I exported, with my large XLSX files being built or ready to download."""

    template_name = "exports/my_exports.html"
    context_object_name = "entries"
    paginate_by = 50

    def get_queryset(self):
        return ExportLog.objects.filter(user=self.request.user).select_related("operation", "file")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["files"] = (
            ExportFile.objects.filter(user=self.request.user)
            .exclude(status=ExportFileStatus.FAILED)
            .select_related("log__operation")[:20]
        )
        return context


class OwnFileMixin:
    """A file built for the signed-in user; anyone else's answers 404, as if it did not exist."""

    def get_file(self) -> ExportFile:
        return get_object_or_404(
            ExportFile.objects.select_related("log__operation"), pk=self.kwargs["pk"], user=self.request.user
        )


class ExportFileView(OwnFileMixin, ScopedView, generic.TemplateView):
    """Progress of a large export; the page refreshes itself until the file is ready."""

    template_name = "exports/file_status.html"
    refresh_seconds = 3

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["job"] = self.get_file()
        context["refresh_seconds"] = self.refresh_seconds
        return context


class ExportFileDownloadView(OwnFileMixin, ScopedView):
    accepts_api_token = True

    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        job = self.get_file()
        if (
            job.status != ExportFileStatus.READY
            or not job.file
            or (job.expires_at and job.expires_at <= timezone.now())
        ):
            raise Http404
        response = FileResponse(
            job.file.open("rb"),
            as_attachment=True,
            filename=job.download_name,
            content_type=CONTENT_TYPES[ExportFormat.XLSX],
        )
        response["Cache-Control"] = "no-store"
        return response
