"""Digests at full size: one digest for each operation of the deployment, produced and mailed by a real Celery
worker, timed from the dispatcher's call to the last mail; and the queries one digest costs, at each size.

The benchmark gives every operation a daily schedule for its HCT members (and one extra address, so that every
digest is mailed) due now, starts ``celery worker`` as its own process on the Redis broker and the benchmark's
database, asks it to run the dispatcher, and waits until every digest is sent. The schedules, digests and
deliveries are deleted afterwards. Target: the whole deployment's digests in under 10 seconds.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from .exports import database_url

TARGET_SECONDS = 10
TIMEOUT_SECONDS = 180
ROOT = Path(settings.BASE_DIR)


@dataclass
class DigestFigure:
    size: str
    operations: int
    queries_largest: int  # building the largest operation's digest
    queries_smallest: int
    seconds: float | None  # dispatcher call to the last digest sent, by a real worker
    sent: int
    mails: int
    note: str = ""


def _schedules(now):
    """A daily HCT digest for every operation, due now (periods from yesterday, at this hour where it is)."""
    from cmcoord.core.choices import Standing
    from cmcoord.operations.models import CountryOperation
    from digests.choices import Audience, Frequency
    from digests.models import DigestSchedule
    from digests.sections import available

    keys = [section.key for section in available()]
    schedules = []
    for operation in CountryOperation.objects.filter(is_active=True).order_by("pk"):
        local = timezone.localtime(now, operation.time_zone)
        schedules.append(
            DigestSchedule(
                operation=operation,
                name="Benchmark HCT digest",
                audience=Audience.HCT,
                frequency=Frequency.DAILY,
                hour=local.hour,
                starts_on=local.date() - timedelta(days=2),
                recipient_roles=[Standing.HCT],
                extra_recipients="hct.benchmark@example.org",
                sections=keys,
                dispatch_from=now - timedelta(hours=2),
            )
        )
    return DigestSchedule.objects.bulk_create(schedules)


def queries_per_digest(operation, now) -> int:
    """The queries of building one operation's HCT digest (content and both parts), in this process."""
    from digests import content
    from digests.choices import Audience
    from digests.sections import available

    keys = [section.key for section in available()]
    with CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as captured:
        data = content.build_context(
            operation, Audience.HCT, keys, now - timedelta(days=1), now, now + timedelta(days=1)
        )
        content.render_mail(data)
    return len(captured.captured_queries)


def _start_worker(env) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 - fixed arguments
        [sys.executable, "-m", "celery", "-A", "cmcoord", "worker", "--concurrency", str(os.cpu_count() or 2),
         "-l", "warning", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def measure(size: str) -> DigestFigure:
    """Produce every operation's digest with a real worker (when a Redis broker is configured)."""
    from cmcoord.operations.models import CountryOperation
    from digests.choices import DigestStatus
    from digests.models import Digest, DigestSchedule
    from protection_tasks.models import Task

    now = timezone.now()
    counts = dict(Task.objects.order_by().values_list("operation").annotate(n=Count("*")))
    by_size = sorted(CountryOperation.objects.all(), key=lambda operation: (-counts.get(operation.pk, 0), operation.pk))
    figure = DigestFigure(
        size=size,
        operations=len(by_size),
        queries_largest=queries_per_digest(by_size[0], now),
        queries_smallest=queries_per_digest(by_size[-1], now),
        seconds=None,
        sent=0,
        mails=0,
    )
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        figure.note = "no REDIS_URL: no worker started"
        return figure
    schedules = _schedules(now)
    worker = None
    try:
        with tempfile.TemporaryDirectory() as mail_dir:
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "benchmarks.worker_settings",
                "DATABASE_URL": database_url(),
                "CMCOORD_BENCH_MAIL_DIR": mail_dir,
                "CMCOORD_BENCH_QUEUE": f"benchmark-digests-{uuid.uuid4().hex[:8]}",
            }
            worker = _start_worker(env)
            time.sleep(3)  # the worker connects to the broker before the dispatcher's call is timed
            start = time.perf_counter()
            subprocess.run(  # noqa: S603 - fixed arguments
                [sys.executable, "-m", "celery", "-A", "cmcoord", "call", "digests.dispatch",
                 "--queue", env["CMCOORD_BENCH_QUEUE"]],
                cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL,
            )  # fmt: skip
            mine = Digest.objects.filter(schedule__in=schedules)
            deadline = time.monotonic() + TIMEOUT_SECONDS
            while time.monotonic() < deadline:
                done = mine.filter(status__in=[DigestStatus.SENT, DigestStatus.FAILED]).count()
                if done >= len(schedules) and mine.count() >= len(schedules):
                    figure.seconds = time.perf_counter() - start
                    break
                time.sleep(0.1)
            else:
                figure.note = f"timed out after {TIMEOUT_SECONDS} s"
            figure.sent = mine.filter(status=DigestStatus.SENT).count()
            figure.mails = len(list(Path(mail_dir).iterdir()))
    finally:
        if worker is not None:
            worker.terminate()
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()
        Digest.objects.filter(schedule__in=schedules).delete()
        DigestSchedule.objects.filter(pk__in=[schedule.pk for schedule in schedules]).delete()
    return figure


def table(figures: list[DigestFigure]) -> list[str]:
    header = (
        f"{'digests':10} {'operations':>10} {'queries (largest/smallest)':>27} {'worker s':>9} {'sent':>5} {'mails':>6}"
    )
    lines = [header, "-" * len(header)]
    for figure in figures:
        seconds = "-" if figure.seconds is None else f"{figure.seconds:.1f}"
        if figure.seconds is not None and figure.seconds >= TARGET_SECONDS:
            seconds += "!"
        queries = f"{figure.queries_largest}/{figure.queries_smallest}"
        lines.append(
            f"{figure.size:10} {figure.operations:>10} {queries:>27} {seconds:>9} {figure.sent:>5} {figure.mails:>6}"
            + (f"  ({figure.note})" if figure.note else "")
        )
    lines.append("")
    lines.append(
        f"worker s: from the dispatcher's call to the last digest sent, every operation's HCT digest built and "
        f"mailed by a real Celery worker (its own process, {os.cpu_count()} pool processes); target under "
        f"{TARGET_SECONDS} s. "
        f"Queries: building one digest in this process, for the operation with the most and the fewest tasks."
    )
    return lines
