"""Site administration of the task log (repairs only; see ``cmcoord.core.admin``)."""

from django.contrib import admin

from cmcoord.core.admin import RecordAdmin

from .models import Activity, ProtectionPriority, Task, TaskArea, TimelineEntry


@admin.register(Task)
class TaskAdmin(RecordAdmin):
    list_display = ["reference", "title", "operation", "status", "sensitivity", "due_date"]
    list_filter = ["status", "sensitivity", "operation"]
    search_fields = ["reference", "title"]


@admin.register(TimelineEntry)
class TimelineEntryAdmin(RecordAdmin):
    list_display = ["task", "kind", "created_at", "author"]
    list_filter = ["kind"]


@admin.register(Activity)
class ActivityAdmin(RecordAdmin):
    list_display = ["code", "name", "area", "operation", "peacekeeping_only", "is_active"]
    list_filter = ["area", "peacekeeping_only", "is_active"]
    search_fields = ["code", "name"]


@admin.register(ProtectionPriority)
class ProtectionPriorityAdmin(RecordAdmin):
    list_display = ["title", "operation", "status", "order"]
    list_filter = ["status", "operation"]


@admin.register(TaskArea)
class TaskAreaAdmin(admin.ModelAdmin):
    list_display = ["number", "code", "name"]
