"""The API's access incidents (the route comes from the record type): Strictly confidential ones never appear (the
``api`` action's ceiling); the responsible actor and the tasks are named only where the reader may read them
through the API too (the actor a scoped relation, the tasks through ``incident_prefetch``)."""

from rest_framework import serializers

from cmcoord.records.api import RecordSerializer, api_fields

from .models import AccessIncident
from .records import INCIDENTS


class AccessIncidentSerializer(RecordSerializer):
    category_label = serializers.CharField(source="get_category_display", read_only=True)
    source_label = serializers.CharField(source="get_source_display", read_only=True)
    actor = serializers.SerializerMethodField()
    actor_restricted = serializers.SerializerMethodField()
    tasks = serializers.SerializerMethodField()
    mission = serializers.CharField(source="mission.acronym", read_only=True, default=None)

    class Meta:
        model = AccessIncident
        fields = api_fields(
            INCIDENTS, "title", "category_label", "actor", "actor_restricted", "source_label", "description", "tasks",
            "mission",
        )  # fmt: skip

    def get_actor(self, incident) -> str | None:
        return incident.actor.name if incident.actor is not None else None

    def get_actor_restricted(self, incident) -> bool:
        """An actor is recorded whom the reader may not read: attributed, but not named."""
        return incident.actor_id is not None and incident.actor is None

    def get_tasks(self, incident) -> list[str]:
        return [task.reference for task in incident.tasks.all()]
