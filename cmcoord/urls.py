from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from cmcoord.core.views import health
from cmcoord.operations.views import HomeView
from protection_tasks.views import MyTasksView

admin.site.site_header = "CMCoord Tracker administration"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("accounts/", include("cmcoord.accounts.urls")),
    path("operations/", include("cmcoord.operations.urls")),
    path("operations/", include("protection_tasks.urls")),
    path("tasks/mine/", MyTasksView.as_view(), name="my-tasks"),
    path("", include("actors.urls")),
    path("api/v1/", include("cmcoord.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("health/", health, name="health"),
    path("admin/", admin.site.urls),
]
