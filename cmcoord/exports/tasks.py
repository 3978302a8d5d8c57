"""Celery tasks of exports: build a large XLSX for who asked, recover jobs whose message was lost, and remove files
past their time."""

from __future__ import annotations

import logging
import tempfile
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files import File
from django.db.models import F
from django.http import HttpRequest, QueryDict
from django.utils import timezone, translation

from cmcoord.core.outage import is_database_outage, queue, resuming

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


def claim(file_id: str, *, resume: bool = False) -> bool:
    """Take a waiting job for building: one conditional UPDATE, so of two workers exactly one gets True. A run that
    takes over from a dead one (``resume``: see :func:`cmcoord.core.outage.resuming`) may take a running job."""
    statuses = [ExportFileStatus.PENDING, *([ExportFileStatus.RUNNING] if resume else [])]
    return bool(
        ExportFile.objects.filter(pk=file_id, status__in=statuses).update(
            status=ExportFileStatus.RUNNING, rows_done=0, attempts=F("attempts") + 1
        )
    )


@shared_task(bind=True, name="exports.build_export_file", acks_late=True)
def build_export_file(self, file_id: str) -> str:
    """Build the XLSX of an :class:`ExportFile` with the asker's own access, noting progress as it goes.

    Safe to run again: a worker killed mid-file leaves the job running and its message unacknowledged; the
    message comes back and the next run takes the job over and writes the file again, under the same name.
    """
    if not claim(file_id, resume=resuming(self)):
        return "skipped"
    job = ExportFile.objects.select_related("log__operation").get(pk=file_id)
    log = job.log
    user = get_user_model().objects.get(pk=job.user_id)  # a fresh user: their access as it is now
    export = get_export(log.export_name)
    counter = RowCounter()
    name = f"exports/{job.pk}.xlsx"
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
                job.file.storage.delete(name)  # what an earlier, killed run may have left: one file per job
                job.file.save(name.removeprefix("exports/"), File(target), save=False)
    except Exception as error:
        if is_database_outage(error):
            raise  # retried by the task base: the job stays running, and the retry takes it over
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


@shared_task(name="exports.recover_export_files")
def recover_export_files(now=None) -> dict:
    """Jobs whose message was lost (a broker restarted without persistence, or was down when the job was asked for)
    are queued again; a job still unfinished long after any run could have ended is reported failed, so that no
    job shows "in progress" for ever. Beat runs this every five minutes."""
    now = now or timezone.now()
    requeued = 0
    waiting = ExportFile.objects.filter(
        status=ExportFileStatus.PENDING,
        created_at__lte=now - timedelta(minutes=settings.EXPORT_REQUEUE_MINUTES),
        created_at__gt=now - timedelta(minutes=settings.EXPORT_GIVE_UP_MINUTES),
    ).values_list("pk", flat=True)
    for pk in waiting:
        requeued += queue(build_export_file, str(pk))
    failed = ExportFile.objects.filter(
        status__in=[ExportFileStatus.PENDING, ExportFileStatus.RUNNING],
        created_at__lte=now - timedelta(minutes=settings.EXPORT_GIVE_UP_MINUTES),
    ).update(status=ExportFileStatus.FAILED, finished_at=now)
    return {"requeued": requeued, "failed": failed}


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
