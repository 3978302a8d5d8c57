"""Site administration of access incidents (repairs only; see ``cmcoord.core.admin``)."""

from django.contrib import admin

from cmcoord.core.admin import RecordAdmin

from .models import AccessIncident


@admin.register(AccessIncident)
class AccessIncidentAdmin(RecordAdmin):
    list_display = ["occurred_on", "title", "operation", "category", "verified", "sensitivity"]
    list_filter = ["category", "verified", "sensitivity", "operation"]
    search_fields = ["title"]
