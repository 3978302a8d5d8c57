"""Pages of the humanitarian notification system, mounted under ``operations/<code>/notifications/``."""

from django.urls import path, register_converter

from .models import NOTIFICATION_REFERENCE
from .views import notifications

app_name = "deconfliction"


class NotificationReferenceConverter:
    """``HNS-CAF-2026-0012`` (either case: the view upper-cases it); anything else is no address (404)."""

    regex = NOTIFICATION_REFERENCE.replace("A-Z", "A-Za-z")

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


register_converter(NotificationReferenceConverter, "notification")

urlpatterns = [
    path("", notifications.NotificationListView.as_view(), name="notification-list"),
    path("new/", notifications.NotificationCreateView.as_view(), name="notification-create"),
    path("settings/", notifications.NotificationSettingsView.as_view(), name="settings"),
    path("<notification:reference>/", notifications.NotificationDetailView.as_view(), name="notification-detail"),
    path("<notification:reference>/edit/", notifications.NotificationEditView.as_view(), name="notification-edit"),
    path(
        "<notification:reference>/answers/<id:pk>/",
        notifications.AnswerRecordView.as_view(),
        name="answer-record",
    ),
]
