"""Shared fixtures: two operations and one person of every standing, plus Chromium for browser tests.

Browser and service tests are skipped where the machine lacks Chromium or Redis, unless the environment
requires them (CI sets CMCOORD_REQUIRE_BROWSER=1 and CMCOORD_REQUIRE_SERVICES=1): then a missing
browser or broker fails the run instead of hiding the tests.
"""

import os
import shutil
from dataclasses import dataclass

import pytest

from cmcoord.core.choices import Role
from tests.factories import (
    TEST_PASSWORD,
    CountryOperationFactory,
    HeadquartersAccessFactory,
    MembershipFactory,
    UserFactory,
)

CHROMIUM = os.environ.get("CMCOORD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _required(variable: str) -> bool:
    return os.environ.get(variable, "").lower() in {"1", "true", "yes"}


def pytest_collection_modifyitems(config, items):
    browser_missing = not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM))
    redis_missing = not os.environ.get("REDIS_URL")
    for item in items:
        # Where required, nothing is skipped: the fixtures then fail loudly on the missing browser or broker.
        if "browser" in item.keywords and browser_missing and not _required("CMCOORD_REQUIRE_BROWSER"):
            item.add_marker(pytest.mark.skipif(True, reason=f"no Chromium at {CHROMIUM}"))
        if "services" in item.keywords and redis_missing and not _required("CMCOORD_REQUIRE_SERVICES"):
            item.add_marker(pytest.mark.skipif(True, reason="REDIS_URL is not set"))


@dataclass
class World:
    """Two operations and one user of every standing; ``other`` belongs only to the second operation."""

    operation: object
    other_operation: object
    officer: object
    head: object
    hct: object
    hq: object
    hq_limited: object  # HQ reader of the other operation only
    other_officer: object
    outsider: object  # signed in, belongs nowhere
    admin: object  # superuser without membership

    def by_role(self, name):
        return getattr(self, name)


@pytest.fixture(autouse=True)
def in_process_tasks(request):
    """Celery tasks run in the test's process even where REDIS_URL is set (as in CI), so that a test sees what a
    task did; the tests of real services (marked ``services``) keep the broker they test."""
    from cmcoord.celery import app

    if request.node.get_closest_marker("services"):
        yield
        return
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = eager


@pytest.fixture
def world(db):
    operation = CountryOperationFactory(country="CF", name="Central African Republic")
    other = CountryOperationFactory(country="ML", name="Mali", time_zone="Africa/Bamako")
    officer = MembershipFactory(operation=operation, role=Role.OFFICER, user__username="officer").user
    head = MembershipFactory(operation=operation, role=Role.HEAD, user__username="head").user
    hct = MembershipFactory(operation=operation, role=Role.HCT, user__username="hct").user
    other_officer = MembershipFactory(operation=other, role=Role.OFFICER, user__username="other_officer").user
    hq = HeadquartersAccessFactory(user__username="hq", all_operations=True).user
    hq_limited = HeadquartersAccessFactory(user__username="hq_limited", all_operations=False, operations=[other]).user
    outsider = UserFactory(username="outsider")
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    return World(operation, other, officer, head, hct, hq, hq_limited, other_officer, outsider, admin)


@pytest.fixture
def gazetteer(db):
    """The demo countries' admin 1 and admin 2 units (``demo/data/gazetteer/*.csv``), loaded as ``seed_demo`` does."""
    from cmcoord.gazetteer.services import gazetteer_import
    from demo.schema import DATA_DIR

    for path in sorted((DATA_DIR / "gazetteer").glob("*.csv")):
        gazetteer_import(source=path)


@pytest.fixture
def login(client):
    """``login(user)`` signs the test client in as ``user`` and returns the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def password():
    return TEST_PASSWORD


# --- Browser (Playwright driving the system's Chromium) -------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        pytest.fail(f"Browser tests are required here but Chromium is missing at {CHROMIUM}")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser page whose console errors and failed requests are collected in ``page.problems``."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems = []

    def on_console(message):
        # A failed load is reported below with its address; the page's own status is asserted by the tests.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            page.problems.append(f"console: {message.text}")

    def on_response(response):
        if response.status >= 400 and response.request.resource_type != "document":
            page.problems.append(f"{response.status}: {response.url}")

    page.on("console", on_console)
    page.on("response", on_response)
    page.on("pageerror", lambda exc: page.problems.append(f"pageerror: {exc}"))

    def on_request_failed(request):
        # A request the browser dropped because the page navigated away (ERR_ABORTED) is no fault of the page.
        if "ERR_ABORTED" not in (request.failure or ""):
            page.problems.append(f"requestfailed: {request.url} {request.failure}")

    page.on("requestfailed", on_request_failed)
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def sign_in(page):
    """``sign_in(username)`` signs in through the real form."""

    def _sign_in(username, password=TEST_PASSWORD):
        page.goto("/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state("networkidle")
        return page

    return _sign_in
