"""Fault tests: the test's own Redis server (stopped and started at will), Celery pointed at it from the test's
process, and real worker processes started and killed with SIGKILL."""

import base64
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis

ROOT = Path(__file__).resolve().parents[2]
WAIT = 30  # seconds: the longest any test waits for one thing


def wait_for(condition, timeout=WAIT, what="the condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"{what} did not happen within {timeout} s")


class Broker:
    """Celery of the test's process on the test's own Redis: what is queued, and running it in-process."""

    def __init__(self, server):
        self.server = server
        self.redis = redis.Redis.from_url(server.url, socket_timeout=2)

    def queued(self, queue="celery") -> list[tuple[str, list]]:
        """(task name, arguments) of the messages waiting in ``queue``, oldest first."""
        return [self._decode(raw)[:2] for raw in reversed(self.redis.lrange(queue, 0, -1))]

    @staticmethod
    def _decode(raw):
        message = json.loads(raw)
        args, kwargs, _embed = json.loads(base64.b64decode(message["body"]))
        return message["headers"]["task"], args, kwargs

    def run_queued(self, queue="celery", limit=100) -> list[str]:
        """Run the waiting messages in this process, as a worker would, until none is left (what they queue
        included); returns the names of the tasks run."""
        from cmcoord.celery import app

        ran = []
        while (raw := self.redis.rpop(queue)) is not None and len(ran) < limit:
            name, args, kwargs = self._decode(raw)
            app.tasks[name].apply(args=args, kwargs=kwargs, throw=True)
            ran.append(name)
        return ran


@pytest.fixture
def broker(own_redis, settings):
    """Celery of this process sends to the test's own Redis (the cache uses it too); restored afterwards."""
    from cmcoord.celery import app

    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    settings.REDIS_URL = own_redis.url
    settings.CACHES = {"default": {"BACKEND": "cmcoord.core.cache.ResilientRedisCache", "LOCATION": own_redis.url}}
    app.conf.broker_url, app.conf.task_always_eager = own_redis.url, False
    app._pool, app.amqp._producer_pool = None, None
    yield Broker(own_redis)
    app.conf.update(saved)
    app._pool, app.amqp._producer_pool = None, None


@pytest.fixture
def workers(postgresql, own_redis, tmp_path, settings):
    """``workers.start(stall=None)`` starts a real Celery worker (solo pool) on the test's PostgreSQL database and
    own Redis; ``workers.kill(worker)`` sends it SIGKILL. Every worker still running is stopped at the end."""
    from django.db import connection

    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    mail, media = tmp_path / "mail", tmp_path / "media"
    settings.MEDIA_ROOT = media  # the test's process and its workers store files in the same folder
    mail.mkdir()
    media.mkdir()

    class Workers:
        mail_dir, mark = mail, tmp_path / "stalled"
        started = []

        def start(self, stall=None):
            env = {
                **{k: v for k, v in os.environ.items() if not k.startswith("CMCOORD_TEST_")},
                "DJANGO_SETTINGS_MODULE": "tests.faults.live_settings",
                "DATABASE_URL": f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}",
                "REDIS_URL": own_redis.url,
                "CMCOORD_TEST_MAIL_DIR": str(mail),
                "CMCOORD_TEST_MEDIA_ROOT": str(media),
                "CMCOORD_TEST_STALL_MARK": str(self.mark),
                **({"CMCOORD_TEST_STALL": stall} if stall else {}),
            }
            arguments = ["worker", "--pool=solo", "-l", "warning", "--without-gossip", "--without-mingle"]
            process = subprocess.Popen(  # noqa: S603 - fixed arguments
                [sys.executable, "-m", "celery", "-A", "cmcoord", *arguments, "--without-heartbeat"],
                cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            )  # fmt: skip
            self.started.append(process)
            return process

        def wait_until_stalled(self, worker, timeout=WAIT):
            wait_for(lambda: self.mark.exists() or worker.poll() is not None, timeout, "the worker's stall")
            assert worker.poll() is None, worker.communicate()[0]
            self.mark.unlink()

        @staticmethod
        def kill(worker):
            worker.send_signal(signal.SIGKILL)  # as the out-of-memory killer does: no clean-up, no acknowledgement
            worker.wait(timeout=10)

    yield Workers()
    for process in Workers.started:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
