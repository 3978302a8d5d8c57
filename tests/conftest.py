"""Shared fixtures: two operations and one person of every standing, plus Chromium for browser tests.

Browser and service tests are skipped where the machine lacks Chromium or Redis, unless the environment
requires them (CI sets CMCOORD_REQUIRE_BROWSER=1 and CMCOORD_REQUIRE_SERVICES=1): then a missing
browser or broker fails the run instead of hiding the tests.
"""

import copy
import os
import shutil
from dataclasses import dataclass

import pytest

from cmcoord.core.choices import Role
from tests.factories import (
    TEST_PASSWORD,
    CountryOperationFactory,
    UserFactory,
)
from tests.support import submit

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


def pytest_configure(config):
    """The translation catalogues as the pages read them: compiled afresh where a .po changed since (scripts/test does
    it too, on install; this covers a plain ``pytest`` after editing a catalogue)."""
    from django.conf import settings

    from cmcoord.core import catalogues

    catalogues.compile_all(settings.LOCALE_PATHS)


@pytest.hookimpl(trylast=True)  # after pytest-django has put the database tests first, the transactional ones next
def pytest_collection_modifyitems(config, items):
    _longest_transactional_tests_first(items)
    browser_missing = not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM))
    redis_missing = not os.environ.get("REDIS_URL")
    gettext_missing = not (shutil.which("xgettext") and shutil.which("msgfmt"))
    for item in items:
        # Where required, nothing is skipped: the fixtures then fail loudly on the missing browser or broker.
        if "browser" in item.keywords and browser_missing and not _required("CMCOORD_REQUIRE_BROWSER"):
            item.add_marker(pytest.mark.skipif(True, reason=f"no Chromium at {CHROMIUM}"))
        if "gettext" in item.keywords and gettext_missing and not _required("CMCOORD_REQUIRE_GETTEXT"):
            item.add_marker(pytest.mark.skipif(True, reason="GNU gettext (xgettext, msgfmt) is not installed"))
        if "services" in item.keywords and redis_missing and not _required("CMCOORD_REQUIRE_SERVICES"):
            item.add_marker(pytest.mark.skipif(True, reason="REDIS_URL is not set"))


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    in_transaction = marker is not None and bool(marker.kwargs.get("transaction"))
    return in_transaction or "transactional_db" in fixtures or "live_server" in fixtures


def _longest_transactional_tests_first(items) -> None:
    """Within the transactional tests (which pytest-django runs after the others, each emptying the database it
    leaves), those that load the demo first, then the browser's, so that no long one is left for the end of the run
    while the other worker has nothing to do (the workers take one test at a time: --maxschedchunk in scripts/test).
    """
    block = [index for index, item in enumerate(items) if _transactional(item)]
    if not block:
        return
    start, end = block[0], block[-1] + 1

    def weight(item) -> int:
        fixtures = getattr(item, "fixturenames", ())
        return 2 if "demo" in fixtures else 1 if item.get_closest_marker("browser") else 0

    items[start:end] = sorted(items[start:end], key=weight, reverse=True)


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
def default_language():
    """Each test starts and ends in the site's language: a page answered in French or Arabic activates that language
    for the thread (the middleware, as Django's, activates per request and never deactivates), and a test after it
    that builds a digest or a label outside a request would otherwise read French."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: no API rate counted by the tests before it (a module's people are built
    once for all its tests, and its fuzzing tests ask the API by the hundred: 429), no layout drawn by another."""
    from tests.support import clear_cache

    clear_cache()


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
def retrying_worker():
    """In-process tasks that retry as a worker does (Celery re-runs a retried eager task only when it does not
    propagate errors; the test settings propagate them so that a failing task fails its test)."""
    from cmcoord.celery import app

    propagates = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = propagates


def build_world():
    """Two operations and one user of every standing, inserted in bulk (21 queries): nearly every test starts here."""
    from django.contrib.auth import get_user_model
    from simple_history.utils import bulk_create_with_history

    from cmcoord.operations.models import HeadquartersAccess, Membership

    operation = CountryOperationFactory(country="CF", name="Central African Republic")
    other = CountryOperationFactory(country="ML", name="Mali", time_zone="Africa/Bamako")
    names = ["officer", "head", "hct", "other_officer", "hq", "hq_limited", "outsider"]
    users = [UserFactory.build(username=name) for name in names]
    users.append(UserFactory.build(username="admin", is_staff=True, is_superuser=True))
    users = get_user_model().objects.bulk_create(users)
    officer, head, hct, other_officer, hq, hq_limited, outsider, admin = users
    bulk_create_with_history(
        [
            Membership(operation=operation, role=Role.OFFICER, user=officer),
            Membership(operation=operation, role=Role.HEAD, user=head),
            Membership(operation=operation, role=Role.HCT, user=hct),
            Membership(operation=other, role=Role.OFFICER, user=other_officer),
        ],
        Membership,
    )
    _everywhere, limited = bulk_create_with_history(
        [HeadquartersAccess(user=hq, all_operations=True), HeadquartersAccess(user=hq_limited, all_operations=False)],
        HeadquartersAccess,
    )
    limited.operations.set([other])
    return World(operation, other, officer, head, hct, hq, hq_limited, other_officer, outsider, admin)


