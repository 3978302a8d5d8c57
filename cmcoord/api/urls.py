"""The JSON API, version 1: the record types' routes from their declarations, and the others'."""

from django.contrib.auth.decorators import login_not_required
from rest_framework.routers import DefaultRouter

from actors import api as actors_api
from cmcoord.operations.api import CountryOperationViewSet
from cmcoord.records.api import register_routes
from missions import api as missions_api
from protection_tasks.api import TaskViewSet

router = DefaultRouter()
router.register("operations", CountryOperationViewSet, basename="operation")
router.register("tasks", TaskViewSet, basename="task")
register_routes(router)  # every registered record type's route (cmcoord/records)
actors_api.register_routes(router)  # actors, assessments, relationships, liaison contacts
missions_api.register_routes(router)

urlpatterns = router.urls
# The API answers who is not signed in itself (401 with how to authenticate), not with the pages' redirect.
for pattern in urlpatterns:
    login_not_required(pattern.callback)
