"""Writing attachments: create and delete, each within the record's scope and its operation's state."""

from __future__ import annotations

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied

from cmcoord.core.access import Action, can
from cmcoord.core.scoping import save_within_scope

from .models import Attachment
from .validators import FileKind, clean_file_name

HASH_CHUNK = 1024 * 1024


def _sha256(upload) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks(HASH_CHUNK):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def attachment_create(*, user, record, upload, kind: FileKind, description: str = "") -> Attachment:
    """Attach ``upload`` (already judged to be of ``kind``, see :func:`validators.detect_kind`) to ``record``.

    Refused (``PermissionDenied``) unless ``user`` may change the record. The row and the file are written in one
    transaction; the scope is re-checked after the write, and if that fails the stored file is removed too.
    """
    if not can(user, Action.CHANGE, record):
        raise PermissionDenied
    attachment = Attachment(
        operation_id=record.operation_id,
        content_type=ContentType.objects.get_for_model(type(record)),
        object_id=record.pk,
        original_name=clean_file_name(getattr(upload, "name", ""), kind),
        mime_type=kind.content_type,
        size=upload.size,
        sha256=_sha256(upload),
        description=description.strip(),
        uploaded_by=user,
    )
    attachment.full_clean(exclude=["file"])

    def write():
        attachment.file.save(attachment.original_name, upload, save=False)  # upload_to names the path, not this
        attachment.save()

    try:
        save_within_scope(user, attachment, save=write)
    except Exception:
        if attachment.file.name:
            attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


def attachment_delete(*, user, attachment: Attachment) -> None:
    """Delete ``attachment`` if ``user`` may change its record (the file goes once the deletion commits)."""
    if not can(user, Action.CHANGE, attachment):
        raise PermissionDenied
    attachment.delete()
