"""Production settings refuse to start without PostgreSQL and Redis, and the image's build step still imports them."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVICES = {
    "DATABASE_URL": "postgres://cmcoord@db.example.org/cmcoord",
    "REDIS_URL": "redis://redis.example.org:6379/0",
}
REQUIRED = {
    "DJANGO_SECRET_KEY": "an-example-secret-key-for-the-settings-test-0123456789abcdef",
    "ALLOWED_HOSTS": "x.org",
}


def _run(*args, **env):
    """Run Python in the project with only ``env`` on top of a clean environment (no .env-style leftovers)."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in {"DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS"}
    }
    environment.update(env)
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True, check=False
    )


def _import_production(**env):
    return _run("-c", "import cmcoord.settings.production", **env)


def test_production_settings_import_with_both_services():
    result = _import_production(**REQUIRED, **SERVICES)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("missing", "message"),
    [("DATABASE_URL", "Set DATABASE_URL"), ("REDIS_URL", "Set REDIS_URL")],
)
def test_production_refuses_to_start_without_a_service(missing, message):
    env = {name: value for name, value in SERVICES.items() if name != missing}
    result = _import_production(**REQUIRED, **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_refuses_sqlite():
    result = _import_production(**REQUIRED, **{**SERVICES, "DATABASE_URL": "sqlite:////tmp/production.sqlite3"})
    assert result.returncode != 0
    assert "Set DATABASE_URL" in result.stderr


def test_production_refuses_a_broker_that_is_not_redis():
    result = _import_production(**REQUIRED, **{**SERVICES, "REDIS_URL": "memory://"})
    assert result.returncode != 0
    assert "Set REDIS_URL" in result.stderr


def test_the_image_build_collects_static_files_with_the_dockerfile_variables():
    """The Dockerfile's collectstatic step sets throwaway values so production settings import at build time."""
    dockerfile = (ROOT / "Dockerfile").read_text()
    step = re.search(r"^RUN (.*?manage\.py collectstatic[^\n]*)", dockerfile, re.MULTILINE | re.DOTALL).group(1)
    build_env = dict(re.findall(r'(\w+)="([^"]*)"', step))
    settings_module = re.search(r"DJANGO_SETTINGS_MODULE=(\S+)", dockerfile).group(1)
    assert {"DATABASE_URL", "REDIS_URL"} <= set(build_env)

    result = _run(
        "manage.py", "collectstatic", "--noinput", "--dry-run", DJANGO_SETTINGS_MODULE=settings_module, **build_env
    )
    assert result.returncode == 0, result.stderr
    assert "static files copied" in result.stdout
