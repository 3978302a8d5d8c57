"""Read-only API of the humanitarian notification system (``/api/v1/notifications/``).

Notifications, and the tasks and parties' answers they show, are read under ``Action.API``: Strictly confidential
ones never appear, and an answer whose party the reader may not read through the API is left out.
"""

from django.db.models import Prefetch
from rest_framework import serializers

from cmcoord.core.access import Action
from cmcoord.core.api import KeysetPagination, ScopedReadOnlyViewSet
from protection_tasks.models import Task

from .filtersets import NotificationFilterSet
from .models import Notification, PartyAnswer


class PartyAnswerSerializer(serializers.ModelSerializer):
    party = serializers.CharField(source="party.name", read_only=True)

    class Meta:
        model = PartyAnswer
        fields = ["party", "status", "answered_at"]


class NotificationSerializer(serializers.ModelSerializer):
    operation = serializers.CharField(source="operation.code", read_only=True)
    sensitivity = serializers.CharField(source="get_sensitivity_display", read_only=True)
    mission = serializers.SerializerMethodField()
    tasks = serializers.SerializerMethodField()
    answers = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = [
            "id", "reference", "operation", "kind", "title", "notifying_organisation", "description",
            "admin1_name", "admin1_pcode", "admin2_name", "admin2_pcode", "latitude", "longitude", "origin",
            "destination", "route", "valid_from", "valid_to", "submitted_at", "status", "awaiting_answer",
            "sensitivity", "mission", "tasks", "answers", "updated_at",
        ]  # fmt: skip

    def get_mission(self, notification) -> str | None:
        # Missions are public (mandates and phases); the acronym is all the API gives.
        return notification.mission.acronym if notification.mission_id else None

    def get_tasks(self, notification) -> list[str]:
        return [task.reference for task in notification.api_tasks]

    def get_answers(self, notification) -> list[dict]:
        return PartyAnswerSerializer(notification.api_answers, many=True).data


class NotificationViewSet(ScopedReadOnlyViewSet):
    """Notifications the signed-in user may read through the API, across their operations."""

    queryset = Notification.objects.select_related("operation", "mission")
    pagination_class = KeysetPagination
    serializer_class = NotificationSerializer
    filterset_class = NotificationFilterSet

    def get_queryset(self):
        user = self.request.user
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch("tasks", queryset=Task.objects.restrict(user, Action.API), to_attr="api_tasks"),
                Prefetch(
                    "answers",
                    queryset=PartyAnswer.objects.restrict(user, Action.API)  # the party's level counts too
                    .select_related("party")
                    .order_by("party__name", "pk"),
                    to_attr="api_answers",
                ),
            )
        )
