"""``manage.py benchmark --full-scale``: load the deployment the product must hold into the benchmark's own
PostgreSQL databases, then measure every page at demo size and at full size, as an officer of the largest
operation and as an HQ reader of every operation."""

from __future__ import annotations

import os
import time

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django_countries import countries

from cmcoord.operations.models import CountryOperation
from protection_tasks.choices import OPEN_STATUSES

from . import api, databases, digests, exports, loader, pages
from .deployment import HQ_USERNAME, Scale, busy_username, officer_username

FULL_TASKS = 1_000_001
DEMO_TASKS = 1_000
MID_TASKS = 100_000


def scales(options) -> tuple[Scale, Scale, Scale | None]:
    """The full-size, demo-size and (unless ``--mid-tasks 0``) middle-size deployments the options ask for."""
    try:
        full = Scale.of(
            tasks=options["tasks"] or FULL_TASKS, operations=options["operations"], actors=options["actors"]
        )
        demo = Scale.of(tasks=options["demo_tasks"], operations=options["operations"])
        mid_tasks = options.get("mid_tasks", MID_TASKS)
        mid = Scale.of(tasks=mid_tasks, operations=options["operations"]) if mid_tasks else None
    except ValueError as error:
        raise CommandError(str(error)) from error
    return full, demo, mid


def run(options, write) -> None:
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "postgresql":
        raise CommandError(
            "--full-scale loads a million rows with PostgreSQL's set-based SQL: set DATABASE_URL to a PostgreSQL "
            "server (e.g. postgres://postgres@127.0.0.1:5432/cmcoord); the benchmark creates its own databases there."
        )
    name = options["database_name"]
    if name in {connection.settings_dict["NAME"], "postgres", "template0", "template1"}:
        raise CommandError(f"--database-name {name} would overwrite a database the benchmark does not own.")
    full, demo, mid = scales(options)
    sizes = [("demo", f"{name}_demo", demo), ("full", name, full)]
    if mid is not None:
        sizes.insert(1, ("mid", f"{name}_mid", mid))
    for _size, database, scale in sizes:
        prepare(database, scale, schema=f"{name}_schema", reuse=options["reuse"], write=write)
    figures, export_figures, digest_figures, busy_owns, api_figures = {}, [], [], {}, {}
    for size, database, scale in sizes:
        with databases.using(database, statement_timeout_ms=options["statement_timeout"] * 1000) as db:
            if size == "full":
                with db.cursor() as cursor:
                    cursor.execute("SHOW server_version")
                    version = cursor.fetchone()[0]
            country = scale.countries[0]
            alpha3 = countries.alpha3(country)
            users = {
                "officer": get_user_model().objects.get(username=officer_username(alpha3)),
                "HQ": get_user_model().objects.get(username=HQ_USERNAME),
                pages.BUSY: get_user_model().objects.get(username=busy_username(alpha3)),
            }
            targets = pages.find_targets(country, alpha3, users)
            write(f"Measuring the API with a personal token at {size} size…")
            api_figures[size] = api.measure(users["officer"], alpha3, targets.task, options["rounds"])
            if options.get("api_only"):
                continue
            write(f"Measuring {len(pages.page_list(targets, 'HQ'))} pages at {size} size, {options['rounds']} rounds…")
            figures[size] = pages.measure_all(users, targets, options["rounds"])
            busy_owns[size] = users[pages.BUSY].owned_tasks.filter(status__in=OPEN_STATUSES).count()
            if size != "demo":
                operation = CountryOperation.objects.get(country=country)
                for figure in exports.measure_all({who: users[who] for who in ("officer", "HQ")}, operation):
                    figure.label = f"{figure.label} ({size})"
                    export_figures.append(figure)
                write(f"Producing every operation's digest at {size} size with a Celery worker…")
                digest_figures.append(digests.measure(size))
    write("")
    for line in api.table(api_figures):
        write(line)
    if options.get("api_only"):
        return
    write("")
    write(
        f"PostgreSQL {version.split()[0]}, {os.cpu_count()} cores. Officer: {officer_username(alpha3)} of"
        f" {alpha3}; HQ: {HQ_USERNAME}, reader of all {full.operations} operations; {pages.BUSY}:"
        f" {busy_username(alpha3)}, officer of {alpha3} who owns "
        + "/".join(f"{busy_owns[size]:,}" for size, _database, _scale in sizes)
        + f" open tasks ({'/'.join(size for size, _database, _scale in sizes)})."
    )
    write(f"Demo size: {demo.describe()}. Full size: {full.describe()}.")
    write(
        "ms: median of the runs after a first one; queries: demo/full, first run; sql ms: the page's database"
        " time at full size (median); ideal: the hand-written bare SQL of the page (benchmarks/ideal.py, median);"
        " sql/id and ms/id: the page's database time and whole time against it; peak MB: Python memory growth"
        " during one request (tracemalloc), demo/full; KB: the answer's size. Deep pages: page 500, or the last"
        " page where there are fewer. 403: a page the standing does not open. !: beyond a target."
    )
    write("")
    for line in pages.table(figures["demo"], figures["full"]):
        write(line)
    write("")
    for line in pages.summary(figures["full"], figures["demo"]):
        write(line)
    if export_figures:
        write("")
        for line in exports.table(export_figures):
            write(line)
    if digest_figures:
        write("")
        for line in digests.table(digest_figures):
            write(line)
    if mid is not None:
        write("")
        write(f"Growth from {mid.describe()} to the full size: page time (ms) and queries at each size.")
        write("")
        for line in pages.growth_table(figures["demo"], figures["mid"], figures["full"]):
            write(line)


def prepare(database: str, scale: Scale, *, schema: str, reuse: bool, write) -> None:
    """Make ``database`` hold a deployment of ``scale``: kept if ``reuse`` and it already does, else a fresh copy
    of the migrated, empty ``schema`` database is loaded."""
    key = loader.scale_key(scale)
    if reuse and databases.exists(database):
        with databases.using(database) as connection:
            if databases.has_marker(connection):
                databases.migrate()
                if databases.loaded_scale(connection) == key:
                    seconds = databases.load_seconds(connection)
                    write(f"{database}: reusing {scale.describe()} (loaded in {seconds:.0f} s).")
                    return
    ensure_schema(schema, write)
    if databases.exists(database):
        with databases.using(database) as connection:
            if not databases.has_marker(connection):
                raise CommandError(f"{database} exists and was not made by the benchmark; choose another name.")
    databases.create(database, template=schema)
    with databases.using(database) as connection:
        write(f"{database}: loading {scale.describe()}…")
        start = time.monotonic()
        with transaction.atomic():
            counts = loader.load(scale)
        loaded = time.monotonic() - start
        databases.vacuum_analyze(connection)
        seconds = time.monotonic() - start
        databases.record_scale(connection, key, seconds)
    rows = ", ".join(f"{count:,} {label}" for label, count in counts.items() if count >= 1000) or "small tables"
    write(f"{database}: loaded in {loaded:.0f} s, VACUUM ANALYZE included {seconds:.0f} s ({rows}).")


def ensure_schema(schema: str, write) -> None:
    """The migrated, empty database every load starts from (migrating once saves a minute per load)."""
    if databases.exists(schema):
        with databases.using(schema) as connection:
            if databases.has_marker(connection):
                databases.migrate()
                return
        raise CommandError(f"{schema} exists and was not made by the benchmark; choose another --database-name.")
    write(f"{schema}: creating and migrating the empty schema…")
    databases.create(schema)
    with databases.using(schema) as connection:
        databases.migrate()
        databases.create_marker(connection)
