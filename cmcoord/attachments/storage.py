"""Where attachments' bytes live: ``storages["attachments"]``, private by construction.

The default is a file system directory under ``MEDIA_ROOT/attachments`` that no URL serves: files reach a reader
only through :mod:`cmcoord.attachments.views`, which checks the record first. ``STORAGES["attachments"]`` may name
an S3-compatible backend instead (see the README); the views read through the storage API either way.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.functional import cached_property


class PrivateFileSystemStorage(FileSystemStorage):
    """A file system storage with no public address: ``url()`` refuses, so no template can link a file directly.

    Without a ``location`` option it follows ``MEDIA_ROOT`` (a test's temporary one included) plus
    ``attachments/``.
    """

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, os.path.join(settings.MEDIA_ROOT, "attachments"))

    def url(self, name):
        raise NotImplementedError("Attachments have no public address: link attachments:download instead.")


def attachment_storage():
    """The storage of attachments (a callable, so the model's migration does not freeze the setting)."""
    return storages["attachments"]
