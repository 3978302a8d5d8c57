"""The JSON API, version 1. Each app registers its routes here."""

from rest_framework.routers import DefaultRouter

from cmcoord.operations.api import CountryOperationViewSet
from deconfliction.api import NotificationViewSet
from engagements.api import EngagementViewSet, KeyMessageViewSet
from protection_tasks.api import TaskViewSet

router = DefaultRouter()
router.register("operations", CountryOperationViewSet, basename="operation")
router.register("tasks", TaskViewSet, basename="task")
router.register("notifications", NotificationViewSet, basename="notification")
router.register("engagements", EngagementViewSet, basename="engagement")
router.register("key-messages", KeyMessageViewSet, basename="key-message")

urlpatterns = router.urls
