"""The API's engagements and key messages (the routes come from the record types). Strictly confidential records
never appear (the ``api`` action's ceiling), and the mission, actors, tasks and engagements a record links to are
named only where the reader may read them through the API too (``engagement_prefetch``, ``key_message_prefetch``).

Also here: a follow-up turned into a task (``POST /api/v1/follow-ups/<id>/task/``), as the engagement's page does.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response

from cmcoord.core.access import Action
from cmcoord.core.api import etag
from cmcoord.records.api import RecordSerializer, WriteActions, api_fields
from cmcoord.records.api_schema import action_schema
from protection_tasks.api import TaskSerializer, TaskViewSet

from . import services
from .forms import FollowUpForm
from .models import Engagement, FollowUp, KeyMessage
from .records import ENGAGEMENTS, KEY_MESSAGES


class FollowUpSerializer(serializers.ModelSerializer):
    activity = serializers.CharField(source="activity.code", read_only=True)
    task = serializers.SerializerMethodField()

    class Meta:
        model = FollowUp
        fields = ["id", "text", "activity", "due_date", "task"]

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


class FollowUpBody(serializers.Serializer):
    engagement = serializers.IntegerField(help_text="The engagement's id: one the user may change.")
    text = serializers.CharField(help_text="What was agreed.")
    activity = serializers.IntegerField(help_text="The catalogue activity the task will have (its id).")
    owner = serializers.IntegerField(required=False, allow_null=True, help_text="Empty: whoever turns it into a task.")
    due_date = serializers.DateField(required=False, allow_null=True)


@extend_schema_view(
    create=action_schema(
        "Add a follow-up agreed at an engagement",
        "As the engagement page's follow-up form (follow_up_add): validated by the same form. Applied once per "
        "Idempotency-Key (the outbox of a phone sends it so).",
        request=FollowUpBody,
        answers={201: FollowUpSerializer},
    ),
    task=action_schema(
        "Turn a follow-up into a task",
        "As the engagement's page (follow_up_convert): a task pre-filled from the follow-up and its engagement, once. "
        "The first time 201 with the new task; after that 200 with the same task, never a second one.",
        request=None,
        answers={
            201: OpenApiResponse(TaskSerializer, description="The task made from the follow-up."),
            200: OpenApiResponse(TaskSerializer, description="The follow-up was a task already: that task."),
        },
    ),
)
class FollowUpViewSet(WriteActions, viewsets.GenericViewSet):
    """Follow-ups agreed at engagements the user may read through the API (read as part of their engagement)."""

    queryset = FollowUp.objects.select_related("engagement__operation")
    serializer_class = TaskSerializer  # what the action answers
    lookup_value_regex = "[0-9]{1,18}"

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user, Action.API)

    def create(self, request, *args, **kwargs):
        return self.act(request, lambda: self._create(request))

    def _create(self, request):
        body = self._body(request)
        engagement = self._engagement(body.pop("engagement", None))
        form = self.action_form(FollowUpForm, body, user=request.user, engagement=engagement)
        follow_up = self.write(lambda: services.follow_up_add(user=request.user, follow_up=form.instance))
        follow_up.task_readable = False
        response = Response(FollowUpSerializer(follow_up).data, status=status.HTTP_201_CREATED)
        response.idempotent_object = follow_up
        return response

    def _engagement(self, pk):
        """The engagement a new follow-up is agreed at: 400 unless the user reads it through the API, 403 where they
        read it but may not change it (as the record kit answers for an operation)."""
        if isinstance(pk, bool) or not isinstance(pk, int) or not 1 <= pk < 2**63:
            raise ValidationError({"engagement": [_("Required: the id of an engagement.")]})
        if not Engagement.objects.restrict(self.request.user, Action.API).filter(pk=pk).exists():
            raise ValidationError({"engagement": [_("No engagement with this id is open to you.")]})
        engagement = Engagement.objects.restrict(self.request.user, Action.CHANGE).select_related("operation")
        engagement = engagement.filter(pk=pk).first()
        if engagement is None:
            raise PermissionDenied(_("You cannot change this engagement."))
        return engagement

    @action(detail=True, methods=["post"], url_path="task", url_name="task")
    def task(self, request, pk=None, **kwargs):
        return self.act(request, lambda: self._task(request))

    def _task(self, request):
        follow_up = self.changeable_object()
        self.refuse_unknown(self._body(request))

        def convert():
            task, created = services.follow_up_convert(user=request.user, follow_up=follow_up)
            shown = TaskViewSet.queryset.restrict(request.user, Action.API).filter(pk=task.pk).first()
            if shown is None:  # a task raised to Strictly confidential since: not through the API
                raise NotFound
            return shown, created

        task, created = self.write(convert)
        address = request.build_absolute_uri(reverse("task-detail", kwargs={"reference": task.reference}))
        response = Response(
            TaskSerializer(task).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
            headers={"Location": address, "ETag": etag(task.version)},
        )
        response.idempotent_object = task
        return response
