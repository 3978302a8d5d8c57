"""Site administration of the gazetteer: look units up and correct one; whole datasets come by import_gazetteer."""

from django.contrib import admin

from .models import AdminUnit


@admin.register(AdminUnit)
class AdminUnitAdmin(admin.ModelAdmin):
    list_display = ["pcode", "name", "level", "parent", "country", "is_active"]
    list_filter = ["level", "is_active", "country"]
    search_fields = ["pcode", "name", "alternative_names"]
    raw_id_fields = ["parent"]
    list_select_related = ["parent"]
    readonly_fields = ["updated_at"]
    list_per_page = 100
