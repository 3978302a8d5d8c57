"""Every page of the product, measured as one user: time (median), queries, database time, peak memory, size.

Figures, not assertions. Targets (printed beside the figures): at full size every page within 3x of its
demo-size time, none above 300 ms, no request growing memory by 50 MB or more.
"""

from __future__ import annotations

import gc
import logging
import math
import statistics
import time
import tracemalloc
import warnings
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import OperationalError
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from . import ideal, records

TARGET_RATIO = 3
TARGET_MS = 300
TARGET_PEAK_MB = 50
NOT_ALLOWED = "403"  # a page the user's standing does not open (HQ and an operation's set-up): no failure
SLOW_MS = 3000  # a page slower than this is timed once, not ``rounds`` times
API_PAGE_SIZE = 50
LIST_PAGE_SIZE = 50
TARGET_IDEAL_RATIO = 2
DEEP_PAGE = 500


@dataclass
class Figure:
    """What one page cost one user. ``outcome`` is "ok", "timeout", an HTTP status or an exception's name."""

    outcome: str
    ms: float | None = None
    queries: int | None = None
    sql_ms: float | None = None
    peak_mb: float | None = None
    kb: float | None = None
    ideal_ms: float | None = None  # the hand-written bare SQL of the page (benchmarks/ideal.py)


@dataclass
class Targets:
    """What the pages are measured on in one database: its largest operation, a well-linked task, actor and
    mission, and how deep the API's deep page can go for each user."""

    operation: str
    task: str
    actor: int
    mission: str
    api_pages: dict[str, int]
    records: list = field(default_factory=list)  # benchmarks.records.RecordTarget of each record type


BUSY = "busy"  # the busy officer of the largest operation (benchmarks.deployment.BUSY_OPEN_TASKS): My tasks only
MY_TASKS_DEEP_PAGE = 100


def page_list(targets: Targets, who: str) -> list[tuple[str, str]]:
    """(label, URL) of every page of the product, for ``who`` ("officer" or "HQ"); for the busy officer, who owns
    thousands of open tasks, the pages of My tasks."""
    if who == BUSY:
        return [
            ("my tasks", "/tasks/mine/"),
            ("my tasks: sort by title", "/tasks/mine/?sort=title"),
            (f"my tasks: page {MY_TASKS_DEEP_PAGE}", f"/tasks/mine/?page={MY_TASKS_DEEP_PAGE}"),
            (
                "my tasks: show completed",
                "/tasks/mine/?status=planned&status=in_progress&status=on_hold&status=completed",
            ),
        ]
    op = f"/operations/{targets.operation}"
    tasks = f"{op}/tasks/"
    deep_api = min(DEEP_PAGE, targets.api_pages[who])
    return [
        ("home", "/"),
        ("operation dashboard", f"{op}/"),
        ("operation about", f"{op}/about/"),
        ("operation history", f"{op}/history/"),
        ("task list", tasks),
        ("task list: search", f"{tasks}?q=convoy"),
        ("task list: sort by updated", f"{tasks}?sort=-updated"),
        ("task list: sort by title", f"{tasks}?sort=title"),
        (f"task list: page {DEEP_PAGE}", f"{tasks}?page={DEEP_PAGE}"),
        ("task list: status", f"{tasks}?status=in_progress"),
        ("task list: area", f"{tasks}?area=DI"),
        ("task list: overdue", f"{tasks}?overdue=on"),
        ("task detail", f"{tasks}{targets.task}/"),
        ("my tasks", "/tasks/mine/"),
        ("catalogue", f"{op}/catalogue/"),
        ("protection priorities", f"{op}/priorities/"),
        ("actor list", f"{op}/actors/"),
        ("actor detail", f"{op}/actors/{targets.actor}/"),
        ("stakeholder map", f"{op}/actors/map/"),
        ("network", f"{op}/actors/network/"),
        *(page for record in targets.records for page in record.pages()),
        ("mission list", "/missions/"),
        ("mission detail", f"/missions/{targets.mission}/"),
        ("HQ dashboard", "/hq/"),
        ("export: tasks CSV", f"{op}/exports/tasks/csv/"),
        ("export: tasks JSON", f"{op}/exports/tasks/json/"),
        ("export: actors CSV", f"{op}/exports/actors/csv/"),
        ("export: HQ summary CSV", "/exports/hq-summary/csv/"),
        ("API tasks", "/api/v1/tasks/"),
        ("API tasks: deep page", f"/api/v1/tasks/?page={deep_api}"),
        ("API operations", "/api/v1/operations/"),
    ]


