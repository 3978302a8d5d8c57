"""The installable app on an emulated slow link (``manage.py benchmark --slow-link``): Chromium, throttled through
the DevTools protocol to 400 ms of latency and 400 kbit/s each way, against a server of the benchmark's data with
production's static files (hashed, compressed, served by WhiteNoise, precached by the service worker).

Prints, as figures (no assertion anywhere times anything):

* the task list's first load: time to the ``load`` event and bytes transferred;
* a repeat visit of the task list, the service worker installed (target: under 1 s and under 30 KB);
* the time to send an outbox of 100 queued entries (progress notes on 50 tasks, two each) once online (target:
  under 10 s), through the page's own sending code (``static/js/outbox.js``), and that each arrived once.

The server shares the command's database connection (the data is rolled back afterwards), so it answers one request
at a time, as a lock around it ensures; the browser's requests still wait out their latency side by side.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
import time

from django.conf import settings
from django.core import signals
from django.core.management import call_command
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import DEFAULT_DB_ALIAS, close_old_connections, connections
from django.test import Client
from django.test.testcases import LiveServerThread
from django.test.utils import override_settings

from cmcoord.settings import base

CHROMIUM = os.environ.get("CMCOORD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"]
SLOW = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8}
ENTRIES = 100
PARALLEL_NOTE = "notes on 50 tasks, two each: entries to one task go in order, six tasks at once"

# Every response's bytes on the wire, per request, from the DevTools protocol's own count.
TRANSFERRED = "Network.loadingFinished"

QUEUE = """async ([references, csrf]) => {
  const user = document.getElementById("device-status").getAttribute("data-user");
  const now = Date.now();
  for (let n = 0; n < references.length; n++) {
    const reference = references[n];
    await CMCoordStore.putEntry({
      id: crypto.randomUUID(), key: crypto.randomUUID(), user: user, route: `/api/v1/tasks/${reference}/notes/`,
      method: "POST", body: {text: `Benchmark note ${n} on ${reference}`}, version: null, after: null,
      afterField: null, draftKey: null, draftName: "task-note", draft: null, page: {action: "", fields: []},
      labels: {}, url: location.pathname, title: document.title, summary: "", queuedAt: now + n,
      state: "waiting", message: ""
    });
  }
  return (await CMCoordStore.entries()).length;
}"""
SEND = """async () => {
  const answers = {};
  const fetch = window.fetch;
  window.fetch = (...args) => fetch(...args).then(r => { answers[r.status] = (answers[r.status] || 0) + 1; return r; });
  const start = performance.now();
  await CMCoordOutbox.send();
  const ms = performance.now() - start;
  window.fetch = fetch;
  return {ms, answers, left: (await CMCoordStore.entries()).length};
}"""


class _OneAtATime:
    """A WSGI application answering one request at a time: the server's threads share one database connection."""

    def __init__(self, application):
        self.application = application
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            return [b"".join(self.application(environ, start_response))]


class _SharedConnectionServer(ThreadedWSGIServer):
    def _close_connections(self):
        """Kept open: the command's own connection, in the transaction its data will be rolled back with."""


class _Server(LiveServerThread):
    server_class = _SharedConnectionServer


def _server():
    # As the test client does: a request neither starts nor ends by closing the connection, which is in the
    # command's transaction (it would read that as "not in autocommit" and close it).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    shared = connections[DEFAULT_DB_ALIAS]
    shared.inc_thread_sharing()
    server = _Server("localhost", static_handler=_OneAtATime, connections_override={shared.alias: shared})
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    return server


def _throttle_workers(browser_cdp, seen: set) -> None:
    """The service worker's own requests (the pages it fetches from the network) throttled as the page's: a
    page's emulation does not reach another target."""
    for target in browser_cdp.send("Target.getTargets")["targetInfos"]:
        if target["type"] != "service_worker" or target["targetId"] in seen:
            continue
        seen.add(target["targetId"])
        session = browser_cdp.send("Target.attachToTarget", {"targetId": target["targetId"], "flatten": False})
        for number, (method, params) in enumerate(
            [("Network.enable", {}), ("Network.emulateNetworkConditions", SLOW)], start=1
        ):
            message = json.dumps({"id": number, "method": method, "params": params})
            browser_cdp.send("Target.sendMessageToTarget", {"sessionId": session["sessionId"], "message": message})


