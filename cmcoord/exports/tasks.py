"""Celery tasks of exports: build a large XLSX for who asked, and remove files past their time."""

from __future__ import annotations

import logging
import tempfile
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files import File
from django.http import HttpRequest, QueryDict
from django.utils import timezone, translation

from .models import ExportFile, ExportFileStatus, ExportLog
from .registry import get_export
from .writers import RowCounter, write_xlsx

logger = logging.getLogger(__name__)


def stand_in_request(user, query_string: str) -> HttpRequest:
    """What an export's queryset function reads of a request (``user`` and ``GET``), for a worker."""
    request = HttpRequest()
    request.method = "GET"
    request.user = user
    request.GET = QueryDict(query_string)
    return request


@shared_task(name="exports.build_export_file", acks_late=True)
def build_export_file(file_id: str) -> str:
    """Build the XLSX of an :class:`ExportFile` with the asker's own access, noting progress as it goes."""
    job = ExportFile.objects.select_related("log__operation").filter(pk=file_id).first()
    if job is None or job.status != ExportFileStatus.PENDING:
        return "skipped"
    ExportFile.objects.filter(pk=job.pk).update(status=ExportFileStatus.RUNNING)
    log = job.log
    user = get_user_model().objects.get(pk=job.user_id)  # a fresh user: their access as it is now
    export = get_export(log.export_name)
    counter = RowCounter()
    try:
        if export is None:
            raise LookupError(f"no export named {log.export_name!r}")
        with translation.override(job.language):
            queryset = export.build(stand_in_request(user, job.query_string), log.operation)
            ExportFile.objects.filter(pk=job.pk).update(rows_total=queryset.count())
            with tempfile.TemporaryFile() as target:
                write_xlsx(
                    export,
                    queryset,
                    target,
                    counter,
                    progress=lambda rows: ExportFile.objects.filter(pk=job.pk).update(rows_done=rows),
                )
                target.seek(0)
                job.file.save(f"{job.pk}.xlsx", File(target), save=False)
    except Exception:
        logger.exception("Export file %s failed", job.pk)
        ExportFile.objects.filter(pk=job.pk).update(status=ExportFileStatus.FAILED, finished_at=timezone.now())
        return "failed"
    now = timezone.now()
    ExportFile.objects.filter(pk=job.pk).update(
        status=ExportFileStatus.READY,
        file=job.file.name,
        rows_done=counter.rows,
        finished_at=now,
        expires_at=now + timedelta(hours=settings.EXPORT_FILE_LIFETIME_HOURS),
    )
    ExportLog.objects.filter(pk=log.pk).update(row_count=counter.rows, completed=counter.done)
    return "ready"


@shared_task(name="exports.remove_expired_files")
def remove_expired_files() -> int:
    """Delete export files past their time (and failed or forgotten jobs older than that), file and row."""
    now = timezone.now()
    stale = now - timedelta(hours=settings.EXPORT_FILE_LIFETIME_HOURS)
    removed = 0
    for job in ExportFile.objects.filter(expires_at__lte=now) | ExportFile.objects.filter(
        expires_at__isnull=True, created_at__lte=stale
    ):
        if job.file:
            job.file.delete(save=False)
        job.delete()
        removed += 1
    return removed
