"""The JSON API, version 1: the record types' routes from their declarations, and the others'."""

from django.contrib.auth.decorators import login_not_required
from django.urls import re_path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView

from actors import api as actors_api
from actors.task_api import TaskActorViewSet
from cmcoord.operations.api import CountryOperationViewSet
from cmcoord.records.api import register_routes
from deconfliction.api import PartyAnswerViewSet
from engagements.api import FollowUpViewSet
from missions import api as missions_api
from missions.task_api import TaskMissionViewSet
from protection_tasks.api import TASK_PART, TaskViewSet

router = DefaultRouter()
router.register("operations", CountryOperationViewSet, basename="operation")
router.register("tasks", TaskViewSet, basename="task")
router.register(f"{TASK_PART}/actors", TaskActorViewSet, basename="task-actor")  # POST; POST <id>/remove/
router.register(f"{TASK_PART}/mission", TaskMissionViewSet, basename="task-mission")  # POST
router.register("follow-ups", FollowUpViewSet, basename="follow-up")  # POST <id>/task/
router.register("notification-answers", PartyAnswerViewSet, basename="notification-answer")  # POST <id>/record/
register_routes(router)  # every registered record type's route (cmcoord/records)
actors_api.register_routes(router)  # actors, assessments, relationships, liaison contacts
missions_api.register_routes(router)


@extend_schema(exclude=True)
class NoSuchAddress(APIView):
    """Any other address under the API (an id that is not one, a route that does not exist): a JSON 404, as a
    missing record's, after the same sign-in and throttling; not Django's page, which a client cannot read."""

    def nowhere(self, request, *args, **kwargs):
        raise NotFound(_("No such address in the API."))

    get = post = put = patch = delete = head = options = trace = nowhere

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        del response["Allow"]  # no method is allowed at an address that does not exist
        return response


urlpatterns = [*router.urls, re_path(r"^.*$", NoSuchAddress.as_view(), name="api-not-found")]
# The API answers who is not signed in itself (401 with how to authenticate), not with the pages' redirect.
for pattern in urlpatterns:
    login_not_required(pattern.callback)
