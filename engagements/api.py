"""Read-only API of engagements and key messages. Strictly confidential records never appear (the ``api`` action's
ceiling), and the actors, tasks and engagements a record links to are named only where the reader may read them
through the API too."""

from django.db.models import Exists, OuterRef, Prefetch
from rest_framework import serializers

from actors.models import Actor
from cmcoord.core.access import Action
from cmcoord.core.api import KeysetPagination, ScopedReadOnlyViewSet
from protection_tasks.models import Task

from .filtersets import EngagementFilterSet, KeyMessageFilterSet
from .models import Engagement, FollowUp, KeyMessage


class FollowUpSerializer(serializers.ModelSerializer):
    activity = serializers.CharField(source="activity.code", read_only=True)
    task = serializers.SerializerMethodField()

    class Meta:
        model = FollowUp
        fields = ["text", "activity", "due_date", "task"]

    def get_task(self, follow_up) -> str | None:
        """The task's reference, if the reader may read that task through the API."""
        return follow_up.task.reference if follow_up.task_id and follow_up.task_readable else None


class EngagementSerializer(serializers.ModelSerializer):
    operation = serializers.CharField(source="operation.code", read_only=True)
    mission = serializers.CharField(source="mission.acronym", read_only=True, default=None)
    sensitivity = serializers.CharField(source="get_sensitivity_display", read_only=True)
    topics = serializers.ListField(source="topic_list", child=serializers.CharField(), read_only=True)
    actors = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    tasks = serializers.SlugRelatedField(many=True, read_only=True, slug_field="reference")
    follow_ups = FollowUpSerializer(many=True, read_only=True)

    class Meta:
        model = Engagement
        fields = [
            "id", "operation", "occurred_at", "mode", "topics", "actors", "mission", "sensitivity",
            "admin1_pcode", "admin2_pcode", "summary", "outcome", "tasks", "follow_ups", "updated_at",
        ]  # fmt: skip


class EngagementViewSet(ScopedReadOnlyViewSet):
    """Engagements the signed-in user may read through the API, across their operations."""

    queryset = Engagement.objects.select_related("operation", "mission")
    pagination_class = KeysetPagination
    serializer_class = EngagementSerializer
    filterset_class = EngagementFilterSet

    def get_queryset(self):
        user = self.request.user
        readable_tasks = Task.objects.restrict(user, Action.API)
        follow_ups = FollowUp.objects.select_related("activity", "task").annotate(
            task_readable=Exists(readable_tasks.filter(pk=OuterRef("task_id")))
        )
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch("actors", queryset=Actor.objects.restrict(user, Action.API).order_by("name")),
                Prefetch("tasks", queryset=readable_tasks.order_by("reference")),
                Prefetch("follow_ups", queryset=follow_ups),
            )
        )


class KeyMessageSerializer(serializers.ModelSerializer):
    operation = serializers.CharField(source="operation.code", read_only=True)
    sensitivity = serializers.CharField(source="get_sensitivity_display", read_only=True)
    target_actors = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    engagements = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = KeyMessage
        fields = [
            "id", "operation", "title", "text", "issue", "status", "endorsed_on", "target_actors", "engagements",
            "sensitivity", "updated_at",
        ]  # fmt: skip


class KeyMessageViewSet(ScopedReadOnlyViewSet):
    """Key messages the signed-in user may read through the API, with the engagements (ids) at which each was
    delivered among those the user may read through the API."""

    queryset = KeyMessage.objects.select_related("operation")
    pagination_class = KeysetPagination
    serializer_class = KeyMessageSerializer
    filterset_class = KeyMessageFilterSet

    def get_queryset(self):
        user = self.request.user
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch("target_actors", queryset=Actor.objects.restrict(user, Action.API).order_by("name")),
                Prefetch("engagements", queryset=Engagement.objects.restrict(user, Action.API).order_by("pk")),
            )
        )
