"""Read-only API of access incidents. Strictly confidential incidents never appear (the ``api`` action's ceiling);
the responsible actor and the tasks are named only where the reader may read them through the API too."""

from django.db.models import Prefetch
from rest_framework import serializers

from cmcoord.core.access import Action
from cmcoord.core.api import KeysetPagination, ScopedReadOnlyViewSet
from protection_tasks.models import Task

from .filtersets import IncidentFilterSet
from .models import AccessIncident


class AccessIncidentSerializer(serializers.ModelSerializer):
    operation = serializers.CharField(source="operation.code", read_only=True)
    category_label = serializers.CharField(source="get_category_display", read_only=True)
    source_label = serializers.CharField(source="get_source_display", read_only=True)
    actor = serializers.SerializerMethodField()
    actor_restricted = serializers.SerializerMethodField()
    tasks = serializers.SerializerMethodField()
    mission = serializers.CharField(source="mission.acronym", read_only=True, default=None)
    sensitivity = serializers.CharField(source="get_sensitivity_display", read_only=True)

    class Meta:
        model = AccessIncident
        fields = [
            "id", "operation", "occurred_on", "title", "category", "category_label", "actor", "actor_restricted",
            "people_affected", "activities_suspended", "days_affected", "source", "source_label", "verified",
            "admin1_name", "admin1_pcode", "admin2_name", "admin2_pcode", "description", "tasks", "mission",
            "sensitivity", "updated_at",
        ]  # fmt: skip

    def get_actor(self, incident) -> str | None:
        return incident.actor.name if incident.actor is not None else None

    def get_actor_restricted(self, incident) -> bool:
        """An actor is recorded whom the reader may not read: attributed, but not named."""
        return incident.actor_id is not None and incident.actor is None

    def get_tasks(self, incident) -> list[str]:
        return [task.reference for task in incident.tasks.all()]


class AccessIncidentViewSet(ScopedReadOnlyViewSet):
    """Access incidents the signed-in user may read through the API, across their operations."""

    queryset = AccessIncident.objects.select_related("operation", "mission")
    pagination_class = KeysetPagination
    serializer_class = AccessIncidentSerializer
    filterset_class = IncidentFilterSet
    lookup_value_regex = "[0-9]{1,18}"

    def get_queryset(self):
        user = self.request.user
        return (
            super()
            .get_queryset()
            .with_scoped(user, "actor", action=Action.API)
            .prefetch_related(
                Prefetch("tasks", queryset=Task.objects.restrict(user, Action.API).only("pk", "reference"))
            )
        )
