"""A temporary ``MEDIA_ROOT`` per test, and a Confidential task of CAF with one PDF attached by its officer."""

import io
import zipfile
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import AttachmentFactory, TaskFactory
from tests.support import CONFIDENTIAL

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media_root) -> list:
    root = media_root / "attachments"
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def upload(name="minutes.pdf", data=PDF, content_type="application/pdf"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def office_file(content_types: str, extra: dict | None = None) -> bytes:
    """A zip container with ``[Content_Types].xml`` declaring ``content_types`` (a main part's type)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<?xml version="1.0"?><Types><Override PartName="/main.xml" ContentType="{content_types}"/></Types>',
        )
        archive.writestr("word/document.xml", "<document/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def opendocument(mimetype: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


@dataclass
class Attached:
    task: object
    attachment: object


@pytest.fixture
def attached(world):
    task = TaskFactory(operation=world.operation, owner=world.officer, sensitivity=CONFIDENTIAL, title="Task-C-secret")
    attachment = AttachmentFactory(record=task, uploaded_by=world.officer, original_name="Commander meeting.pdf")
    return Attached(task, attachment)


@pytest.fixture
def capture_on_commit(django_capture_on_commit_callbacks):
    """Run what is queued for after the commit (the removal of a deleted attachment's file)."""
    return django_capture_on_commit_callbacks
