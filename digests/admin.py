"""Site administration of digests (repairs only; see ``cmcoord.core.admin``)."""

from django.contrib import admin

from cmcoord.core.admin import HistoryAdmin

from .models import Digest, DigestDelivery, DigestSchedule


@admin.register(DigestSchedule)
class DigestScheduleAdmin(HistoryAdmin):
    list_display = ["name", "operation", "audience", "frequency", "hour", "active"]
    list_filter = ["audience", "frequency", "active"]
    raw_id_fields = ["operation"]


@admin.register(Digest)
class DigestAdmin(HistoryAdmin):
    list_display = ["schedule", "period_start", "period_end", "status", "sent_at"]
    list_filter = ["status", "audience"]
    raw_id_fields = ["schedule"]
    readonly_fields = ["context", "html", "text"]


@admin.register(DigestDelivery)
class DigestDeliveryAdmin(HistoryAdmin):
    list_display = ["digest", "address", "status", "attempts", "sent_at"]
    list_filter = ["status"]
    raw_id_fields = ["digest", "user"]
