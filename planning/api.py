"""Read-only API of planning and preparedness. Strictly confidential records never appear (the ``api`` action's
ceiling), and a record's links to other records (tasks, the providing actor) show only those the reader may read
through the API too."""

from django.db.models import Prefetch
from rest_framework import serializers

from cmcoord.core.access import Action
from cmcoord.core.api import KeysetPagination, ScopedReadOnlyViewSet
from protection_tasks.models import Task

from .choices import Justification
from .filtersets import MCDARequestFilterSet, PlanningDocumentFilterSet
from .models import MCDARequest, PlanningDocument


class PlanningDocumentSerializer(serializers.ModelSerializer):
    operation = serializers.CharField(source="operation.code", read_only=True)
    sensitivity = serializers.CharField(source="get_sensitivity_display", read_only=True)
    mission = serializers.SerializerMethodField()
    tasks = serializers.SerializerMethodField()

    class Meta:
        model = PlanningDocument
        fields = [
            "id", "operation", "kind", "title", "status", "effective_date", "review_due", "notes", "mission",
            "tasks", "sensitivity", "updated_at",
        ]  # fmt: skip

    def get_mission(self, document) -> str | None:
        return document.mission.acronym if document.mission else None

    def get_tasks(self, document) -> list[str]:
        return [task.reference for task in document.api_tasks]


class MCDARequestSerializer(serializers.ModelSerializer):
    operation = serializers.CharField(source="operation.code", read_only=True)
    sensitivity = serializers.CharField(source="get_sensitivity_display", read_only=True)
    justification = serializers.SerializerMethodField()
    asset_actor = serializers.SerializerMethodField()
    asset_mission = serializers.SerializerMethodField()
    task = serializers.SerializerMethodField()

    class Meta:
        model = MCDARequest
        fields = [
            "id", "operation", "requested", "asset", "asset_actor", "asset_mission", "purpose", "justification",
            "justification_notes", "requested_on", "decision", "decided_on", "task", "sensitivity", "updated_at",
        ]  # fmt: skip

    def get_justification(self, request) -> list[str]:
        return [choice.value for choice in Justification if getattr(request, choice.value)]

    def get_asset_actor(self, request) -> str | None:
        return request.asset_actor.name if request.asset_actor else None

    def get_asset_mission(self, request) -> str | None:
        return request.asset_mission.acronym if request.asset_mission else None

    def get_task(self, request) -> str | None:
        return request.task.reference if request.task else None


class PlanningDocumentViewSet(ScopedReadOnlyViewSet):
    """Planning documents the signed-in user may read through the API, across their operations."""

    queryset = PlanningDocument.objects.select_related("operation")
    pagination_class = KeysetPagination
    serializer_class = PlanningDocumentSerializer
    filterset_class = PlanningDocumentFilterSet

    def get_queryset(self):
        user = self.request.user
        tasks = Task.objects.restrict(user, Action.API).order_by("reference")
        return (
            super()
            .get_queryset()
            .with_scoped(user, "mission", action=Action.API)
            .prefetch_related(Prefetch("tasks", queryset=tasks, to_attr="api_tasks"))
        )


class MCDARequestViewSet(ScopedReadOnlyViewSet):
    """MCDA requests the signed-in user may read through the API, across their operations."""

    queryset = MCDARequest.objects.select_related("operation")
    pagination_class = KeysetPagination
    serializer_class = MCDARequestSerializer
    filterset_class = MCDARequestFilterSet

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .with_scoped(self.request.user, "task", "asset_actor", "asset_mission", action=Action.API)
        )
