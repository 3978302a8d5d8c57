"""The JSON API, version 1: the record types' routes from their declarations, and the others'."""

from rest_framework.routers import DefaultRouter

from cmcoord.operations.api import CountryOperationViewSet
from cmcoord.records.api import register_routes
from protection_tasks.api import TaskViewSet

router = DefaultRouter()
router.register("operations", CountryOperationViewSet, basename="operation")
router.register("tasks", TaskViewSet, basename="task")
register_routes(router)  # every registered record type's route (cmcoord/records)

urlpatterns = router.urls
