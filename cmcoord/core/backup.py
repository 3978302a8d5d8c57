"""Backups of a deployment that restore the first time: the database and the stored files, written together.

A backup is a folder:

- ``database.dump`` (PostgreSQL, ``pg_dump --format=custom``) or ``database.sqlite3`` (SQLite's online backup);
- ``files/<storage>/…``: every file of the local file storages (``default``: generated exports; ``attachments``);
- ``manifest.json``: when, from which database engine, the rows of every table and the SHA-256 of every file.

**Consistent**: on PostgreSQL the rows are counted and dumped in one snapshot (``pg_export_snapshot``, shared with
``pg_dump --snapshot``); SQLite's backup API copies one consistent state. Files are copied after the database:
a file is written before the row that names it is committed, so every file the database names is in the backup
(at worst a few files no row names yet, which do no harm).

**Restore** checks every file of the backup against the manifest before it changes anything, refuses a deployment
that already has tables or files unless told to replace them (``force``), loads the database, copies the files,
then counts the rows again and compares them with the manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files.storage import storages
from django.db import connection, transaction
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
STORAGE_NAMES = ("default", "attachments")


class BackupError(Exception):
    """Why a backup or a restore cannot go on, in words for whoever runs it."""


@dataclass
class Report:
    tables: dict[str, int] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    skipped_storages: list[str] = field(default_factory=list)


# --- What the deployment holds ----------------------------------------------------------------------------------


def table_rows() -> dict[str, int]:
    """The number of rows of every table of the database, by table name."""
    quote = connection.ops.quote_name
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - a table name from introspection
            counts[table] = cursor.fetchone()[0]
    return counts


def local_storages() -> tuple[dict[str, Path], list[str]]:
    """({storage name: its folder}, [names of storages that are not local folders, e.g. S3])."""
    found, elsewhere = {}, []
    for name in STORAGE_NAMES:
        location = getattr(storages[name], "location", None)
        if location is None:
            elsewhere.append(name)
        else:
            found[name] = Path(location).resolve()
    return found, elsewhere


def _files_of(roots: dict[str, Path]):
    """(storage name, path relative to its folder, absolute path) of every file, each once: a storage whose folder
    lies inside another's (attachments inside the media folder) keeps its own files."""
    for name, root in roots.items():
        nested = [other for other in roots.values() if other != root and other.is_relative_to(root)]
        if not root.is_dir():
            continue
        for directory, subdirectories, files in os.walk(root):
            here = Path(directory)
            subdirectories[:] = sorted(d for d in subdirectories if (here / d).resolve() not in nested)
            for file_name in sorted(files):
                path = here / file_name
                yield name, path.relative_to(root).as_posix(), path


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        for block in iter(lambda: source.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_checksums() -> dict[str, str]:
    """{"<storage>/<path>": SHA-256} of every file of the local storages."""
    roots, _elsewhere = local_storages()
    return {f"{name}/{relative}": sha256(path) for name, relative, path in _files_of(roots)}


# --- PostgreSQL's client programs -------------------------------------------------------------------------------


def _pg_arguments() -> tuple[list[str], dict[str, str]]:
    settings_dict = connection.settings_dict
    arguments = [f"--dbname={settings_dict['NAME']}"]
    if settings_dict.get("HOST"):
        arguments.append(f"--host={settings_dict['HOST']}")
    if settings_dict.get("PORT"):
        arguments.append(f"--port={settings_dict['PORT']}")
    if settings_dict.get("USER"):
        arguments.append(f"--username={settings_dict['USER']}")
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return arguments, env


def _run(program: str, *arguments: str, env: dict[str, str]) -> None:
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(f"{program} is missing: install PostgreSQL's client programs (postgresql-client).")
    result = subprocess.run([executable, *arguments], env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{program} failed: {result.stderr.strip()[-2000:]}")


# --- Backup -----------------------------------------------------------------------------------------------------


def backup(target: Path) -> Report:
    """Write a backup of this deployment into the folder ``target`` (which must be missing or empty)."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty: write each backup into a new folder.")
    target.mkdir(parents=True, exist_ok=True)
    report = Report()
    if connection.vendor == "postgresql":
        arguments, env = _pg_arguments()
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
            report.tables = table_rows()
            _run(
                "pg_dump",
                *arguments,
                "--format=custom",
                f"--snapshot={snapshot}",
                f"--file={target / 'database.dump'}",
                env=env,
            )
        database_file = "database.dump"
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with transaction.atomic():
            report.tables = table_rows()
            destination = sqlite3.connect(target / "database.sqlite3")
            try:
                connection.connection.backup(destination)
            finally:
                destination.close()
        database_file = "database.sqlite3"
    else:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")

    roots, report.skipped_storages = local_storages()
    for name, relative, path in _files_of(roots):
        copy = target / "files" / name / relative
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, copy)
        report.files[f"{name}/{relative}"] = sha256(copy)
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "database": {"vendor": connection.vendor, "file": database_file, "sha256": sha256(target / database_file)},
        "tables": report.tables,
        "files": report.files,
        "storages_not_included": report.skipped_storages,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return report


# --- Restore ----------------------------------------------------------------------------------------------------


def read_manifest(source: Path) -> dict:
    """The backup's manifest, once every file of the backup matches its checksum."""
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{source} is not a backup (no readable {MANIFEST}): {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{source} is a backup of format {manifest.get('format')!r}; this version reads {FORMAT}.")
    database = manifest["database"]
    if database["vendor"] != connection.vendor:
        vendor = database["vendor"]
        raise BackupError(f"The backup is of a {vendor} database; this deployment uses {connection.vendor}.")
    damaged = [database["file"]] if _checksum_or_none(source / database["file"]) != database["sha256"] else []
    for key, expected in manifest["files"].items():
        if _checksum_or_none(source / "files" / key) != expected:
            damaged.append(f"files/{key}")
    if damaged:
        raise BackupError(f"The backup is damaged: {len(damaged)} file(s) missing or changed, e.g. {damaged[0]}.")
    return manifest


def _checksum_or_none(path: Path) -> str | None:
    return sha256(path) if path.is_file() else None


def deployment_contents() -> tuple[list[str], list[str]]:
    """(tables of the database, files of the local storages) as they are now: both empty in a fresh deployment."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    return tables, sorted(file_checksums())


def restore(source: Path, *, force: bool = False) -> Report:
    """Restore the backup in ``source`` into this deployment; refused where it already holds tables or files,
    unless ``force`` (then its database is replaced and the backup's files are written over its own)."""
    source = Path(source)
    manifest = read_manifest(source)
    tables, files = deployment_contents()
    if (tables or files) and not force:
        raise BackupError(
            f"This deployment is not empty ({len(tables)} tables, {len(files)} files): restore into an empty database "
            "and empty storage folders, or pass --force to replace what is there."
        )
    roots, _elsewhere = local_storages()
    missing = {key.split("/", 1)[0] for key in manifest["files"]} - set(roots)
    if missing:
        raise BackupError(f"The backup holds files of storages that are not local folders here: {sorted(missing)}.")

    database_file = source / manifest["database"]["file"]
    if connection.vendor == "postgresql":
        arguments, env = _pg_arguments()
        connection.close()
        options = ["--clean", "--if-exists"] if tables else []
        _run("pg_restore", *arguments, "--no-owner", "--exit-on-error", "--single-transaction", *options,
             str(database_file), env=env)  # fmt: skip
    else:
        connection.ensure_connection()
        origin = sqlite3.connect(database_file)
        try:
            origin.backup(connection.connection)
        finally:
            origin.close()

    report = Report(tables=table_rows())
    for key in manifest["files"]:
        name, relative = key.split("/", 1)
        destination = roots[name] / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / "files" / key, destination)
        report.files[key] = sha256(destination)
    differ = {t: (n, report.tables.get(t)) for t, n in manifest["tables"].items() if report.tables.get(t) != n}
    if differ:
        raise BackupError(f"The restored database differs from the backup (table: backup, restored): {differ}")
    return report
