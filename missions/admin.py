"""Site administration of mission contexts (repairs only; see ``cmcoord.core.admin``)."""

from django.contrib import admin

from cmcoord.core.admin import RecordAdmin

from .models import (
    CoordinationPlatform,
    Mission,
    MissionComponent,
    MissionLiaisonOfficer,
    MissionPhaseChange,
    TaskMission,
)


class PhaseChangeInline(admin.TabularInline):
    model = MissionPhaseChange
    extra = 0


@admin.register(Mission)
class MissionAdmin(RecordAdmin):
    list_display = ["acronym", "name", "kind", "phase", "poc_mandate"]
    list_filter = ["kind", "phase"]
    search_fields = ["acronym", "name"]
    filter_horizontal = ["operations"]
    inlines = [PhaseChangeInline]


@admin.register(MissionPhaseChange)
class MissionPhaseChangeAdmin(RecordAdmin):
    list_display = ["mission", "phase", "started_on"]


@admin.register(CoordinationPlatform)
class CoordinationPlatformAdmin(RecordAdmin):
    list_display = ["name", "mission", "ocha_attends"]


@admin.register(MissionComponent)
class MissionComponentAdmin(RecordAdmin):
    list_display = ["mission", "kind", "actor"]


@admin.register(MissionLiaisonOfficer)
class MissionLiaisonOfficerAdmin(RecordAdmin):
    list_display = ["pk", "mission", "operation", "sensitivity"]


@admin.register(TaskMission)
class TaskMissionAdmin(RecordAdmin):
    list_display = ["task", "mission"]
