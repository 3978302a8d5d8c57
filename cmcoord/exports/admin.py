"""The export log and export files in the admin: read-only (the log is a record of what happened)."""

from django.contrib import admin

from .models import ExportFile, ExportLog


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ExportLog)
class ExportLogAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "user", "operation", "export_name", "format", "row_count", "completed"]
    list_filter = ["format", "completed", "export_name", "operation"]
    search_fields = ["user__username", "export_name"]
    date_hierarchy = "created_at"
    list_select_related = ["user", "operation"]


@admin.register(ExportFile)
class ExportFileAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "user", "log", "status", "rows_done", "rows_total", "expires_at"]
    list_filter = ["status"]
    list_select_related = ["user", "log"]
