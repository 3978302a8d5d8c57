"""Site administration of the actor registry (repairs only; see ``cmcoord.core.admin``)."""

from django.contrib import admin

from cmcoord.core.admin import RecordAdmin

from .models import Actor, ActorAssessment, ActorRelationship, LiaisonContact, TaskActor


@admin.register(Actor)
class ActorAdmin(RecordAdmin):
    list_display = ["name", "acronym", "operation", "category", "sensitivity"]
    list_filter = ["category", "sensitivity", "operation"]
    search_fields = ["name", "acronym"]


@admin.register(LiaisonContact)
class LiaisonContactAdmin(RecordAdmin):
    list_display = ["pk", "actor", "operation", "sensitivity"]


@admin.register(ActorAssessment)
class ActorAssessmentAdmin(RecordAdmin):
    list_display = ["actor", "assessed_on", "stance", "operation", "sensitivity"]


@admin.register(ActorRelationship)
class ActorRelationshipAdmin(RecordAdmin):
    list_display = ["source", "relationship_type", "target", "operation", "sensitivity"]


@admin.register(TaskActor)
class TaskActorAdmin(RecordAdmin):
    list_display = ["task", "actor", "role"]
