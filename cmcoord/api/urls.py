"""The JSON API, version 1: the record types' routes from their declarations, and the others'."""

from django.contrib.auth.decorators import login_not_required
from rest_framework.routers import DefaultRouter

from cmcoord.operations.api import CountryOperationViewSet
from cmcoord.records.api import register_routes
from deconfliction.api import PartyAnswerViewSet
from engagements.api import FollowUpViewSet
from protection_tasks.api import TaskViewSet

router = DefaultRouter()
router.register("operations", CountryOperationViewSet, basename="operation")
router.register("tasks", TaskViewSet, basename="task")
router.register("follow-ups", FollowUpViewSet, basename="follow-up")  # POST <id>/task/
router.register("notification-answers", PartyAnswerViewSet, basename="notification-answer")  # POST <id>/record/
register_routes(router)  # every registered record type's route (cmcoord/records)

urlpatterns = router.urls
# The API answers who is not signed in itself (401 with how to authenticate), not with the pages' redirect.
for pattern in urlpatterns:
    login_not_required(pattern.callback)
