"""The task log's API: tasks read, created and edited through the task form and the task services, and the actions
of a task's page (its status, a progress note), each through the service the page uses; the routes under a task
that actors and missions add (``TaskPartViewSet``: its actors, its mission) find the task here. Strictly
confidential tasks never appear, and are neither written nor acted on (the ``api`` action's ceiling); the rest
follows the kit's write machinery (:mod:`cmcoord.records.api`): 403 for a reader, 404 for who cannot read the task
through the API, 412 from a stale version, the token named in the history."""

from django.core.exceptions import ValidationError as FormErrors
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response

from cmcoord.core.access import Action
from cmcoord.core.api import KeysetPagination, expected_version
from cmcoord.core.people import person_name
from cmcoord.core.validators import TASK_REFERENCE
from cmcoord.core.versioning import ConcurrentEdit
from cmcoord.records.api import FormWriteViewSet, WriteActions, page_initial
from cmcoord.records.api_forms import form_body, nobodys_form
from cmcoord.records.api_schema import action_schema, documented_writes

from . import services
from .choices import TaskStatus
from .filtersets import TaskFilterSet
from .forms import TaskForm, TaskNoteForm, TaskOutcomeForm
from .models import Task, TimelineEntry
from .views.tasks import TaskCreateView


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
            "protection_priorities", "updated_at", "version",
        ]  # fmt: skip

    def get_owner(self, task) -> str:
        return person_name(task.owner)


class TimelineNoteSerializer(serializers.ModelSerializer):
    task = serializers.CharField(source="task.reference", read_only=True)
    author = serializers.SerializerMethodField()

    class Meta:
        model = TimelineEntry
        fields = ["id", "task", "kind", "text", "author", "created_at"]

    def get_author(self, entry) -> str:
        return person_name(entry.author)


# --- Request bodies (documentation: the pages' forms validate) ------------------------------------------------


class StatusBody(serializers.Serializer):
    status = serializers.ChoiceField(choices=TaskStatus.choices, help_text="The status to move the task to.")
    version = serializers.IntegerField(
        required=False, min_value=1, help_text="The version the change starts from (or the If-Match header)."
    )
    outcome = serializers.CharField(
        required=False, allow_blank=True, allow_null=True, help_text="Recorded with a move to “completed”."
    )


class NoteBody(serializers.Serializer):
    text = serializers.CharField(max_length=5000, help_text="What happened: the note, as on the task's page.")


