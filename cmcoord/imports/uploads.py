"""The upload size limit of imports (``IMPORT_MAX_MB``): the attachments' handler, with the imports' own limit."""

from cmcoord.attachments.uploads import SizeLimitUploadHandler, was_too_large

from .readers import max_import_bytes

__all__ = ["install", "was_too_large"]


class ImportSizeLimitUploadHandler(SizeLimitUploadHandler):
    def receive_data_chunk(self, raw_data, start):
        from django.core.files.uploadhandler import SkipFile

        from cmcoord.attachments.uploads import TOO_LARGE_ATTRIBUTE

        if start + len(raw_data) > max_import_bytes():
            setattr(self.request, TOO_LARGE_ATTRIBUTE, True)
            raise SkipFile
        return raw_data


def install(request) -> None:
    request.upload_handlers.insert(0, ImportSizeLimitUploadHandler(request))
