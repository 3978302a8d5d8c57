"""The API of a task's actors (``tasks/<reference>/actors/``), as the task page's actors panel: an actor linked with
its role, a link removed, through the actors' services and the one policy. A link to a Strictly confidential actor
is refused: the API carries none."""

from drf_spectacular.utils import OpenApiResponse, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from cmcoord.core.access import Action
from cmcoord.records.api_schema import action_schema
from protection_tasks.api import TaskPartViewSet

from .forms import TaskActorForm
from .models import TaskActor
from .services import task_actor_link, task_actor_unlink


class TaskActorSerializer(serializers.ModelSerializer):
    task = serializers.CharField(source="task.reference", read_only=True)
    actor_name = serializers.CharField(source="actor.name", read_only=True)

    class Meta:
        model = TaskActor
        fields = ["id", "task", "actor", "actor_name", "role"]


class ActorLinkBody(serializers.Serializer):
    actor = serializers.IntegerField(help_text="The id of an actor of the task's operation.")
    role = serializers.ChoiceField(choices=TaskActor._meta.get_field("role").choices, required=False)


@extend_schema_view(
    create=action_schema(
        "Link an actor to a task",
        "As the task page's actors panel: an actor of the task's operation the user may read, with its role "
        "(target by default). The same actor in the same role twice is a 400.",
        request=ActorLinkBody,
        answers={201: TaskActorSerializer},
    ),
    remove=action_schema(
        "Unlink an actor from a task",
        "As the task page's actors panel: the link by its id (the id a link answered with).",
        request=None,
        answers={204: OpenApiResponse(description="Unlinked.")},
    ),
)
class TaskActorViewSet(TaskPartViewSet):
    """The actors of a task the user may change (links they may read through the API)."""

    queryset = TaskActor.objects.select_related("task", "actor")
    serializer_class = TaskActorSerializer

    def create(self, request, *args, **kwargs):
        return self.act(request, lambda: self._link(request))

    def _link(self, request):
        task = self.task()
        form = self.action_form(TaskActorForm, self._body(request), user=request.user, task=task)

        def link():
            made = task_actor_link(user=request.user, form=form)
            if not TaskActor.objects.restrict(request.user, Action.API).filter(pk=made.pk).exists():
                raise self.beyond_the_api("actor")
            return made

        made = self.write(link, field="actor")
        response = Response(TaskActorSerializer(made).data, status=status.HTTP_201_CREATED)
        response.idempotent_object = made
        return response

    @action(detail=True, methods=["post"], url_path="remove", url_name="remove")
    def remove(self, request, *args, **kwargs):
        return self.act(request, lambda: self._unlink(request))

    def _unlink(self, request):
        task = self.task()
        self.refuse_unknown(self._body(request))
        link = TaskActor.objects.restrict(request.user, Action.API).filter(task=task, pk=self.kwargs["pk"]).first()
        if link is None:
            raise NotFound
        self.write(lambda: task_actor_unlink(user=request.user, link=link))
        return Response(status=status.HTTP_204_NO_CONTENT)