WORKER_SIZES: dict = {}  # bytes of the service worker's requests during a visit, by request id


def _worker_message(event) -> None:
    message = json.loads(event["message"])
    if message.get("method") == TRANSFERRED:
        WORKER_SIZES[message["params"]["requestId"]] = message["params"]["encodedDataLength"]


def _visit(page, cdp, url) -> tuple[float, int]:
    """Open ``url``: seconds to its load event, and bytes transferred by the page's requests and by those the
    service worker made for it."""
    sizes = {}
    WORKER_SIZES.clear()
    listener = lambda event: sizes.__setitem__(event["requestId"], event["encodedDataLength"])  # noqa: E731
    cdp.on(TRANSFERRED, listener)
    start = time.perf_counter()
    response = page.goto(url, wait_until="load")
    elapsed = time.perf_counter() - start
    page.wait_for_load_state("networkidle")
    cdp.remove_listener(TRANSFERRED, listener)
    if response is None or response.status != 200:
        raise RuntimeError(f"{url} answered {response.status if response else 'nothing'}")
    return elapsed, sum(sizes.values()) + sum(WORKER_SIZES.values())


def measure(user, task_list_url: str, tasks, write) -> None:
    """Drive Chromium over the emulated link as ``user`` and ``write`` the figures."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM's reads here are plain synchronous ones.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    from protection_tasks.models import TimelineEntry

    task_url = tasks[0].get_absolute_url()  # read before Playwright's loop (see below)
    before = TimelineEntry.objects.filter(text__startswith="Benchmark note").count()
    references = [tasks[n % (ENTRIES // 2)].reference for n in range(ENTRIES)]
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    static_root = tempfile.mkdtemp(prefix="cmcoord-slowlink-")
    with override_settings(
        STATIC_ROOT=static_root, STORAGES=base.STORAGES, MIDDLEWARE=base.MIDDLEWARE, DEBUG=False,
        ALLOWED_HOSTS=["localhost", "127.0.0.1"],
    ):  # fmt: skip
        call_command("collectstatic", interactive=False, verbosity=0)
        server = _server()
        address = f"http://localhost:{server.port}"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
                context = browser.new_context(base_url=address, viewport={"width": 390, "height": 844})
                context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": address}])
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                browser_cdp, workers = browser.new_browser_cdp_session(), set()
                browser_cdp.on("Target.receivedMessageFromTarget", _worker_message)
                cdp.send("Network.enable")
                cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
                cdp.send("Network.emulateNetworkConditions", SLOW)
                write(f"Slow link (Chromium, {SLOW['latency']} ms, 400 kbit/s each way), a 390 px phone:")
                write(f"{'':45} {'seconds':>8} {'KB':>8}")
                first, first_bytes = _visit(page, cdp, task_list_url)
                write(f"{'task list, first load':45} {first:8.2f} {first_bytes / 1024:8.1f}")
                page.evaluate("navigator.serviceWorker.ready.then(r => !!r.active)")
                page.reload(wait_until="networkidle")  # the worker installed and in control, its precache full
                _throttle_workers(browser_cdp, workers)
                repeat, repeat_bytes = _visit(page, cdp, task_list_url)
                write(f"{'task list, repeat visit (target < 1 s, 30 KB)':45} {repeat:8.2f} {repeat_bytes / 1024:8.1f}")

                _visit(page, cdp, task_url)
                queued = page.evaluate(QUEUE, [references, ""])
                sent = page.evaluate(SEND)
                browser.close()
            # Read outside Playwright's loop, whose context would open a connection of its own (not the shared one).
            arrived = TimelineEntry.objects.filter(text__startswith="Benchmark note").count() - before
            label = f"outbox of {queued} entries sent (target < 10 s)"
            write(f"{label:45} {sent['ms'] / 1000:8.2f}")
            answers = ", ".join(f"{n} x {code}" for code, n in sorted(sent["answers"].items()))
            write(f"  answers: {answers}; notes arrived: {arrived} (one each: {arrived == queued})")
            write(f"  entries left on the device: {sent['left']}; {PARALLEL_NOTE}")
        finally:
            server.terminate()
            connections[DEFAULT_DB_ALIAS].dec_thread_sharing()
            shutil.rmtree(static_root, ignore_errors=True)
            signals.request_started.connect(close_old_connections)
            signals.request_finished.connect(close_old_connections)
