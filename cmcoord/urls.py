from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from cmcoord.api.offline_data import OfflineDataView
from cmcoord.api.offline_forms import offline_page
from cmcoord.core import offline
from cmcoord.core.views import healthz, readyz
from cmcoord.exports.urls import operation_urlpatterns as operation_export_urls
from cmcoord.operations.views.home import HomeView
from protection_tasks.views.tasks import MyTasksView

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("accounts/", include("cmcoord.accounts.urls")),
    # Each app under its own prefix; the operation's code is part of the prefix of every operation page.
    path("operations/<operation:code>/", include("cmcoord.operations.urls")),
    path("operations/<operation:code>/", include("protection_tasks.urls")),
    path("operations/<operation:code>/", include("actors.urls")),
    path("operations/<operation:code>/digests/", include("digests.urls")),
    path("operations/<operation:code>/summaries/", include("summaries.urls")),
    path("operations/<operation:code>/planning/", include("planning.urls")),
    path("operations/<operation:code>/imports/", include("cmcoord.imports.urls")),
    path("", include("cmcoord.records.urls")),  # every registered record type's pages (cmcoord/records)
    path("operations/<operation:code>/exports/", include((operation_export_urls, "operation_exports"))),
    path("exports/", include("cmcoord.exports.urls")),
    path("attachments/", include("cmcoord.attachments.urls")),
    path("missions/", include("missions.urls")),
    path("tasks/mine/", MyTasksView.as_view(), name="my-tasks"),
    path("hq/", include("cmcoord.operations.hq_urls")),
    path("api/v1/", include("cmcoord.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The installable app: its manifest, its service worker (from the root, so that it covers every page), the page
    # it shows offline, and what this device keeps.
    path("manifest.webmanifest", offline.manifest, name="manifest"),
    path("sw.js", offline.service_worker, name="service-worker"),
    path("offline/", offline_page, name="offline"),
    path("device/", offline.stored_on_device, name="stored-on-device"),
    path("offline/data/", OfflineDataView.as_view(), name="offline-data"),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("health/", healthz, name="health"),  # the liveness probe's earlier address, kept for existing monitors
    path("admin/", admin.site.urls),
]

# A lost database connection outside a view answers 503 "temporarily unavailable" rather than 500.
handler500 = "cmcoord.core.views.server_error"