# --- Data shared by the tests of one module ---------------------------------------------------------------------
# As Django's TestCase.setUpTestData: one transaction around a module holds what its tests share, built once; each
# test's own transaction is a savepoint inside it, so what a test writes is gone before the next. A module that holds
# a transactional test (a flush, a live server) shares nothing: each of its tests builds its own.


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("serialized_rollback")):
        return True
    return bool({"transactional_db", "live_server", "django_db_reset_sequences"} & set(item.fixturenames))


class ModuleTransaction:
    def __init__(self, module, blocker, active):
        self.module, self.blocker, self.active = module, blocker, active

    def build(self, function, *args, **kwargs):
        """``function(*args, **kwargs)`` written inside the module's transaction (``None`` where it has none)."""
        if not self.active:
            return None
        with self.blocker.unblock():
            return function(*args, **kwargs)

    def require(self):
        if not self.active:
            raise pytest.UsageError(f"{self.module.__name__} shares data but holds transactional tests")
        return self


@pytest.fixture(scope="module")
def module_transaction(request, django_db_setup, django_db_blocker):
    from django.db import transaction

    if any(item.module is request.module and _transactional(item) for item in request.session.items):
        yield ModuleTransaction(request.module, django_db_blocker, active=False)
        return
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        yield ModuleTransaction(request.module, django_db_blocker, active=True)
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="module")
def module_world(module_transaction):
    return module_transaction.build(build_world)


@pytest.fixture
def world(module_world, db):
    """The module's world, as a copy of its own: a test that changes an object in memory changes nothing of the
    next test's. Built afresh for each test of a module that holds transactional tests."""
    return build_world() if module_world is None else copy.deepcopy(module_world)


@pytest.fixture
def guidance_note_catalogue(transactional_db):
    """The catalogue a transactional test's flush removed, loaded again (``tests.support.load_catalogue``)."""
    from tests.support import load_catalogue

    load_catalogue()


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

    def forget_session():
        # The person signs out elsewhere, or the session ends: the cookies go. The page is left first, so that its
        # scripts' requests (the device's offline data) do not go on without a session under the next sign-in.
        page.goto("about:blank")
        context.clear_cookies()

    page.forget_session = forget_session
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
        submit(page, page.get_by_role("button", name="Sign in"))
        return page

    return _sign_in


# --- A Redis server of the test's own (fault tests stop and start it; the shared one is never touched) ----------


class OwnRedis:
    """A ``redis-server`` on a free port, no persistence: ``url``, ``stop()``, ``start()`` (same port)."""

    def __init__(self, directory):
        import socket

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.directory = directory
        self.process = None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 10) -> None:
        import subprocess
        import time

        import redis

        self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
            [
                *(REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--protected-mode", "yes"),
                *("--save", "", "--appendonly", "no", "--dir", str(self.directory)),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.5, socket_timeout=0.5)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if client.ping():
                    return
            except redis.RedisError:
                time.sleep(0.05)
        self.stop()
        pytest.fail(f"redis-server did not answer on port {self.port} within {timeout} s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()  # as a crash would: nothing is saved anyway (no persistence)
            self.process.wait(timeout=10)
        self.process = None


REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


@pytest.fixture
def own_redis(tmp_path):
    """A Redis server of this test's own, started; stopped at the end whatever happened."""
    if not os.path.exists(REDIS_SERVER):
        if _required("CMCOORD_REQUIRE_SERVICES"):
            pytest.fail(f"redis-server is required here but missing at {REDIS_SERVER}")
        pytest.skip(f"no redis-server at {REDIS_SERVER}")
    server = OwnRedis(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def postgresql(db):
    """For tests of PostgreSQL's own faults (a connection ended by ``pg_terminate_backend``): skipped on SQLite,
    unless the environment requires the services (CI), where SQLite fails the test instead."""
    from django.db import connection

    if connection.vendor != "postgresql":
        if _required("CMCOORD_REQUIRE_SERVICES"):
            pytest.fail("These tests need DATABASE_URL to point at PostgreSQL")
        pytest.skip("needs PostgreSQL (DATABASE_URL)")


@pytest.fixture
def terminate_backend(postgresql):
    """``terminate_backend()`` ends the test's own database connection from the server's side, as a restart or a
    failover does (``pg_terminate_backend`` from a second connection; only ever our own backend)."""
    import psycopg
    from django.db import connection

    settings_dict = connection.settings_dict
    admin = psycopg.connect(
        host=settings_dict["HOST"],
        port=settings_dict["PORT"] or 5432,
        user=settings_dict["USER"],
        password=settings_dict["PASSWORD"] or None,
        dbname=settings_dict["NAME"],
        autocommit=True,
    )

    def _terminate(conn=None):
        conn = conn or connection
        if conn.connection is None or conn.connection.closed:
            return
        pid = conn.connection.info.backend_pid
        admin.execute("SELECT pg_terminate_backend(%s, 5000)", [pid])

    yield _terminate
    admin.close()
