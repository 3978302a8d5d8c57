"""The upload size limit of imports (``IMPORT_MAX_MB``): the attachments' handler, with the imports' own limit, so a
file over it is dropped as it arrives and never reaches the disk."""

from django.core.files.uploadhandler import SkipFile

from cmcoord.attachments.uploads import TOO_LARGE_ATTRIBUTE, SizeLimitUploadHandler, was_too_large

from .readers import max_import_bytes

__all__ = ["install", "was_too_large"]


class ImportSizeLimitUploadHandler(SizeLimitUploadHandler):
    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > max_import_bytes():
            setattr(self.request, TOO_LARGE_ATTRIBUTE, True)
            raise SkipFile
        return raw_data


def install(request) -> None:
    """Put the imports' size limit first among ``request``'s upload handlers (before its body is read)."""
    request.upload_handlers.insert(0, ImportSizeLimitUploadHandler(request))
