"""The API's engagements and key messages (the routes come from the record types). Strictly confidential records
never appear (the ``api`` action's ceiling), and the mission, actors, tasks and engagements a record links to are
named only where the reader may read them through the API too (``engagement_prefetch``, ``key_message_prefetch``).
"""

from rest_framework import serializers

from cmcoord.records.api import RecordSerializer, api_fields

from .models import Engagement, FollowUp, KeyMessage
from .records import ENGAGEMENTS, KEY_MESSAGES


class FollowUpSerializer(serializers.ModelSerializer):
    activity = serializers.CharField(source="activity.code", read_only=True)
    task = serializers.SerializerMethodField()

    class Meta:
        model = FollowUp
        fields = ["text", "activity", "due_date", "task"]

    def get_task(self, follow_up) -> str | None:
        """The task's reference, if the reader may read that task through the API."""
        return follow_up.task.reference if follow_up.task_id and follow_up.task_readable else None


class EngagementSerializer(RecordSerializer):
    mission = serializers.CharField(source="mission.acronym", read_only=True, default=None)
    topics = serializers.ListField(source="topic_list", child=serializers.CharField(), read_only=True)
    actors = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    tasks = serializers.SlugRelatedField(many=True, read_only=True, slug_field="reference")
    follow_ups = FollowUpSerializer(many=True, read_only=True)

    class Meta:
        model = Engagement
        fields = api_fields(ENGAGEMENTS, "occurred_at", "topics", "actors", "mission", "tasks", "follow_ups")


class KeyMessageSerializer(RecordSerializer):
    target_actors = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    engagements = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = KeyMessage
        fields = api_fields(KEY_MESSAGES, "target_actors", "engagements")
