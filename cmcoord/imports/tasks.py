"""Celery tasks of imports: a file of more rows than ``IMPORT_BACKGROUND_ROWS`` is checked, then written, by a worker
with the uploader's own access, the batch noting how far it is for the page that shows it.

Both read the file row by row and keep nothing per row but counts (and the first rows' errors), so memory does not
grow with the file. Safe to run again: the check writes nothing; the import is one transaction, so a worker killed
half-way leaves nothing written and the message, delivered again, imports the file whole.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cmcoord.core.outage import is_database_outage, queue, resuming

from . import services
from .models import BatchStatus, ImportBatch, JobState
from .readers import ImportRefused

logger = logging.getLogger(__name__)


def progress_key(batch_id) -> str:
    """Where the import's progress is noted while its transaction, invisible to others until the end, runs."""
    return f"imports:batch:{batch_id}:rows-done"


def _user(batch: ImportBatch):
    return get_user_model().objects.filter(pk=batch.user_id, is_active=True).first()


def _unprocessed(language: str) -> str:
    with translation.override(language or settings.LANGUAGE_CODE):
        return _("The file could not be processed. Please try again, or split it into smaller files.")


def _stop(batch_id, error: BaseException, state: JobState, language: str) -> str:
    """Note why a run stopped: a refusal says why to the user; anything else is logged and said plainly."""
    with translation.override(language or settings.LANGUAGE_CODE):
        if isinstance(error, ImportRefused | PermissionDenied):
            reason = str(error) or _("You cannot import into this operation.")
        else:
            logger.exception("Import batch %s failed", batch_id)
            reason = _unprocessed(language)
    ImportBatch.objects.filter(pk=batch_id).update(state=state, failure=reason, state_changed_at=timezone.now())
    return "failed" if state == JobState.FAILED else "refused"


@shared_task(bind=True, name="imports.check_batch", acks_late=True)
def check_batch(self, batch_id: int) -> str:
    """Check every row of a queued batch (the preview of a large file) and keep the result on the batch."""
    claimed = ImportBatch.objects.filter(
        pk=batch_id,
        status=BatchStatus.PREVIEW,
        state__in=[JobState.QUEUED, *([JobState.PREVIEWING] if resuming(self) else [])],
    ).update(state=JobState.PREVIEWING, state_changed_at=timezone.now(), rows_done=0, failure="")
    if not claimed:
        return "skipped"
    batch = ImportBatch.objects.select_related("operation").get(pk=batch_id)
    try:
        user = _user(batch)
        if user is None:
            raise PermissionDenied
        with translation.override(batch.language or settings.LANGUAGE_CODE):
            summary = services.check_large(
                batch,
                user,
                batch.date_order,
                progress=lambda rows: ImportBatch.objects.filter(pk=batch_id).update(rows_done=rows),
            )
    except Exception as error:
        if is_database_outage(error):
            raise
        return _stop(batch_id, error, JobState.FAILED, batch.language)
    ImportBatch.objects.filter(pk=batch_id, state=JobState.PREVIEWING).update(
        state=JobState.READY, summary=summary, rows_done=batch.rows_total
    )
    return "ready"


@shared_task(bind=True, name="imports.import_batch", acks_late=True)
def import_batch(self, batch_id: int, only_valid: bool = True) -> str:
    """Write a checked batch's rows (all or nothing, in one transaction), noting progress as it goes."""
    batch = ImportBatch.objects.select_related("operation").filter(pk=batch_id).first()
    if batch is None or batch.state != JobState.IMPORTING or batch.status != BatchStatus.PREVIEW:
        return "skipped"
    key = progress_key(batch_id)
    try:
        user = _user(batch)
        if user is None:
            raise PermissionDenied
        with translation.override(batch.language or settings.LANGUAGE_CODE):
            services.run_import(
                batch,
                user,
                date_order=batch.date_order,
                only_valid=only_valid,
                progress=lambda rows: cache.set(key, rows, 3600),
            )
    except Exception as error:
        if is_database_outage(error):
            raise
        refused = isinstance(error, ImportRefused | PermissionDenied)
        return _stop(batch_id, error, JobState.READY if refused else JobState.FAILED, batch.language)
    finally:
        cache.delete(key)
    return "done"


@shared_task(name="imports.recover_batches")
def recover_batches(now=None) -> dict:
    """No large file left "waiting" or "in progress" for ever. A check still waiting for a worker after
    ``IMPORT_REQUEUE_MINUTES`` is queued again (its message was lost: a broker restarted without persistence; a
    message merely slow to come finds the batch claimed and is skipped). A check or an import unfinished
    ``IMPORT_GIVE_UP_MINUTES`` after it was queued, far past the task time limit, is over: it is reported failed,
    which the page says and offers to do again (an import is one transaction: nothing of it was written, and the
    checked file stays ready to import). Beat runs this every five minutes."""
    now = now or timezone.now()
    give_up = now - timedelta(minutes=settings.IMPORT_GIVE_UP_MINUTES)
    unfinished = ImportBatch.objects.filter(status=BatchStatus.PREVIEW, background=True)
    failed = 0
    over = unfinished.filter(
        Q(state_changed_at__lte=give_up) | Q(state_changed_at__isnull=True, created_at__lte=give_up),
        state__in=[JobState.QUEUED, JobState.PREVIEWING, JobState.IMPORTING],
    )
    for pk, state, since, language in over.values_list("pk", "state", "state_changed_at", "language"):
        failed += ImportBatch.objects.filter(pk=pk, state=state, state_changed_at=since).update(
            state=JobState.READY if state == JobState.IMPORTING else JobState.FAILED,
            failure=_unprocessed(language),
            state_changed_at=now,
        )
    requeued = 0
    waiting = unfinished.filter(
        state=JobState.QUEUED, state_changed_at__lte=now - timedelta(minutes=settings.IMPORT_REQUEUE_MINUTES)
    )
    for pk in waiting.values_list("pk", flat=True):
        requeued += queue(check_batch, pk)
    return {"requeued": requeued, "failed": failed}
