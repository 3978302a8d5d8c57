"""Celery tasks of the core: a liveness probe that proves a worker can reach the broker and the database, and the
clean-up of expired idempotency keys."""

import socket

from celery import shared_task
from django.db import connection
from django.utils import timezone


@shared_task(name="cmcoord.core.ping", ignore_result=False, time_limit=30, soft_time_limit=20)
def ping() -> dict:
    """Answer with the worker's host, its clock and whether it reached the database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        database_ok = cursor.fetchone() == (1,)
    return {"host": socket.gethostname(), "at": timezone.now().isoformat(), "database": database_ok}


@shared_task(name="cmcoord.core.heartbeat", ignore_result=True, time_limit=30, soft_time_limit=20)
def heartbeat() -> None:
    """Note that a worker is alive (beat queues this every minute; ``/readyz`` reads it)."""
    from .health import record_heartbeat

    record_heartbeat()


@shared_task(name="cmcoord.core.remove_expired_idempotency_keys", ignore_result=True)
def remove_expired_idempotency_keys() -> int:
    """Forget the API's idempotency keys past their lifetime (beat queues this every hour)."""
    from .idempotency import remove_expired

    return remove_expired()