@extend_schema_view(
    status_change=action_schema(
        "Move a task along the workflow",
        "As the status buttons of the task's page (task_change_status): a move the workflow does not allow is a 400 "
        "on status; from an older version than the task's, 412 with the task as stored.",
        request=StatusBody,
        answers={200: TaskSerializer},
        versioned=True,
        read=TaskSerializer,
    ),
    note=action_schema(
        "Add a progress note to a task's timeline",
        "As the task page's note form (task_add_note). Notes are never edited: no version.",
        request=NoteBody,
        answers={201: TimelineNoteSerializer},
    ),
)
class TaskViewSet(FormWriteViewSet):
    """Tasks the signed-in user may read through the API, across their operations; with the rights of the task
    form, created and changed, and acted on as on the task's page."""

    queryset = Task.objects.select_related("operation", "activity__area", "owner").prefetch_related(
        "protection_priorities"
    )
    pagination_class = KeysetPagination
    serializer_class = TaskSerializer
    filterset_class = TaskFilterSet
    lookup_field = "reference"
    lookup_value_regex = TASK_REFERENCE  # anything else is no route (404), as on the pages
    detail_name = "task-detail"

    # --- Create and edit, as the task's pages -----------------------------------------------------------------

    def write_form(self, **kwargs):
        return TaskForm(**kwargs)

    def create_initial(self, request, kwargs) -> dict:
        return page_initial(TaskCreateView(), request, kwargs["operation"])

    def save_new(self, form):
        return services.task_create_from_form(user=self.request.user, form=form)

    def save_edit(self, form):
        return services.task_edit_from_form(user=self.request.user, form=form)

    def tracked_fields(self) -> list[str]:
        return services.TRACKED_FIELDS

    # --- The task page's actions ------------------------------------------------------------------------------

    @action(detail=True, methods=["post"], url_path="status", url_name="status")
    def status_change(self, request, reference=None, **kwargs):
        return self.act(request, lambda: self._status_change(request))

    def _status_change(self, request):
        task = self.changeable_object()
        body = self._body(request)
        since = expected_version(request, body)
        self.refuse_unknown(body, {"status", "outcome"})
        wanted = body.get("status")
        if not isinstance(wanted, str) or wanted not in TaskStatus.values:
            choices = ", ".join(TaskStatus.values)
            raise ValidationError({"status": [_("Choose one of: %(choices)s.") % {"choices": choices}]})
        outcome = None
        if "outcome" in body:  # "Complete…" offers the outcome with its confirmation
            outcome = self.action_form(TaskOutcomeForm, {"outcome": body["outcome"]}).cleaned_data["outcome"]
        sent = [name for name in ("status", "outcome") if name in body]
        if since != task.version:  # the page's buttons move only the task as it was shown
            return self.stale(task.pk, since, sent, body)
        change = {"user": request.user, "task": task, "new_status": wanted, "outcome": outcome}
        try:
            self.write(lambda: services.task_change_status(**change, expected_version=since), field="status")
        except ConcurrentEdit:  # saved by someone between the read and the save
            return self.stale(task.pk, since, sent, body)
        return self.answer(self.get_queryset().get(pk=task.pk))

    @action(detail=True, methods=["post"], url_path="notes", url_name="notes")
    def note(self, request, reference=None, **kwargs):
        return self.act(request, lambda: self._note(request))

    def _note(self, request):
        task = self.changeable_object()
        form = self.action_form(TaskNoteForm, self._body(request))
        text = form.cleaned_data["text"]
        entry = self.write(lambda: services.task_add_note(user=request.user, task=task, text=text), field="text")
        response = Response(TimelineNoteSerializer(entry).data, status=status.HTTP_201_CREATED)
        response.idempotent_object = entry
        return response


class TaskPartViewSet(WriteActions, viewsets.GenericViewSet):
    """A route under a task (``tasks/<reference>/<part>/``) that an app built on the task log adds (actors, missions):
    its writes are refused as the task's own actions are (404 unless the user reads the task through the API, 403
    where they may not change it)."""

    lookup_value_regex = "[0-9]{1,18}"

    def task(self) -> Task:
        user, reference = self.request.user, self.kwargs["reference"]
        readable = Task.objects.restrict(user, Action.API).filter(reference=reference).values_list("pk", flat=True)
        pk = readable.first()
        if pk is None:
            raise NotFound
        task = Task.objects.restrict(user, Action.CHANGE).select_related("operation").filter(pk=pk).first()
        if task is None:
            raise PermissionDenied(_("You cannot change this task."))
        return task

    @staticmethod
    def beyond_the_api(field: str) -> FormErrors:
        """The refusal of a link the API could not show (to a Strictly confidential record): rolled back."""
        message = _("The API does not carry Strictly confidential records: link them on the task's page.")
        return FormErrors({field: [message]})


TASK_PART = rf"tasks/(?P<reference>{TASK_REFERENCE})"  # the prefix of a task's parts' routes


def _schema_form(edit: bool):
    """The task form the request bodies are documented from: a new task's, whose status starts the workflow; an
    edit may send any status the workflow allows from the task's (the edit page's choices)."""
    form = nobodys_form(TaskForm)
    if edit:
        form.fields["status"].choices = TaskStatus.choices
    return form


TaskViewSet = documented_writes(
    TaskViewSet,
    "Tasks",
    form_body(lambda: _schema_form(edit=False), "Task", partial=False),
    form_body(lambda: _schema_form(edit=True), "Task", partial=True),
)
