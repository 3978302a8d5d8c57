"""Attachments in the admin: their metadata and history, for repair; never the file itself.

As for every record, Strictly confidential ones are left out: an attachment is listed only where its record is
below that level.
"""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from cmcoord.core.access import attachable_models, sensitivity_fields
from cmcoord.core.admin import HistoryAdmin
from cmcoord.core.choices import Sensitivity

from .models import Attachment


@admin.register(Attachment)
class AttachmentAdmin(HistoryAdmin):
    list_display = ["original_name", "operation", "content_type", "object_id", "mime_type", "size", "uploaded_at"]
    list_filter = ["mime_type", "operation"]
    list_select_related = ["operation", "content_type"]
    readonly_fields = ["file", "mime_type", "size", "sha256", "uploaded_by", "uploaded_at"]
    raw_id_fields = ["operation", "uploaded_by"]
    list_per_page = 50
    show_full_result_count = False

    def has_add_permission(self, request):
        return False  # files arrive through the record's page, where their content is checked

    def get_queryset(self, request):
        shown = Q(pk__in=[])
        for parent in attachable_models(Attachment):
            below = {f"{name}__lt": Sensitivity.STRICTLY_CONFIDENTIAL for name in sensitivity_fields(parent)}
            shown |= Q(
                content_type=ContentType.objects.get_for_model(parent),
                object_id__in=parent._base_manager.filter(**below).values("pk"),
            )
        return super().get_queryset(request).filter(shown)
