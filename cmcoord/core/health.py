"""Health of a deployment, for load balancers, monitors and container health checks.

- **Liveness** (``/healthz``): the web process answers. It touches neither the database nor Redis, so that a
  database restart does not make an orchestrator kill healthy web processes.
- **Readiness** (``/readyz``): the services the product needs, each ``ok``, ``failing``, ``stale`` or
  ``not used`` (the embedded default has no Redis, worker or beat): the database answers; Redis answers; beat
  ticked lately (django-celery-beat's ``last_run_at``, written by beat at least every few minutes); a worker ran
  the heartbeat task lately (beat queues it every minute).

Both answer only these words: no version, host name, address or error text.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Max
from django.utils import timezone

logger = logging.getLogger(__name__)

OK, FAILING, STALE, NOT_USED = "ok", "failing", "stale", "not used"
# Seconds a readiness probe waits for Redis before calling it failing (a monitor's own timeout is a few seconds).
REDIS_TIMEOUT = 1.0


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return OK if cursor.fetchone() == (1,) else FAILING
    except DatabaseError:
        logger.warning("readiness: the database does not answer", exc_info=True)
        return FAILING


def check_redis() -> str:
    if not settings.REDIS_URL:
        return NOT_USED
    import redis

    client = redis.Redis.from_url(
        settings.REDIS_URL, socket_timeout=REDIS_TIMEOUT, socket_connect_timeout=REDIS_TIMEOUT
    )
    try:
        return OK if client.ping() else FAILING
    except redis.RedisError:
        logger.warning("readiness: Redis does not answer", exc_info=True)
        return FAILING
    finally:
        client.close()


def _recent(moment, minutes: int, now) -> str:
    if moment is None:
        return STALE
    return OK if moment >= now - timedelta(minutes=minutes) else STALE


def check_beat(now=None) -> str:
    """Whether beat sent a periodic task within ``READINESS_BEAT_MINUTES``."""
    if not settings.REDIS_URL:
        return NOT_USED
    from django_celery_beat.models import PeriodicTask

    try:
        last = PeriodicTask.objects.filter(enabled=True).aggregate(last=Max("last_run_at"))["last"]
    except DatabaseError:
        return FAILING
    return _recent(last, settings.READINESS_BEAT_MINUTES, now or timezone.now())


def check_worker(now=None) -> str:
    """Whether a worker ran the heartbeat task within ``READINESS_WORKER_MINUTES``."""
    if not settings.REDIS_URL:
        return NOT_USED
    from .models import Heartbeat

    try:
        last = Heartbeat.objects.filter(name=WORKER).values_list("at", flat=True).first()
    except DatabaseError:
        return FAILING
    return _recent(last, settings.READINESS_WORKER_MINUTES, now or timezone.now())


WORKER = "worker"
CHECKS = {"database": check_database, "redis": check_redis, "beat": check_beat, "worker": check_worker}


def readiness(only: list[str] | None = None) -> tuple[bool, dict[str, str]]:
    """(ready, {check: state}): ready when no check is failing or stale. The database is asked first; when it
    fails, the checks that read it say so without asking again."""
    results = {}
    for name, check in CHECKS.items():
        if only and name not in only:
            continue
        if name in {"beat", "worker"} and results.get("database") == FAILING and settings.REDIS_URL:
            results[name] = FAILING
            continue
        results[name] = check()
    return all(state in {OK, NOT_USED} for state in results.values()), results


def record_heartbeat(name: str = WORKER) -> None:
    from .models import Heartbeat

    Heartbeat.objects.update_or_create(name=name, defaults={"at": timezone.now()})
