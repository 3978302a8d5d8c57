"""The SQL tools of the full-scale loader: one set-based INSERT per table, ids, history rows, the row hash.

Values are drawn from a deterministic hash of each row's key (``pg_temp.r(key, salt, n)``: 0 to n-1). Every
column of every table is written: those a statement does not name get the model field's default, and a new
required column without a default stops the load with its name (:class:`LoadError`) rather than SQL noise.
"""

from __future__ import annotations

from django.apps import apps
from django.db import connection

from .deployment import (
    OFFICERS,
)

USERS_PER_OPERATION = OFFICERS + 3  # officers, then the head of office, then two HCT members


class LoadError(Exception):
    """The loader does not know how to fill a table (a column was added without a default)."""


def model(label: str):
    return apps.get_model(label)


def insert(cursor, target, values: dict[str, str], source: str, params: dict | None = None) -> int:
    """``INSERT INTO <target> (every column) SELECT <values> <source>``; returns the number of rows written.

    ``target`` is a model (or an auto-created through or historical model); ``values`` maps column names to SQL
    expressions over ``source``. Columns not named get their field's default as a parameter.
    """
    params = dict(params or {})
    values = dict(values)
    columns, expressions = [], []
    for field in target._meta.concrete_fields:
        if getattr(field, "generated", False):
            continue
        if field.column in values:
            expression = values.pop(field.column)
        elif field.primary_key or field.has_db_default():
            continue  # identity, or a default the database applies
        elif field.has_default() or (not field.null and field.empty_strings_allowed):
            name = f"default_{field.column}"
            params[name] = field.get_db_prep_save(field.get_default(), connection)
            expression = f"%({name})s"
        elif field.null:
            expression = "NULL"
        else:
            raise LoadError(f"the benchmark loader does not fill {target._meta.label}.{field.name}")
        columns.append(connection.ops.quote_name(field.column))
        expressions.append(expression)
    if values:
        raise LoadError(f"{target._meta.label} has no column {', '.join(values)}")
    table = connection.ops.quote_name(target._meta.db_table)
    cursor.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(expressions)} {source}",
        params,
    )
    return cursor.rowcount


def next_id(cursor, label: str) -> int:
    """The first primary key free in a table: loaded rows get explicit ids from there, sequences are reset after."""
    table = connection.ops.quote_name(model(label)._meta.db_table)
    cursor.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")  # noqa: S608
    return cursor.fetchone()[0]


def copy_to_history(cursor, label: str, where: str, params: dict) -> None:
    """A "created" row in the change history of each record of ``label`` matching ``where`` (pages read these)."""
    base = model(label)
    history = base.history.model
    base_columns = {field.column for field in base._meta.concrete_fields}
    values = {
        field.column: connection.ops.quote_name(field.column)
        for field in history._meta.concrete_fields
        if field.column in base_columns
    }
    values |= {"history_date": "created_at", "history_type": "'+'"}
    table = connection.ops.quote_name(base._meta.db_table)
    insert(cursor, history, values, f"FROM {table} WHERE {where}", params)


HASH_FUNCTION = """
CREATE FUNCTION pg_temp.r(key bigint, salt int, n int) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS 'SELECT mod(hashint8extended(key, salt) & 2147483647, greatest(n, 1))::int'
"""
