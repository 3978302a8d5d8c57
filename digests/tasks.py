"""Celery tasks of the digests: thin wrappers around :mod:`digests.services`, each safe to run twice.

No task is ever queued with an ETA or a countdown beyond a few minutes: a Redis broker hands a message whose
ETA lies past its visibility timeout to a second worker (kombu #337). Retries back off from 30 seconds to at
most ``retry_backoff_max`` (10 minutes, well inside Redis' default one-hour visibility timeout), and the
delivery's claim makes a duplicate harmless anyway. Tasks are acknowledged late (settings): a worker killed
mid-task leaves its message to come back, and the run that gets it takes over the claim the dead one left
(:func:`cmcoord.core.outage.resuming`); a lost database connection retries the task (the task base).
"""

from celery import shared_task

from cmcoord.core.outage import resuming

from . import services


@shared_task(name="digests.dispatch")
def dispatch() -> int:
    """Produce the digests that are due in every operation's local time (beat runs it on a UTC interval)."""
    return len(services.dispatch())


@shared_task(bind=True, name="digests.build_digest")
def build_digest(self, digest_id: int) -> bool:
    return services.build(digest_id, resume=resuming(self))


@shared_task(
    bind=True,
    name="digests.send_delivery",
    autoretry_for=services.TRANSIENT_ERRORS,
    retry_backoff=30,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=5,
)
def send_delivery(self, delivery_id: int) -> str:
    """Send one digest to one address; transient SMTP errors are retried with backoff, the last one recorded."""
    return services.send(delivery_id, last_attempt=self.request.retries >= self.max_retries, resume=resuming(self))
