"""The API's notifications (``/api/v1/notifications/``, the route from the record type).

Notifications, and the tasks and parties' answers they show, are read under ``Action.API``: Strictly confidential
ones never appear, and an answer whose party the reader may not read through the API is left out (the record
type's ``api_prefetch``).
"""

from drf_spectacular.utils import extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from cmcoord.core.access import Action
from cmcoord.core.api import etag, expected_version
from cmcoord.core.versioning import ConcurrentEdit
from cmcoord.records.api import RecordSerializer, WriteActions, api_fields
from cmcoord.records.api_schema import action_schema

from . import services
from .choices import ANSWER_CHOICES
from .forms import AnswerForm
from .models import Notification, PartyAnswer
from .records import NOTIFICATIONS


class PartyAnswerSerializer(serializers.ModelSerializer):
    party = serializers.CharField(source="party.name", read_only=True)

    class Meta:
        model = PartyAnswer
        fields = ["id", "party", "status", "answered_at", "version"]


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


class RecordedAnswerSerializer(PartyAnswerSerializer):
    """A party's answer as recorded, with its notification and note."""

    notification = serializers.CharField(source="notification.reference", read_only=True)

    class Meta:
        model = PartyAnswer
        fields = ["id", "notification", "party", "status", "answered_at", "note", "version"]


class AnswerBody(serializers.Serializer):
    status = serializers.ChoiceField(choices=ANSWER_CHOICES)
    answered_at = serializers.DateTimeField(
        required=False, help_text="When the party answered, in the operation's time zone (ISO 8601); default now."
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)
    version = serializers.IntegerField(
        required=False, min_value=1, help_text="The answer's version as read (or the If-Match header)."
    )


@extend_schema_view(
    record=action_schema(
        "Record a party's answer to a notification",
        "As the notification's page (answer_record): acknowledged, rejected or no response, and when; the "
        "notification's status follows. Names the answer's version as read (the notification's answers list it); "
        "an answer recorded by someone since is a 412 with the answer as stored.",
        request=AnswerBody,
        answers={200: RecordedAnswerSerializer},
        versioned=True,
        read=RecordedAnswerSerializer,
    )
)
class PartyAnswerViewSet(WriteActions, viewsets.GenericViewSet):
    """Parties' answers to notifications the user may read through the API (read as part of their notification)."""

    queryset = PartyAnswer.objects.select_related("notification__operation", "party")
    serializer_class = RecordedAnswerSerializer
    lookup_value_regex = "[0-9]{1,18}"

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user, Action.API)

    def changeable(self):
        return super().changeable().select_related("notification__operation", "party")

    def tracked_fields(self) -> list[str]:
        return services.ANSWER_FIELDS

    @action(detail=True, methods=["post"], url_path="record", url_name="record")
    def record(self, request, pk=None, **kwargs):
        return self.act(request, lambda: self._record(request))

    def _record(self, request):
        answer = self.changeable_object()
        body = self._body(request)
        since = expected_version(request, body)
        form = self.action_form(AnswerForm, body, answer=answer)
        if since != answer.version:  # someone recorded this party's answer since it was read
            return self.stale(answer.pk, since, list(body), body, form)
        recorded = {name: form.cleaned_data[name] for name in ("status", "answered_at", "note")}
        try:
            self.write(
                lambda: services.answer_record(user=request.user, answer=answer, **recorded, expected_version=since)
            )
        except ConcurrentEdit:
            return self.stale(answer.pk, since, list(body), body, form)
        return self.answer(self.get_queryset().get(pk=answer.pk))

    def answer(self, record):
        return Response(self.get_serializer(record).data, headers={"ETag": etag(record.version)})
