"""The API's figures with a personal token, as a script or Power BI calls it: the task list, a task created, a note
added, a task edited from its version and its status moved, and what checking the token costs each request.

Figures, not assertions. Every write is rolled back (the token too), so that the deployment measured stays as
loaded and each round writes on the same task from the same version. Target (printed): checking a token costs at
most one query per request (its ``last_used_at`` is written at most once a minute, not counted here).
"""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import dataclass
from datetime import timedelta

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

TOKEN_TABLE = "accounts_apitoken"  # noqa: S105 - a table's name
TARGET_TOKEN_QUERIES = 1


@dataclass
class ApiFigure:
    label: str
    outcome: str
    ms: float | None = None
    queries: int | None = None
    sql_ms: float | None = None
    token_queries: int | None = None  # of those, the ones reading the token (its check)


class _Rollback(Exception):  # noqa: N818 - control flow, not an error
    pass


def _token_client(user) -> Client:
    """A client sending a new read-write token of ``user`` (made in the caller's transaction, rolled back)."""
    from cmcoord.accounts import tokens
    from cmcoord.accounts.models import ApiToken

    whole, key_id, digest = tokens.new_token()
    ApiToken.objects.create(
        user=user, name="Benchmark", key_id=key_id, digest=digest, can_write=True,
        expires_at=timezone.now() + timedelta(days=1), last_used_at=timezone.now(),
    )  # fmt: skip
    return Client(HTTP_HOST="localhost", HTTP_AUTHORIZATION=f"Token {whole}")


def _once(request, rolled_back: bool):
    """``request()``'s answer, queries and time; its writes rolled back where ``rolled_back``."""
    connection = connections[DEFAULT_DB_ALIAS]
    answer = {}
    with CaptureQueriesContext(connection) as captured:
        start = time.perf_counter()
        try:
            with transaction.atomic():
                answer["response"] = request()
                if rolled_back:
                    raise _Rollback
        except _Rollback:
            pass
        ms = (time.perf_counter() - start) * 1000
    queries = captured.captured_queries
    token_queries = sum(TOKEN_TABLE in query["sql"] and query["sql"].lstrip().upper().startswith("SELECT")
                        for query in queries)  # fmt: skip
    sql_ms = sum(float(query["time"]) for query in queries) * 1000
    return answer["response"], ms, len(queries), sql_ms, token_queries


def _measure(label: str, request, expected: int, rounds: int, rolled_back: bool = True) -> ApiFigure:
    response, _ms, queries, _sql_ms, token_queries = _once(request, rolled_back)
    if response.status_code != expected:
        return ApiFigure(label, str(response.status_code))
    timings, database = [], []
    for _ in range(max(rounds, 1)):
        _response, ms, _queries, round_sql, _token = _once(request, rolled_back)
        timings.append(ms)
        database.append(round_sql)
    return ApiFigure(label, "ok", statistics.median(timings), queries, statistics.median(database), token_queries)


NEXT_STATUS = {"planned": "on_hold", "in_progress": "on_hold", "cancelled": "planned"}  # else "in_progress"


def measure(user, operation_code: str, task_reference: str, rounds: int) -> list[ApiFigure]:
    """The API's figures for ``user`` (an officer of ``operation_code``) on the task ``task_reference``."""
    from protection_tasks.models import Activity, Task

    figures = []
    try:
        with transaction.atomic():
            client = _token_client(user)
            task = Task.objects.get(reference=task_reference)
            activity = Activity.objects.filter(operation__isnull=True, is_active=True).order_by("pk").first()
            detail = f"/api/v1/tasks/{task.reference}/"
            new = {"operation": operation_code, "title": "Benchmark task", "activity": activity.pk, "sensitivity": 1}
            moved = {"status": NEXT_STATUS.get(task.status, "in_progress"), "version": task.version}

            def send(method, address, body, **headers):
                return getattr(client, method)(
                    address, json.dumps(body), content_type="application/json", headers=headers
                )

            reads = [
                ("API tasks (token)", lambda: client.get("/api/v1/tasks/")),
                (
                    f"API tasks of {operation_code} (token)",
                    lambda: client.get(f"/api/v1/tasks/?operation={operation_code}"),
                ),
                ("API task (token)", lambda: client.get(detail)),
            ]
            writes = [
                ("API create a task", lambda: send("post", "/api/v1/tasks/", new), 201),
                ("API add a note", lambda: send("post", f"{detail}notes/", {"text": "Benchmark note"}), 201),
                (
                    "API edit with version",
                    lambda: send("patch", detail, {"urgency": 3}, If_Match=f'"{task.version}"'),
                    200,
                ),
                ("API status with version", lambda: send("post", f"{detail}status/", moved), 200),
            ]
            figures += [_measure(label, request, 200, rounds, rolled_back=False) for label, request in reads]
            figures += [_measure(label, request, expected, rounds) for label, request, expected in writes]
            raise _Rollback
    except _Rollback:
        pass
    return figures


def table(figures_by_size: dict[str, list[ApiFigure]]) -> list[str]:
    """The figures of each size side by side: median ms, queries, database ms, and the token check's queries
    (``!`` beyond one)."""
    sizes = list(figures_by_size)
    head = f"{'route (a personal token)':32}" + "".join(
        f" {size + ' ms':>10} {'queries':>8} {'sql ms':>8} {'token q':>8}" for size in sizes
    )
    lines = [head, "-" * len(head)]
    for n, figure in enumerate(figures_by_size[sizes[0]]):
        cells = []
        for size in sizes:
            figure = figures_by_size[size][n]
            if figure.outcome != "ok":
                cells.append(f" {figure.outcome:>10} {'':>8} {'':>8} {'':>8}")
                continue
            marked = f"{figure.token_queries}{'!' if figure.token_queries > TARGET_TOKEN_QUERIES else ''}"
            cells.append(f" {figure.ms:10.1f} {figure.queries:8} {figure.sql_ms:8.1f} {marked:>8}")
        lines.append(f"{figure.label:32}" + "".join(cells))
    lines.append(
        f"token q: queries reading the token in one request (target: at most {TARGET_TOKEN_QUERIES}). Writes are"
        " rolled back after each round."
    )
    return lines
