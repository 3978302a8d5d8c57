"""A real Celery beat and worker, as separate processes on the Redis broker and the test's PostgreSQL database,
produce a digest and deliver its mail: beat runs the dispatcher, the dispatcher queues the build, the worker
builds and sends. Required in CI (CMCOORD_REQUIRE_SERVICES=1), where Redis and PostgreSQL run."""

import os
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from cmcoord.core.choices import Role, Standing
from digests.choices import Audience, DigestStatus, Frequency
from digests.models import Digest, DigestSchedule
from tests.factories import CountryOperationFactory, MembershipFactory

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 40  # seconds: the worker and beat start in a few, the dispatcher runs every second


def _database_url():
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def _start(*arguments, env):
    return subprocess.Popen(  # noqa: S603 - fixed arguments
        [sys.executable, "-m", "celery", "-A", "cmcoord", *arguments],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _stop(process) -> str:
    process.terminate()
    try:
        return process.communicate(timeout=20)[0]
    except subprocess.TimeoutExpired:
        process.kill()
        return process.communicate()[0]


@pytest.mark.services
@pytest.mark.celery_live
@pytest.mark.django_db(transaction=True)
def test_beat_and_a_worker_produce_a_stored_digest_and_a_delivered_mail(tmp_path):
    if not os.environ.get("REDIS_URL"):
        pytest.fail("REDIS_URL must point at a Redis server for this test")
    if connection.vendor != "postgresql":
        reason = "the worker and beat reach the test database only on PostgreSQL (SQLite's is in memory)"
        if os.environ.get("CMCOORD_REQUIRE_SERVICES", "").lower() in {"1", "true", "yes"}:
            pytest.fail(reason)
        pytest.skip(reason)

    # A schedule due now: daily at this hour, local to the operation, periods produced from two hours ago.
    operation = CountryOperationFactory(country="CF", name="Central African Republic", time_zone="Africa/Bangui")
    MembershipFactory(operation=operation, role=Role.HCT, user__username="hct.live", user__email="hct.live@example.org")
    now = timezone.now()
    local = timezone.localtime(now, operation.time_zone)
    DigestSchedule.objects.create(
        operation=operation,
        name="Live HCT digest",
        audience=Audience.HCT,
        frequency=Frequency.DAILY,
        hour=local.hour,
        starts_on=local.date() - timedelta(days=1),
        recipient_roles=[Standing.HCT],
        sections=["task-areas", "due-next"],
        dispatch_from=now - timedelta(hours=2),
    )
    # The dispatcher every second for this test (the shipped entry runs every five minutes), due at once.
    every_second, _ = IntervalSchedule.objects.get_or_create(every=1, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.create(
        name="digests dispatch, live test",
        task="digests.dispatch",
        interval=every_second,
        last_run_at=now - timedelta(hours=1),
    )

    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.digests.live_settings",
        "DATABASE_URL": _database_url(),
        "CMCOORD_TEST_MAIL_DIR": str(mail_dir),
        "CMCOORD_TEST_QUEUE": f"digests-test-{uuid.uuid4().hex[:8]}",
    }
    worker = _start(
        "worker", "--pool=solo", "-l", "info", "--without-gossip", "--without-mingle", "--without-heartbeat", env=env
    )
    beat = _start("beat", "-l", "info", "--max-interval", "1", "--pidfile=", env=env)
    output = ""
    try:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            sent = Digest.objects.filter(schedule__operation=operation, status=DigestStatus.SENT).first()
            if sent is not None and any(mail_dir.iterdir()):
                break
            time.sleep(0.5)
    finally:
        output = "\n--- worker ---\n" + _stop(worker) + "\n--- beat ---\n" + _stop(beat)

    digests = list(Digest.objects.filter(schedule__operation=operation))
    assert len(digests) == 1, output
    digest = digests[0]
    assert digest.status == DigestStatus.SENT, output
    assert digest.period_end <= now and digest.html and digest.text
    (delivery,) = digest.deliveries.all()
    assert delivery.address == "hct.live@example.org" and delivery.sent_at is not None
    messages = "".join(path.read_text() for path in mail_dir.iterdir())
    assert messages.count("To: hct.live@example.org") == 1, output
    assert "Work by task area" in messages
    assert "text/html" in messages