def find_targets(country: str, alpha3: str, users: dict) -> Targets:
    """The pages' subjects in the connected database: a task and an actor of the largest operation that HQ may
    read too, with the most links; the mission with the most tasks; the API's last page for each user."""
    from django.db.models import Count

    from actors.models import Actor
    from cmcoord.core.access import Action
    from missions.models import Mission
    from protection_tasks.models import Task

    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(
            """SELECT t.reference FROM protection_tasks_task t
               WHERE t.operation_id = (SELECT id FROM operations_countryoperation WHERE country = %s)
                 AND t.sensitivity = 1
               ORDER BY EXISTS (SELECT 1 FROM missions_taskmission m WHERE m.task_id = t.id) DESC,
                 EXISTS (SELECT 1 FROM protection_tasks_task_protection_priorities p WHERE p.task_id = t.id) DESC,
                 EXISTS (SELECT 1 FROM actors_taskactor a WHERE a.task_id = t.id) DESC,
                 (SELECT count(*) FROM protection_tasks_timelineentry e WHERE e.task_id = t.id) DESC, t.id
               LIMIT 1""",
            [country],
        )
        task = cursor.fetchone()[0]
    actor = (
        Actor.objects.filter(operation__country=country, sensitivity=1)
        .annotate(n=Count("task_links"))
        .order_by("-n", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    mission = (
        Mission.objects.annotate(n=Count("task_links")).order_by("-n", "acronym").values_list("acronym", flat=True)
    ).first()
    api_pages = {
        who: max(1, math.ceil(Task.objects.restrict(user, Action.API).count() / API_PAGE_SIZE))
        for who, user in users.items()
    }
    return Targets(
        operation=alpha3,
        task=task,
        actor=actor,
        mission=mission,
        api_pages=api_pages,
        records=records.find(country, alpha3, DEEP_PAGE),
    )


def _is_timeout(error: BaseException) -> bool:
    return "statement timeout" in str(error) or "canceling statement" in str(error)


def _get(client: Client, url: str):
    """Request ``url`` and read the whole answer (a streamed export is read to its end), as a browser would."""
    response = client.get(url)
    # A streamed export is counted chunk by chunk, not gathered: gathering it would add the whole file to the
    # request's memory figure.
    response.size = sum(len(chunk) for chunk in response.streaming_content) if response.streaming else None
    if response.size is None:
        response.size = len(response.content)
    return response


def measure(client: Client, url: str, rounds: int) -> Figure:
    """One request counting queries, then ``rounds`` timed ones (none if the page is slow: the first one counts)
    and one tracing memory; ``rounds=0`` makes the first request the whole figure, without memory."""
    return measure_fetch(lambda: _get(client, url), rounds)


def measure_fetch(fetch, rounds: int) -> Figure:
    """:func:`measure` of any ``fetch()`` answering with ``status_code`` and ``size`` (a page, or one panel of a
    page rendered alone)."""
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = fetch()
            first = (time.perf_counter() - start) * 1000
        if response.status_code != 200:
            return Figure(outcome=str(response.status_code))
        figure = Figure(
            outcome="ok",
            ms=first,
            queries=len(captured.captured_queries),
            sql_ms=sum(float(query["time"]) for query in captured.captured_queries) * 1000,
            kb=response.size / 1024,
        )
        if rounds == 0:
            return figure
        timings = [first] if first > SLOW_MS else []
        database = [figure.sql_ms] if timings else []
        while len(timings) < rounds:
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                fetch()
                timings.append((time.perf_counter() - start) * 1000)
            database.append(sum(float(query["time"]) for query in captured.captured_queries) * 1000)
        figure.ms = statistics.median(timings)
        figure.sql_ms = statistics.median(database)
        gc.collect()
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            fetch()
            figure.peak_mb = (tracemalloc.get_traced_memory()[1] - before) / 2**20
        finally:
            tracemalloc.stop()
    except OperationalError as error:
        if _is_timeout(error):
            return Figure(outcome="timeout")
        raise
    except Exception as error:  # a broken page is a figure too
        return Figure(outcome=type(error).__name__)
    return figure


def measure_all(users: dict, targets: Targets, rounds: int) -> dict[tuple[str, str], Figure]:
    """Every page for every user (``{"officer": user, "HQ": user}``), with DEBUG off as in production (and static
    files named as the tests name them, so that no ``collectstatic`` manifest is needed). Refusals and errors
    become figures ("403", "timeout", …) rather than log lines."""
    figures = {}
    plain_static = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django_countries import countries

    from cmcoord.operations.models import CountryOperation

    record_statements = records.ideal_statements(targets.records)
    request_log = logging.getLogger("django.request")
    level = request_log.level
    request_log.setLevel(logging.CRITICAL)
    try:
        with override_settings(DEBUG=False, STORAGES=plain_static), warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
            for who, user in users.items():
                client = Client(HTTP_HOST="localhost")
                client.force_login(user)
                params = ideal.parameters(targets, user, who, timezone.localdate(), client.session.session_key)
                for label, url in page_list(targets, who):
                    figure = figures[(label, who)] = measure(client, url, rounds)
                    if figure.outcome == "ok":
                        figure.ideal_ms = ideal.time_page(label, params, max(rounds, 1), record_statements)
                if who == BUSY:
                    continue
                # Each record type's dashboard panel alone, as the dashboard builds and renders it.
                operation = CountryOperation.objects.get(country=countries.alpha2(targets.operation))
                for label, builder in records.dashboard_panels():
                    figures[(label, who)] = measure_fetch(records.panel_fetch(builder, user, operation), rounds)
    finally:
        request_log.setLevel(level)
    return figures


def _cell(figure: Figure | None, attribute: str, fmt: str) -> str:
    if figure is None:
        return "-"
    if figure.outcome != "ok":
        return figure.outcome if attribute == "ms" else "-"
    value = getattr(figure, attribute)
    return fmt.format(value) if value is not None else "-"


def bounded(label: str) -> bool:
    """Whether a page's time has the page targets: an export has none, it grows with the rows it carries by
    design (no row cap); its targets are the export table's, against COPY."""
    return not label.startswith("export:")


def _ideal_ratio(figure: Figure, attribute: str) -> str:
    """The page's ``attribute`` (ms or sql_ms) against its ideal bare SQL; "!" beyond the target."""
    if figure.outcome != "ok" or not figure.ideal_ms or getattr(figure, attribute) is None:
        return "-"
    value = getattr(figure, attribute) / figure.ideal_ms
    return f"{value:.1f}" + ("!" if attribute == "sql_ms" and value > TARGET_IDEAL_RATIO else " ")


def table(demo: dict, full: dict) -> list[str]:
    """The printed table: one row per page and user; "!" marks a figure beyond its target."""
    header = (
        f"{'page':30} {'who':7} {'demo ms':>8} {'full ms':>9} {'ratio':>7} {'queries':>9} {'sql ms':>7} "
        f"{'ideal':>6} {'sql/id':>7} {'ms/id':>7} {'peak MB':>11} {'KB':>5}"
    )
    lines = [header, "-" * len(header)]
    for (label, who), figure in full.items():
        small = demo.get((label, who))
        ratio = ""
        if figure.outcome == "ok" and small is not None and small.outcome == "ok" and small.ms:
            value = figure.ms / small.ms
            ratio = f"{value:.1f}" + ("!" if value > TARGET_RATIO and bounded(label) else " ")
        elif figure.outcome == "timeout":
            ratio = "!"
        full_ms = _cell(figure, "ms", "{:.0f}")
        if figure.outcome == "ok" and figure.ms > TARGET_MS and bounded(label):
            full_ms += "!"
        queries = f"{_cell(small, 'queries', '{}')}/{_cell(figure, 'queries', '{}')}"
        peak = f"{_cell(small, 'peak_mb', '{:.1f}')}/{_cell(figure, 'peak_mb', '{:.1f}')}"
        if figure.outcome == "ok" and (figure.peak_mb or 0) >= TARGET_PEAK_MB:
            peak += "!"
        lines.append(
            f"{label[:30]:30} {who:7} {_cell(small, 'ms', '{:.0f}'):>8} {full_ms:>9} {ratio:>7} {queries:>9} "
            f"{_cell(figure, 'sql_ms', '{:.0f}'):>7} {_cell(figure, 'ideal_ms', '{:.0f}'):>6} "
            f"{_ideal_ratio(figure, 'sql_ms'):>7} {_ideal_ratio(figure, 'ms'):>7} {peak:>11} "
            f"{_cell(figure, 'kb', '{:.0f}'):>5}"
        )
    return lines


def growth_table(demo: dict, mid: dict, full: dict) -> list[str]:
    """Each page's time and queries at the three sizes, and how much the time grew from the middle size."""
    header = f"{'page':30} {'who':7} {'demo ms':>8} {'mid ms':>8} {'full ms':>8} {'full/mid':>9} {'queries':>12}"
    lines = [header, "-" * len(header)]
    for (label, who), figure in full.items():
        middle, small = mid.get((label, who)), demo.get((label, who))
        growth = "-"
        if figure.outcome == "ok" and middle is not None and middle.outcome == "ok" and middle.ms:
            growth = f"{figure.ms / middle.ms:.1f}"
        queries = "/".join(_cell(each, "queries", "{}") for each in (small, middle, figure))
        lines.append(
            f"{label[:30]:30} {who:7} {_cell(small, 'ms', '{:.0f}'):>8} {_cell(middle, 'ms', '{:.0f}'):>8} "
            f"{_cell(figure, 'ms', '{:.0f}'):>8} {growth:>9} {queries:>12}"
        )
    return lines


def summary(full: dict, demo: dict) -> list[str]:
    ok = {key: figure for key, figure in full.items() if figure.outcome == "ok" and bounded(key[0])}
    slow = [key for key, figure in ok.items() if figure.ms > TARGET_MS]
    failed = [key for key, figure in full.items() if figure.outcome not in {"ok", NOT_ALLOWED}]
    steep = [
        key
        for key, figure in ok.items()
        if demo.get(key) and demo[key].outcome == "ok" and figure.ms / demo[key].ms > TARGET_RATIO
    ]
    heavy = [key for key, figure in ok.items() if (figure.peak_mb or 0) >= TARGET_PEAK_MB]
    costly = [
        key for key, figure in ok.items() if figure.ideal_ms and figure.sql_ms / figure.ideal_ms > TARGET_IDEAL_RATIO
    ]
    return [
        f"Targets at full size: ≤ {TARGET_RATIO}x the demo-size time, ≤ {TARGET_MS} ms, peak memory growth"
        f" < {TARGET_PEAK_MB} MB per request.",
        f"Missed: {len(steep)} above {TARGET_RATIO}x, {len(slow)} above {TARGET_MS} ms, {len(heavy)} at"
        f" {TARGET_PEAK_MB} MB or more, {len(costly)} with database time above {TARGET_IDEAL_RATIO}x the ideal"
        f" SQL, {len(failed)} timed out or failed (of {len(full)} page views).",
    ]
