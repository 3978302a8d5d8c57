"""The API's training events (the route comes from the record type): audience actors and tasks are named only
where the reader may read them through the API too (``training_prefetch``)."""

from rest_framework import serializers

from cmcoord.records.api import RecordSerializer, api_fields

from .models import Training
from .records import TRAININGS


class TrainingSerializer(RecordSerializer):
    audience = serializers.SerializerMethodField()
    tasks = serializers.SerializerMethodField()
    participants = serializers.IntegerField(read_only=True)

    class Meta:
        model = Training
        extra = ("topics", "audience", "participants", "pre_test_score", "post_test_score", "tasks")
        fields = api_fields(TRAININGS, *extra)

    def get_audience(self, training) -> list[str]:
        return [actor.name for actor in training.audience.all()]

    def get_tasks(self, training) -> list[str]:
        return [task.reference for task in training.tasks.all()]
