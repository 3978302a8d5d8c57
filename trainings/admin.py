"""Site administration of training events (repairs only; see ``cmcoord.core.admin``)."""

from django.contrib import admin

from cmcoord.core.admin import RecordAdmin

from .models import Training


@admin.register(Training)
class TrainingAdmin(RecordAdmin):
    list_display = ["start_date", "title", "operation", "sensitivity"]
    list_filter = ["sensitivity", "operation"]
    search_fields = ["title"]
