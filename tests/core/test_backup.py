"""``manage.py backup`` and ``manage.py restore``: the demo, with attachments and an export file, backed up and
restored into a fresh database and a fresh storage folder (another process, as on a new server), then compared:
the rows of every table and every file by its checksum. A non-empty deployment and a damaged backup are refused."""

import hashlib
import os
import sqlite3
import subprocess
import sys
import uuid
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from cmcoord.core.backup import table_rows
from protection_tasks.models import Task
from tests.factories import AttachmentFactory

ROOT = Path(__file__).resolve().parents[2]


def _files(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


class FreshDeployment:
    """An empty database (a new PostgreSQL database on the test's server, or a new SQLite file) and an empty storage
    folder, reached by ``manage.py`` in another process."""

    def __init__(self, tmp_path: Path):
        self.media = tmp_path / "restored-media"
        self.media.mkdir()
        db = connection.settings_dict
        if connection.vendor == "postgresql":
            self.name = f"{db['NAME']}_restore_{uuid.uuid4().hex[:6]}"
            self._admin(f'CREATE DATABASE "{self.name}"')
            password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
            self.url = f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{self.name}"
        else:
            self.path = tmp_path / "restored.sqlite3"
            self.url = f"sqlite:///{self.path}"

    def _admin(self, sql: str):
        import psycopg

        db = connection.settings_dict
        with psycopg.connect(
            host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], password=db["PASSWORD"] or None,
            dbname="postgres", autocommit=True,
        ) as admin:  # fmt: skip
            admin.execute(sql)

    def manage(self, *arguments):
        environment = {
            **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
            "DJANGO_SETTINGS_MODULE": "cmcoord.settings.test",
            "DATABASE_URL": self.url,
            "MEDIA_ROOT": str(self.media),
        }
        return subprocess.run(  # noqa: S603 - fixed arguments
            [sys.executable, "manage.py", *arguments],
            cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip

    def rows(self) -> dict[str, int]:
        if connection.vendor == "postgresql":
            import psycopg

            db = connection.settings_dict
            with psycopg.connect(
                host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], password=db["PASSWORD"] or None,
                dbname=self.name,
            ) as restored:  # fmt: skip
                tables = [
                    row[0] for row in restored.execute("SELECT tablename FROM pg_tables WHERE schemaname='public'")
                ]
                return {t: restored.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608
        with sqlite3.connect(self.path) as restored:
            tables = [
                row[0]
                for row in restored.execute("SELECT name FROM sqlite_master WHERE type='table'")
                if not row[0].startswith("sqlite_")
            ]
            return {t: restored.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608

    def drop(self):
        if connection.vendor == "postgresql":
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture
def fresh(tmp_path):
    deployment = FreshDeployment(tmp_path)
    yield deployment
    deployment.drop()


@pytest.fixture
def demo_with_files(guidance_note_catalogue, settings, tmp_path):
    """The demo deployment (with the demo's own attachments), two attachments more and a generated export file in a
    storage folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", stdout=StringIO())
    task = Task.objects.order_by("pk").first()
    AttachmentFactory(record=task, uploaded_by=task.owner)
    AttachmentFactory(record=task, uploaded_by=task.owner, file__data=b"%PDF-1.7\n% another file\n%%EOF\n")
    default_storage.save("exports/0b9e-example.xlsx", ContentFile(b"PK\x03\x04 an export file"))
    return settings.MEDIA_ROOT


def test_the_demo_restores_into_a_fresh_deployment_with_every_row_and_file(demo_with_files, fresh, tmp_path):
    source_rows, source_files = table_rows(), _files(demo_with_files)
    stored = source_rows["attachments_attachment"] + 1  # every attachment's file, and the export
    assert source_rows["protection_tasks_task"] > 50 and source_rows["attachments_attachment"] > 2
    assert len(source_files) == stored

    out = StringIO()
    call_command("backup", str(tmp_path / "backup"), stdout=out)
    assert f"and {stored} files into {tmp_path / 'backup'}" in out.getvalue()

    restored = fresh.manage("restore", str(tmp_path / "backup"))
    assert restored.returncode == 0, restored.stderr
    assert "rows and files match the backup" in restored.stdout

    assert fresh.rows() == source_rows
    assert _files(fresh.media) == source_files
    again = fresh.manage("restore", str(tmp_path / "backup"))
    assert again.returncode != 0 and "This deployment is not empty" in again.stderr
    forced = fresh.manage("restore", "--force", str(tmp_path / "backup"))
    assert forced.returncode == 0, forced.stderr
    assert fresh.rows() == source_rows


def test_a_damaged_backup_is_refused_before_anything_changes(transactional_db, settings, fresh, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    default_storage.save("exports/a-large-export.xlsx", ContentFile(b"PK\x03\x04 an export file"))
    call_command("backup", str(tmp_path / "backup"), stdout=StringIO())
    (tmp_path / "backup" / "files" / "default" / "exports" / "a-large-export.xlsx").write_bytes(b"changed")

    restored = fresh.manage("restore", str(tmp_path / "backup"))
    assert restored.returncode != 0
    assert "The backup is damaged: 1 file(s) missing or changed" in restored.stderr
    assert fresh.rows() == {} and not any(fresh.media.iterdir())


def test_a_backup_goes_only_into_an_empty_folder(db, tmp_path):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "old-backup.txt").write_text("keep me")
    with pytest.raises(CommandError, match="is not empty"):
        call_command("backup", str(tmp_path / "used"), stdout=StringIO())
    assert (tmp_path / "used" / "old-backup.txt").read_text() == "keep me"
