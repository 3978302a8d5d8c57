"""An upload handler that stops reading a file past the size limit, so a 5 GB upload never reaches the disk.

Django's own handlers keep small files in memory and write larger ones to a temporary file, whatever their size
(``DATA_UPLOAD_MAX_MEMORY_SIZE`` counts form fields, not files). This handler, placed first, counts each file's
bytes as they arrive; past ``ATTACHMENT_MAX_MB`` it drops the file (``SkipFile``: the parser reads the rest of the
request without storing it, and the handlers after this one discard what they held) and notes it on the request,
so the form can say "too large" instead of "no file".
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile

TOO_LARGE_ATTRIBUTE = "_attachment_too_large"


def max_upload_bytes() -> int:
    return int(settings.ATTACHMENT_MAX_MB * 1024 * 1024)


class SizeLimitUploadHandler(FileUploadHandler):
    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > max_upload_bytes():
            setattr(self.request, TOO_LARGE_ATTRIBUTE, True)
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler (memory or temporary file) builds the uploaded file


def install(request) -> None:
    """Put the size limit first among ``request``'s upload handlers (before its body is read)."""
    request.upload_handlers.insert(0, SizeLimitUploadHandler(request))


def was_too_large(request) -> bool:
    return getattr(request, TOO_LARGE_ATTRIBUTE, False)
