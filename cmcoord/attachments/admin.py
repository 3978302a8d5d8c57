"""Attachments in the admin: their metadata and history, for repair; never the file itself.

As for every record, the site reads them through the access policy: an attachment is listed only where the
administration may see its record (Unclassified records).
"""

from django.contrib import admin

from cmcoord.core.admin import RecordAdmin

from .models import Attachment


@admin.register(Attachment)
class AttachmentAdmin(RecordAdmin):
    list_display = ["original_name", "operation", "content_type", "object_id", "mime_type", "size", "uploaded_at"]
    list_filter = ["mime_type", "operation"]
    list_select_related = ["operation", "content_type"]
    # The stored file has no public address (it is served through its record's page): shown by checksum only.
    exclude = ["file"]
    readonly_fields = ["content_type", "object_id", "mime_type", "size", "sha256", "uploaded_by", "uploaded_at"]
