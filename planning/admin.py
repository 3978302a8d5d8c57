"""Site administration of planning and preparedness (repairs only; see ``cmcoord.core.admin``)."""

from django.contrib import admin

from cmcoord.core.admin import RecordAdmin

from .models import ChecklistItem, MCDARequest, PlanningDocument


@admin.register(PlanningDocument)
class PlanningDocumentAdmin(RecordAdmin):
    list_display = ["title", "kind", "status", "review_due", "operation", "sensitivity"]
    list_filter = ["kind", "status", "sensitivity", "operation"]
    search_fields = ["title"]


@admin.register(MCDARequest)
class MCDARequestAdmin(RecordAdmin):
    list_display = ["requested", "asset", "decision", "requested_on", "decided_on", "operation", "sensitivity"]
    list_filter = ["decision", "sensitivity", "operation"]
    search_fields = ["requested", "asset"]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(RecordAdmin):
    list_display = ["code", "operation", "status", "owner", "sensitivity"]
    list_filter = ["status", "operation"]
