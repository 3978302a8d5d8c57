"""The benchmark's own PostgreSQL databases, on the server named by ``DATABASE_URL``, and switching to them.

The deployment never goes into the application's database: the benchmark creates ``<name>_schema`` once (migrated,
empty), clones it into ``<name>_demo`` and ``<name>`` for each load, and points the default connection at one of
them while it loads or measures.
"""

from __future__ import annotations

from contextlib import contextmanager

import psycopg
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from psycopg import sql

MARKER_TABLE = "benchmark_deployment"


def _server(settings_dict) -> psycopg.Connection:
    """An autocommit connection to the server's maintenance database (CREATE/DROP DATABASE cannot run in one)."""
    params = {
        "host": settings_dict.get("HOST") or None,
        "port": settings_dict.get("PORT") or None,
        "user": settings_dict.get("USER") or None,
        "password": settings_dict.get("PASSWORD") or None,
    }
    return psycopg.connect(dbname="postgres", autocommit=True, **{k: v for k, v in params.items() if v})


def _settings():
    return connections[DEFAULT_DB_ALIAS].settings_dict


def exists(name: str) -> bool:
    with _server(_settings()) as server:
        return server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def create(name: str, template: str | None = None) -> None:
    """(Re)create database ``name``, as a copy of ``template`` if given."""
    drop(name)
    statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template:
        statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
    with _server(_settings()) as server:
        server.execute(statement)


def drop(name: str) -> None:
    with _server(_settings()) as server:
        server.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@contextmanager
def using(name: str, statement_timeout_ms: int | None = None):
    """Point the default connection at database ``name`` (optionally with a statement timeout), then back."""
    connection = connections[DEFAULT_DB_ALIAS]
    settings_dict = connection.settings_dict
    saved_name, saved_options = settings_dict["NAME"], dict(settings_dict.get("OPTIONS") or {})
    connection.close()
    settings_dict["NAME"] = name
    if statement_timeout_ms:
        options = saved_options.get("options", "")
        settings_dict["OPTIONS"] = {
            **saved_options,
            "options": f"{options} -c statement_timeout={statement_timeout_ms}",
        }
    settings.DATABASES[DEFAULT_DB_ALIAS] = settings_dict
    ContentType.objects.clear_cache()  # ids are per database
    try:
        yield connection
    finally:
        connection.close()
        settings_dict["NAME"], settings_dict["OPTIONS"] = saved_name, saved_options
        ContentType.objects.clear_cache()


def migrate() -> None:
    call_command("migrate", interactive=False, verbosity=0)


def has_marker(connection) -> bool:
    """Whether the connected database was made by the benchmark (it holds the benchmark's marker table)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [MARKER_TABLE])
        return cursor.fetchone()[0] is not None


def create_marker(connection) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {MARKER_TABLE} (scale text NOT NULL, loaded_at timestamptz, seconds float)")


def loaded_scale(connection) -> str | None:
    """The scale recorded by the last complete load of the connected database, or None."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT scale FROM {MARKER_TABLE}")  # noqa: S608
        row = cursor.fetchone()
        return row[0] if row else None


def record_scale(connection, scale_key: str, seconds: float) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {MARKER_TABLE}")  # noqa: S608
        cursor.execute(f"INSERT INTO {MARKER_TABLE} VALUES (%s, now(), %s)", [scale_key, seconds])  # noqa: S608


def load_seconds(connection) -> float | None:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT seconds FROM {MARKER_TABLE}")  # noqa: S608
        row = cursor.fetchone()
        return row[0] if row else None


def vacuum_analyze(connection) -> None:
    """Statistics and visibility map as a settled production database has them (VACUUM runs outside a
    transaction, hence autocommit)."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
