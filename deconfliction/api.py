"""The API's notifications (``/api/v1/notifications/``, the route from the record type).

Notifications, and the tasks and parties' answers they show, are read under ``Action.API``: Strictly confidential
ones never appear, and an answer whose party the reader may not read through the API is left out (the record
type's ``api_prefetch``).
"""

from rest_framework import serializers

from cmcoord.records.api import RecordSerializer, api_fields

from .models import Notification, PartyAnswer
from .records import NOTIFICATIONS


class PartyAnswerSerializer(serializers.ModelSerializer):
    party = serializers.CharField(source="party.name", read_only=True)

    class Meta:
        model = PartyAnswer
        fields = ["party", "status", "answered_at"]


class NotificationSerializer(RecordSerializer):
    mission = serializers.SerializerMethodField()
    tasks = serializers.SerializerMethodField()
    answers = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = api_fields(
            NOTIFICATIONS, "description", "latitude", "longitude", "origin", "destination", "route", "submitted_at",
            "awaiting_answer", "mission", "tasks", "answers",
        )  # fmt: skip

    def get_mission(self, notification) -> str | None:
        # Missions are public (mandates and phases); the acronym is all the API gives.
        return notification.mission.acronym if notification.mission_id else None

    def get_tasks(self, notification) -> list[str]:
        return [task.reference for task in notification.api_tasks]

    def get_answers(self, notification) -> list[dict]:
        return PartyAnswerSerializer(notification.api_answers, many=True).data
