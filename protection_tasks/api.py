"""Read-only API of the task log. Strictly confidential tasks never appear (the ``api`` action's ceiling)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cmcoord.core.api import ScopedReadOnlyViewSet

from .choices import TaskStatus
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
            "reference", "operation", "area", "activity", "title", "status", "priority", "owner",
            "start_date", "due_date", "completed_on", "sensitivity", "admin1_pcode", "admin2_pcode",
            "protection_priorities", "updated_at",
        ]  # fmt: skip

    def get_owner(self, task) -> str:
        return task.owner.get_full_name() or task.owner.get_username()


class TaskApiFilterSet(django_filters.FilterSet):
    operation = django_filters.CharFilter(label=_("Operation (ISO alpha-3)"), method="filter_operation")
    status = django_filters.MultipleChoiceFilter(choices=TaskStatus.choices)
    area = django_filters.CharFilter(field_name="activity__area__code")
    due_after = django_filters.DateFilter(field_name="due_date", lookup_expr="gte")
    due_before = django_filters.DateFilter(field_name="due_date", lookup_expr="lte")

    class Meta:
        model = Task
        fields = ["operation", "status", "area", "due_after", "due_before"]

    def filter_operation(self, queryset, name, value):
        from django_countries import countries

        return queryset.filter(operation__country=countries.alpha2(value.upper()) or "--")


class TaskViewSet(ScopedReadOnlyViewSet):
    """Tasks the signed-in user may read through the API, across their operations."""

    queryset = (
        Task.objects.select_related("operation", "activity__area", "owner")
        .prefetch_related("protection_priorities")
        .order_by("operation__name", "reference")
    )
    serializer_class = TaskSerializer
    filterset_class = TaskApiFilterSet
    lookup_field = "reference"
