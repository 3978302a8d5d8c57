"""Site administration of engagements and key messages (repairs only; see ``cmcoord.core.admin``)."""

from django.contrib import admin

from cmcoord.core.admin import RecordAdmin

from .models import Engagement, FollowUp, KeyMessage


@admin.register(Engagement)
class EngagementAdmin(RecordAdmin):
    list_display = ["pk", "occurred_at", "mode", "operation", "sensitivity"]
    list_filter = ["mode", "sensitivity", "operation"]


@admin.register(FollowUp)
class FollowUpAdmin(RecordAdmin):
    list_display = ["text", "engagement", "due_date", "task"]


@admin.register(KeyMessage)
class KeyMessageAdmin(RecordAdmin):
    list_display = ["title", "operation", "issue", "status", "sensitivity"]
    list_filter = ["status", "issue", "sensitivity", "operation"]
    search_fields = ["title"]
