"""Addresses of attachments for other apps' pages: where a record's upload form posts, where a file is read."""

from __future__ import annotations

from django.urls import reverse


def upload_url(record) -> str:
    """Where the upload form of ``record`` posts (and its page without script)."""
    meta = record._meta
    kwargs = {"app_label": meta.app_label, "model_name": meta.model_name, "object_id": record.pk}
    return reverse("attachments:upload", kwargs=kwargs)


def download_url(attachment) -> str:
    return attachment.get_absolute_url()
