"""The JSON API, version 1. Each app registers its routes here."""

from rest_framework.routers import DefaultRouter

from cmcoord.operations.api import CountryOperationViewSet
from deconfliction.api import NotificationViewSet
from engagements.api import EngagementViewSet, KeyMessageViewSet
from incidents.api import AccessIncidentViewSet
from planning.api import MCDARequestViewSet, PlanningDocumentViewSet
from protection_tasks.api import TaskViewSet
from trainings.api import TrainingViewSet

router = DefaultRouter()
router.register("operations", CountryOperationViewSet, basename="operation")
router.register("tasks", TaskViewSet, basename="task")
router.register("planning-documents", PlanningDocumentViewSet, basename="planning-document")
router.register("mcda-requests", MCDARequestViewSet, basename="mcda-request")
router.register("notifications", NotificationViewSet, basename="notification")
router.register("engagements", EngagementViewSet, basename="engagement")
router.register("key-messages", KeyMessageViewSet, basename="key-message")
router.register("access-incidents", AccessIncidentViewSet, basename="access-incident")
router.register("trainings", TrainingViewSet, basename="training")

urlpatterns = router.urls
