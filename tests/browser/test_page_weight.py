"""In Chromium: the bytes a slow link carries for the task list, served the way production serves it.

Static files come from ``collectstatic`` with hashed names and gzip copies, served by WhiteNoise (production's
``STORAGES`` and middleware) from a server of this test's own: the shared live server hands static files to
Django's development handler, which knows neither. Budgets from the hardening issue "Pages that fail people
in the field": first load of the task list under 150 KB, a later page under 30 KB in a single request.
``cmcoord/core/pageweight.py`` computes the same figures for ``manage.py benchmark``.
"""

import datetime

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connections
from django.test import Client
from django.test.testcases import LiveServerThread
from django.utils import timezone

from cmcoord.core.pageweight import FIRST_LOAD_BUDGET, LATER_PAGE_BUDGET
from cmcoord.settings import base
from tests.factories import TaskFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every request the page made, with the bytes that crossed the network (0 when the browser's cache answered).
TRANSFERS = """() => performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource"))
    .map(entry => ({url: entry.name, bytes: entry.transferSize}))"""


@pytest.fixture
def production_server(settings, tmp_path):
    """A server of the test database with production's static files: hashed, compressed, served by WhiteNoise."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = base.STORAGES
    settings.MIDDLEWARE = base.MIDDLEWARE
    call_command("collectstatic", interactive=False, verbosity=0)
    in_memory = {c.alias: c for c in connections.all() if c.vendor == "sqlite" and c.is_in_memory_db()}
    for connection in in_memory.values():
        connection.inc_thread_sharing()
    # No static handler in front: requests for /static/ reach WhiteNoise in the middleware, as in production.
    server = LiveServerThread(
        "localhost", static_handler=lambda application: application, connections_override=in_memory
    )
    server.daemon = True
    server.start()
    server.is_ready.wait()
    try:
        if server.error:
            raise server.error
        yield f"http://localhost:{server.port}"
    finally:
        server.terminate()
        for connection in in_memory.values():
            connection.dec_thread_sharing()


@pytest.fixture
def officer_context(browser, production_server, world):
    """A browser with an empty cache, signed in as the officer (session cookie set directly, so that signing in
    does not fill the cache before the first measured page)."""
    client = Client()
    client.force_login(world.officer)
    context = browser.new_context(base_url=production_server, viewport={"width": 390, "height": 844})
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": django_settings.SESSION_COOKIE_NAME, "value": cookie, "url": production_server}])
    yield context
    context.close()


def visit(page, url):
    """Open ``url`` and return the requests that used the network, as {url: transferred bytes}."""
    response = page.goto(url)
    assert response.status == 200, url
    page.wait_for_load_state("networkidle")
    return {entry["url"]: entry["bytes"] for entry in page.evaluate(TRANSFERS) if entry["bytes"] > 0}


def test_task_list_first_load_and_a_later_page_fit_a_slow_link(officer_context, world):
    # A full first page of the list (50 rows), some overdue, with long titles.
    today = timezone.localdate()
    tasks = [
        TaskFactory(
            operation=world.operation, owner=world.officer, status="in_progress", urgency=3,
            title=f"Follow up with the zone commander on checkpoint extortion along the Bambari road, item {n}",
            due_date=today + datetime.timedelta(days=n - 5),
        )
        for n in range(50)
    ]  # fmt: skip
    page = officer_context.new_page()

    first = visit(page, "/operations/CAF/tasks/")
    static = [url for url in first if "/static/" in url]
    assert static and all(len(url.rsplit("/", 1)[1].split(".")) >= 3 for url in static), static  # hashed names
    first_total = sum(first.values())
    print(f"\ntask list, first load: {first_total / 1024:.1f} KB in {len(first)} requests")
    assert first_total < FIRST_LOAD_BUDGET, first

    later = visit(page, tasks[0].get_absolute_url())
    later_total = sum(later.values())
    print(f"task page, later: {later_total / 1024:.1f} KB in {len(later)} request(s)")
    assert len(later) == 1, later  # the HTML alone: every static file comes from the cache, unasked
    assert later_total < LATER_PAGE_BUDGET, later

    again = visit(page, "/operations/CAF/tasks/")
    assert len(again) == 1, again


def test_static_files_are_compressed_and_cached_forever(officer_context):
    page = officer_context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto("/operations/CAF/tasks/")
    page.wait_for_load_state("networkidle")
    static = [r for r in responses if "/static/" in r.url]
    assert {r.url.rsplit(".", 1)[1] for r in static} >= {"css", "js", "svg"}
    for response in static:
        headers = response.all_headers()
        assert "immutable" in headers["cache-control"] and "max-age=315360000" in headers["cache-control"], response
        if response.url.endswith((".css", ".js")):
            assert headers.get("content-encoding") in {"gzip", "br"}, response.url
