"""Site administration of the humanitarian notification system (repairs only; see ``cmcoord.core.admin``)."""

from django.contrib import admin

from cmcoord.core.admin import HistoryAdmin, RecordAdmin

from .models import Notification, NotificationSettings, PartyAnswer


@admin.register(Notification)
class NotificationAdmin(RecordAdmin):
    list_display = ["reference", "title", "kind", "operation", "status", "submitted_at", "sensitivity"]
    list_filter = ["kind", "status", "sensitivity", "operation"]
    search_fields = ["reference", "title", "notifying_organisation"]


@admin.register(PartyAnswer)
class PartyAnswerAdmin(RecordAdmin):
    list_display = ["notification", "party", "status", "answered_at"]
    list_filter = ["status"]


@admin.register(NotificationSettings)
class NotificationSettingsAdmin(HistoryAdmin):
    list_display = ["operation", "response_hours"]
    raw_id_fields = ["operation"]
