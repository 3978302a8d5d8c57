"""Read-only API of training events. Strictly confidential trainings never appear (the ``api`` action's ceiling);
audience actors and tasks are named only where the reader may read them through the API too."""

from django.db.models import Prefetch
from rest_framework import serializers

from actors.models import Actor
from cmcoord.core.access import Action
from cmcoord.core.api import KeysetPagination, ScopedReadOnlyViewSet
from protection_tasks.models import Task

from .choices import ORGANISATION_FIELDS, SEX_FIELDS
from .filtersets import TrainingFilterSet
from .models import Training


class TrainingSerializer(serializers.ModelSerializer):
    operation = serializers.CharField(source="operation.code", read_only=True)
    audience = serializers.SerializerMethodField()
    tasks = serializers.SerializerMethodField()
    participants = serializers.IntegerField(read_only=True)
    sensitivity = serializers.CharField(source="get_sensitivity_display", read_only=True)

    class Meta:
        model = Training
        fields = [
            "id", "operation", "title", "start_date", "end_date", "topics", "audience", "partners", "participants",
            *(name for name, _label in SEX_FIELDS), *(name for name, _label in ORGANISATION_FIELDS),
            "pre_test_score", "post_test_score", "admin1_name", "admin1_pcode", "admin2_name", "admin2_pcode",
            "tasks", "sensitivity", "updated_at",
        ]  # fmt: skip

    def get_audience(self, training) -> list[str]:
        return [actor.name for actor in training.audience.all()]

    def get_tasks(self, training) -> list[str]:
        return [task.reference for task in training.tasks.all()]


class TrainingViewSet(ScopedReadOnlyViewSet):
    """Training events the signed-in user may read through the API, across their operations."""

    queryset = Training.objects.select_related("operation")
    pagination_class = KeysetPagination
    serializer_class = TrainingSerializer
    filterset_class = TrainingFilterSet
    lookup_value_regex = "[0-9]{1,18}"

    def get_queryset(self):
        user = self.request.user
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch("audience", queryset=Actor.objects.restrict(user, Action.API).only("pk", "name")),
                Prefetch("tasks", queryset=Task.objects.restrict(user, Action.API).only("pk", "reference")),
            )
        )
