"""The notification system's own pages, beside the record kit's list, page and forms (``cmcoord/records``) under
``operations/<code>/notifications/`` in the ``deconfliction`` namespace: a party's answer and the operation's
response time; and the pages' earlier names (``notification-list`` …), kept for the addresses others reverse."""

from django.urls import path

from . import views
from .records import NOTIFICATIONS


def _alias(route: str, page: str):
    """The kit's ``page`` under its earlier name ``notification-<page>``."""
    view = NOTIFICATIONS.view_class(page).as_view(record_type=NOTIFICATIONS)
    return path(route, view, name=f"notification-{page}")


urlpatterns = [
    path("settings/", views.NotificationSettingsView.as_view(), name="settings"),
    path(
        "<notification:reference>/answers/<id:pk>/",
        views.AnswerRecordView.as_view(record_type=NOTIFICATIONS),
        name="answer-record",
    ),
    _alias("", "list"),
    _alias("new/", "create"),
    _alias("<notification:reference>/", "detail"),
    _alias("<notification:reference>/edit/", "edit"),
]
