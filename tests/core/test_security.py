"""Security headers, friendly error pages and production settings."""

import os
import subprocess
import sys
from pathlib import Path

from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def test_csp_header_with_nonce_and_no_unsafe_inline(client, world, login):
    response = login(world.officer).get(reverse("home"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self' 'nonce-" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"


def test_sign_in_page_has_csp(client):
    assert "Content-Security-Policy" in client.get(reverse("login"))


def test_friendly_404(client, world, login):
    response = login(world.officer).get("/no/such/page/")
    assert response.status_code == 404
    assert "This page does not exist, or it belongs to an operation you do not have access to." in response.text
    assert "Back to your operations" in response.text


def test_friendly_403(client, world, login):
    response = login(world.hct).get(reverse("operations:settings", kwargs={"code": "CAF"}))
    assert response.status_code == 403
    assert "Your role does not allow this." in response.text


def _manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, check=False
    )


def test_production_refuses_to_start_without_secret_key():
    result = _manage("check", DJANGO_SETTINGS_MODULE="cmcoord.settings.production", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _manage("check", DJANGO_SETTINGS_MODULE="cmcoord.settings.production", DJANGO_SECRET_KEY="k" * 60)
    assert result.returncode != 0
    assert "Set ALLOWED_HOSTS" in result.stderr


def test_production_passes_check_deploy_without_warnings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="cmcoord.settings.production",
        DJANGO_SECRET_KEY="an-example-secret-key-for-the-deploy-check-0123456789abcdef",
        ALLOWED_HOSTS="cmcoord.example.org",
        DATABASE_URL="postgres://cmcoord@localhost/cmcoord",  # the check connects to neither service
        REDIS_URL="redis://localhost:6379/0",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
