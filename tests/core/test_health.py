"""``/healthz`` (liveness: no database) and ``/readyz`` (database, Redis, beat, worker), read without sign-in and
revealing nothing but a word per check, in each state a monitor meets."""

import json
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
import yaml
from django.core.management import CommandError, call_command
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from cmcoord.core.models import Heartbeat
from cmcoord.core.tasks import heartbeat

ROOT = Path(__file__).resolve().parents[2]
CHECKS = {"database", "redis", "beat", "worker"}


def test_liveness_answers_without_sign_in_and_without_the_database(client):
    response = client.get("/healthz")  # without the ``db`` fixture: a query would fail the test
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]
    assert client.get("/health/").json() == {"status": "ok"}  # the earlier address keeps working for monitors


def test_readiness_on_the_embedded_default_needs_only_the_database(client, db, settings):
    settings.REDIS_URL = ""
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ready",
        "checks": {"database": "ok", "redis": "not used", "beat": "not used", "worker": "not used"},
    }


def _beat_ticked(at):
    every_minute, _ = IntervalSchedule.objects.get_or_create(every=1, period=IntervalSchedule.MINUTES)
    PeriodicTask.objects.update_or_create(
        name="heartbeat, health test",
        defaults={"task": "cmcoord.core.heartbeat", "interval": every_minute, "last_run_at": at},
    )


def test_readiness_with_every_service_up(client, db, settings, own_redis):
    settings.REDIS_URL = own_redis.url
    _beat_ticked(timezone.now() - timedelta(minutes=2))
    heartbeat.delay()  # a worker runs it (in-process here)
    response = client.get("/readyz")
    assert response.status_code == 200, response.content
    assert response.json() == {"status": "ready", "checks": dict.fromkeys(CHECKS, "ok")}


def test_redis_down_makes_it_unready_and_says_only_which(client, db, settings, own_redis):
    settings.REDIS_URL = own_redis.url
    _beat_ticked(timezone.now())
    heartbeat.delay()
    own_redis.stop()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "redis": "failing", "beat": "ok", "worker": "ok"},
    }
    assert str(own_redis.port) not in response.text and "Error" not in response.text
    own_redis.start()
    assert client.get("/readyz").status_code == 200


def test_a_silent_beat_and_a_silent_worker_are_stale(client, db, settings, own_redis):
    settings.REDIS_URL = own_redis.url
    settings.READINESS_BEAT_MINUTES, settings.READINESS_WORKER_MINUTES = 10, 5
    checks = client.get("/readyz").json()["checks"]
    assert (checks["beat"], checks["worker"]) == ("stale", "stale")  # never seen at all

    _beat_ticked(timezone.now() - timedelta(minutes=11))
    Heartbeat.objects.create(name="worker", at=timezone.now() - timedelta(minutes=6))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "redis": "ok", "beat": "stale", "worker": "stale"}

    _beat_ticked(timezone.now() - timedelta(minutes=9))
    heartbeat.delay()
    assert client.get("/readyz").json() == {"status": "ready", "checks": dict.fromkeys(CHECKS, "ok")}


def test_a_database_that_does_not_answer_is_failing_and_the_liveness_holds(client, db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    refused = OperationalError("connection refused")
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=refused):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "failing", "redis": "failing", "beat": "failing", "worker": "failing"},
    }
    assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_the_probes_take_no_sign_in_and_no_other_method(client, db, path):
    assert client.get(path).status_code in {200, 503}
    assert client.get(path).headers["Content-Type"] == "application/json"
    for method in ("post", "put", "delete"):
        assert getattr(client, method)(path).status_code == 405, method


def test_the_readiness_command_is_the_endpoints_check_for_containers(db, settings, capsys):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # Redis configured, beat never seen
    with pytest.raises(CommandError, match="not ready"):
        call_command("readiness", "beat")
    assert json.loads(capsys.readouterr().out) == {"beat": "stale"}
    call_command("readiness", "database")
    assert json.loads(capsys.readouterr().out) == {"database": "ok"}
    with pytest.raises(CommandError, match="Unknown check"):
        call_command("readiness", "everything")


def test_docker_compose_checks_the_probes_this_code_answers():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    web_check = " ".join(services["web"]["healthcheck"]["test"])
    assert "http://127.0.0.1:8000/healthz" in web_check and reverse("healthz") == "/healthz"
    assert services["beat"]["healthcheck"]["test"] == ["CMD", "python", "manage.py", "readiness", "beat"]
    assert "media:/app/media" in services["worker"]["volumes"]  # the worker's export files reach the web server
