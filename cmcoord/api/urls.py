"""The JSON API, version 1. Each app registers its routes here."""

from rest_framework.routers import DefaultRouter

from cmcoord.operations.api import CountryOperationViewSet

router = DefaultRouter()
router.register("operations", CountryOperationViewSet, basename="operation")

urlpatterns = router.urls
