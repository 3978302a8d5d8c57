"""The API of a task's mission (``tasks/<reference>/mission/``), as the task page's mission panel: set, changed or
cleared through the missions' services and the one policy."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_view
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from cmcoord.core.access import Action
from cmcoord.records.api_schema import action_schema
from protection_tasks.api import TaskPartViewSet

from .forms import TaskMissionForm
from .models import TaskMission
from .services import task_mission_link, task_mission_unlink


class TaskMissionSerializer(serializers.Serializer):
    """The mission a task concerns, or none."""

    task = serializers.CharField()
    mission = serializers.IntegerField(allow_null=True)
    acronym = serializers.CharField(allow_null=True)


class MissionBody(serializers.Serializer):
    mission = serializers.IntegerField(
        allow_null=True, help_text="The id of a mission covering the task's operation; null clears the mission."
    )


@extend_schema_view(
    create=action_schema(
        "Set or clear the mission of a task",
        "As the task page's mission panel: a mission covering the task's operation, or null to clear it.",
        request=MissionBody,
        answers={200: TaskMissionSerializer},
    )
)
class TaskMissionViewSet(TaskPartViewSet):
    """The mission of a task the user may change."""

    queryset = TaskMission.objects.select_related("task", "mission")
    serializer_class = TaskMissionSerializer

    def create(self, request, *args, **kwargs):
        return self.act(request, lambda: self._set(request))

    def _set(self, request):
        task = self.task()
        body = self._body(request)
        self.refuse_unknown(body, {"mission"})
        if "mission" not in body:
            raise ValidationError({"mission": [_("Required: a mission's id, or null to clear it.")]})
        if body["mission"] in (None, ""):
            self.write(lambda: task_mission_unlink(user=request.user, task=task))
            return Response({"task": task.reference, "mission": None, "acronym": None})
        existing = TaskMission.objects.restrict(request.user, Action.CHANGE).filter(task=task).first()
        form = self.action_form(TaskMissionForm, body, instance=existing, user=request.user, task=task)
        link = self.write(lambda: task_mission_link(user=request.user, form=form), field="mission")
        return Response({"task": task.reference, "mission": link.mission_id, "acronym": link.mission.acronym})
