"""Faults of the services the product stands on, told apart from faults of its code, and the way back.

A lost or refused database connection (a restart, a failover, a connection ended by ``pg_terminate_backend``) is
an outage: pages answer 503 "temporarily unavailable" (:class:`cmcoord.core.middleware.DatabaseOutageMiddleware`),
Celery tasks retry (:class:`DatabaseRetryTask`). A broker that is down when work is queued is logged, and the work
is queued again by its app's recovery (:func:`queue`).
"""

from __future__ import annotations

import logging

from celery import Task
from django.db import DatabaseError, InterfaceError, OperationalError, connections

logger = logging.getLogger(__name__)

DATABASE_OUTAGE_ERRORS = (OperationalError, InterfaceError)


def is_database_outage(error: BaseException | None) -> bool:
    """Whether ``error`` (or what caused it) is a lost or refused database connection, not a fault of the code."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, DATABASE_OUTAGE_ERRORS):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def reset_database_connections() -> bool:
    """Drop every connection that met an error, so that the next query reconnects. False where a connection is
    inside a transaction (which a reconnection would silently lose): then nothing is retried."""
    for conn in connections.all(initialized_only=True):
        if conn.in_atomic_block:
            return False
    for conn in connections.all(initialized_only=True):
        try:
            conn.close()
        except DatabaseError:
            conn.connection = None
    return True


def resuming(task) -> bool:
    """Whether this run of ``task`` takes over from an earlier run of the same work that cannot be running any
    more: a retry (sent only once the earlier attempt ended) or a message the broker delivered again because the
    worker that had it died before acknowledging it (late acknowledgement; a run ends within the task time limit,
    far inside the broker's visibility timeout, so the earlier run is over). Such a run may take over the claim
    the earlier one left."""
    request = task.request
    return bool(request.retries) or bool((request.delivery_info or {}).get("redelivered"))


def queue(task, *args) -> bool:
    """Queue ``task`` now; False (logged, not raised) when the broker cannot be reached, for the caller to say the
    work will be done later and its app's recovery to queue it again."""
    try:
        task.delay(*args)
    except Exception as error:
        logger.warning("could not queue %s%r: the broker is unavailable (%s)", task.name, args, error)
        return False
    return True


class DatabaseRetryTask(Task):
    """The base of every Celery task: a lost database connection drops the broken connections and retries the task
    (after 1, 2, 4 … 30 seconds, up to ``database_retries`` times) instead of failing it. Tasks are written to be
    run again (claims by conditional UPDATE, see :func:`resuming`)."""

    database_retries = 5

    def __call__(self, *args, **kwargs):
        try:
            return super().__call__(*args, **kwargs)
        except DATABASE_OUTAGE_ERRORS as error:
            if not reset_database_connections() or self.request.retries >= self.database_retries:
                raise
            logger.warning("task %s lost its database connection; retrying", self.name)
            raise self.retry(exc=error, countdown=min(2**self.request.retries, 30)) from error
