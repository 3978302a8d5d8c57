"""Exports at full size: a CSV export streamed through the product against PostgreSQL's own ``COPY`` of the same
query, and the memory of a process that writes it.

Two measures of each export. In this process, the export is requested as a browser would (the test client,
every middleware included) and read to the end, and ``COPY (the export's own SQL) TO STDOUT`` is run directly on
the same connection and read to the end too: throughput is COPY's time over the export's (target: at least half
of COPY's). Then as separate processes, each started cold and writing to ``/dev/null``: ``manage.py export``
(the same export) against ``psql -c "COPY (the same SQL) TO STDOUT"``: their wall times, and the export
process's peak resident memory (target: under 150 MB).
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.test import Client

TARGET_THROUGHPUT = 0.5  # of COPY's rows per second
TARGET_RSS_MB = 150
MANAGE = Path(settings.BASE_DIR) / "manage.py"


@dataclass
class ExportFigure:
    label: str
    who: str
    rows: int
    megabytes: float
    seconds: float
    copy_seconds: float | None
    queries: int
    command_seconds: float | None = None
    command_rss_mb: float | None = None
    psql_seconds: float | None = None

    @property
    def throughput(self) -> float | None:
        """The export's rows per second as a share of COPY's (1.0: as fast as COPY)."""
        if not self.copy_seconds or not self.seconds:
            return None
        return self.copy_seconds / self.seconds


def _run(command: list[str], env: dict | None = None) -> tuple[float, float | None]:
    """Run ``command`` to the end: its wall time (s) and peak resident memory (MB).

    The memory is read by ``/usr/bin/time`` (GNU time), which starts the command from its own small process: a
    child forked from this benchmark would count this process's pages, shared until ``exec``, as its own.
    """
    timer = Path("/usr/bin/time")
    wrapped = [str(timer), "-f", "%M", *command] if timer.exists() else command
    start = time.perf_counter()
    result = subprocess.run(wrapped, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)  # noqa: S603
    seconds = time.perf_counter() - start
    error = result.stderr.decode(errors="replace").strip()
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:4])}… failed: {error[-500:]}")
    last = error.splitlines()[-1] if error else ""
    return seconds, (int(last) / 1024 if timer.exists() and last.isdigit() else None)


def copy_statement(user, name: str, operation, query: str = "") -> str:
    """``COPY (<the export's SQL, parameters bound>) TO STDOUT WITH (FORMAT csv)``."""
    from psycopg import ClientCursor

    from cmcoord.exports import get_export
    from cmcoord.exports.tasks import stand_in_request

    export = get_export(name, per_operation=operation is not None)
    rows = export.rows(export.build(stand_in_request(user, query), operation))
    sql, params = rows.query.sql_with_params()
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as wrapper:
        return ClientCursor(wrapper.cursor.connection).mogrify(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", params)


def copy_seconds(statement: str) -> float:
    """Time ``statement`` (a COPY … TO STDOUT) read to the end, run directly on this process's connection."""
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as wrapper:
        start = time.perf_counter()
        with wrapper.cursor.copy(statement) as copy:
            for _chunk in copy:
                pass
        return time.perf_counter() - start


def database_url() -> str:
    """The URL of the database this process is connected to (the benchmark's), for the processes it starts."""
    database = connections[DEFAULT_DB_ALIAS].settings_dict
    user = database.get("USER") or "postgres"
    host = database.get("HOST") or "127.0.0.1"
    port = database.get("PORT") or 5432
    return f"postgres://{user}@{host}:{port}/{database['NAME']}"


def measure_export(client: Client, url: str, label: str, who: str, statement: str) -> ExportFigure:
    """Stream ``url`` to the end and time it; then time ``statement`` (the same query through COPY)."""
    from django.test.utils import CaptureQueriesContext

    connection = connections[DEFAULT_DB_ALIAS]
    size = lines = 0
    with CaptureQueriesContext(connection) as captured:
        start = time.perf_counter()
        response = client.get(url)
        for chunk in response.streaming_content:
            size += len(chunk)
            lines += chunk.count(b"\n")
        seconds = time.perf_counter() - start
    # The header and HXL rows are not data; a line break inside a quoted cell would count as a row (titles
    # in the benchmark hold none).
    return ExportFigure(
        label=label,
        who=who,
        rows=max(lines - 2, 0),
        megabytes=size / 2**20,
        seconds=seconds,
        copy_seconds=copy_seconds(statement),
        queries=len(captured.captured_queries),
    )


def measure_processes(figure: ExportFigure, name: str, user, operation, statement: str) -> None:
    """``manage.py export`` and ``psql -c "COPY … TO STDOUT"`` of the same query, each as its own process writing
    to ``/dev/null``."""
    env = {**os.environ, "DATABASE_URL": database_url()}
    command = [sys.executable, str(MANAGE), "export", name, "--user", user.get_username(), "-o", os.devnull]
    if operation is not None:
        command += ["--operation", operation.code]
    figure.command_seconds, figure.command_rss_mb = _run(command, env)
    figure.psql_seconds, _rss = _run(["psql", database_url(), "-q", "-c", statement])


def measure_all(users: dict, operation) -> list[ExportFigure]:
    """The task exports: the officer's of the largest operation, and the HQ reader's across every operation."""
    from cmcoord.exports import get_export

    figures = []
    request_log = logging.getLogger("django.request")
    for who, user in users.items():
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        jobs = []
        if who == "officer" and get_export("tasks", per_operation=True):
            url = f"/operations/{operation.code}/exports/tasks/csv/"
            jobs.append(("task export, one operation", "tasks", url, operation))
        if who == "HQ" and get_export("all-tasks", per_operation=False):
            jobs.append(("task export, all operations", "all-tasks", "/exports/all-tasks/csv/", None))
        for label, name, url, subject in jobs:
            statement = copy_statement(user, name, subject)
            level = request_log.level
            request_log.setLevel(logging.CRITICAL)
            try:
                figure = measure_export(client, url, label, who, statement)
            finally:
                request_log.setLevel(level)
            measure_processes(figure, name, user, subject, statement)
            figures.append(figure)
    return figures


def table(figures: list[ExportFigure]) -> list[str]:
    header = (
        f"{'export (CSV)':34} {'who':7} {'rows':>9} {'MB':>6} {'page s':>7} {'COPY s':>7} {'vs COPY':>8} "
        f"{'command s':>10} {'psql s':>7} {'RSS MB':>7} {'queries':>8}"
    )
    lines = [header, "-" * len(header)]
    for figure in figures:
        share = figure.throughput
        share_text = "-" if share is None else f"{share:.0%}" + ("!" if share < TARGET_THROUGHPUT else " ")
        rss = "-" if figure.command_rss_mb is None else f"{figure.command_rss_mb:.0f}"
        if figure.command_rss_mb is not None and figure.command_rss_mb >= TARGET_RSS_MB:
            rss += "!"

        def seconds(value):
            return "-" if value is None else f"{value:.2f}"

        lines.append(
            f"{figure.label:34} {figure.who:7} {figure.rows:>9,} {figure.megabytes:>6.1f} {figure.seconds:>7.2f} "
            f"{seconds(figure.copy_seconds):>7} {share_text:>8} {seconds(figure.command_seconds):>10} "
            f"{seconds(figure.psql_seconds):>7} {rss:>7} {figure.queries:>8}"
        )
    lines.append("")
    lines.append(
        f"page s: the export downloaded through the product in this process; COPY s: the same query through COPY "
        f"on the same connection; vs COPY: the export's throughput as a share of COPY's (target at least "
        f"{TARGET_THROUGHPUT:.0%}). command s and RSS MB: manage.py export as its own process, started cold, and "
        f"its peak resident memory (target under {TARGET_RSS_MB} MB); psql s: psql running the same COPY."
    )
    return lines
