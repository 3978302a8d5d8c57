"""Read-only API of the task log. Strictly confidential tasks never appear (the ``api`` action's ceiling)."""

from rest_framework import serializers

from cmcoord.core.api import KeysetPagination, ScopedReadOnlyViewSet
from cmcoord.core.people import person_name
from cmcoord.core.validators import TASK_REFERENCE

from .filtersets import TaskFilterSet
from .models import Task


class TaskSerializer(serializers.ModelSerializer):
    operation = serializers.CharField(source="operation.code", read_only=True)
    area = serializers.CharField(source="activity.area.name", read_only=True)
    activity = serializers.CharField(source="activity.code", read_only=True)
    owner = serializers.SerializerMethodField()
    sensitivity = serializers.CharField(source="get_sensitivity_display", read_only=True)
    protection_priorities = serializers.SlugRelatedField(many=True, read_only=True, slug_field="title")

    class Meta:
        model = Task
        fields = [
            "reference", "operation", "area", "activity", "title", "status", "urgency", "owner",
            "start_date", "due_date", "completed_on", "sensitivity", "admin1_pcode", "admin2_pcode",
            "protection_priorities", "updated_at",
        ]  # fmt: skip

    def get_owner(self, task) -> str:
        return person_name(task.owner)


class TaskViewSet(ScopedReadOnlyViewSet):
    """Tasks the signed-in user may read through the API, across their operations."""

    queryset = Task.objects.select_related("operation", "activity__area", "owner").prefetch_related(
        "protection_priorities"
    )
    pagination_class = KeysetPagination
    serializer_class = TaskSerializer
    filterset_class = TaskFilterSet
    lookup_field = "reference"
    lookup_value_regex = TASK_REFERENCE  # anything else is no route (404), as on the pages
