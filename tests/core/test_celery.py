"""Celery: in-process by default, and a real worker process consuming from the Redis broker where one is set."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from cmcoord.celery import app
from cmcoord.core.tasks import ping

ROOT = Path(__file__).resolve().parents[2]


def test_configuration_is_json_only_with_time_limits():
    assert app.conf.task_serializer == "json"
    assert app.conf.accept_content == ["json"]
    assert app.conf.task_time_limit and app.conf.task_soft_time_limit < app.conf.task_time_limit
    assert app.conf.beat_scheduler == "django_celery_beat.schedulers:DatabaseScheduler"


def test_every_task_is_acknowledged_late_and_retries_on_a_lost_database_connection():
    """A worker killed mid-task leaves the message to come back (late acknowledgement, one message at a time), and
    a lost database connection retries the task instead of failing it (the task base)."""
    from cmcoord.core.outage import DatabaseRetryTask

    assert app.conf.task_acks_late and app.conf.worker_prefetch_multiplier == 1
    app.loader.import_default_modules()
    ours = [task for name, task in app.tasks.items() if not name.startswith("celery.")]
    assert len(ours) >= 8
    assert all(isinstance(task, DatabaseRetryTask) for task in ours)


@pytest.mark.skipif(bool(os.environ.get("REDIS_URL")), reason="the embedded default applies only without REDIS_URL")
def test_embedded_default_runs_tasks_in_process(db):
    assert settings.CELERY_TASK_ALWAYS_EAGER
    assert ping.delay().get(timeout=5)["database"] is True


def _worker_database_url():
    """The test database, so the worker reads what the test process set up (SQLite's is in memory: none)."""
    from django.db import connection

    db = connection.settings_dict
    if connection.vendor != "postgresql":
        return "sqlite:///:memory:"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.mark.services
def test_real_worker_on_redis_returns_a_result(db):
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        pytest.fail("REDIS_URL must point at a Redis server for this test")
    assert not app.conf.task_always_eager
    assert app.conf.broker_url.startswith("redis://")
    queue = f"test-{uuid.uuid4().hex[:8]}"  # a queue of our own: no other worker can take the task
    worker = subprocess.Popen(  # noqa: S603 - fixed arguments
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "cmcoord",
            "worker",
            "--pool=solo",
            "-Q",
            queue,
            "-l",
            "warning",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cmcoord.settings.test", "DATABASE_URL": _worker_database_url()},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        result = ping.apply_async(queue=queue).get(timeout=60)
    finally:
        worker.terminate()
        output = worker.communicate(timeout=30)[0]
    assert result["database"] is True, output
    assert result["host"]
