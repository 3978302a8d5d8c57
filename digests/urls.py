"""Pages of an operation's digests, mounted under ``operations/<code>/digests/``."""

from django.urls import path

from . import views

app_name = "digests"

urlpatterns = [
    path("", views.ScheduleListView.as_view(), name="schedule-list"),
    path("schedules/new/", views.ScheduleCreateView.as_view(), name="schedule-create"),
    path("schedules/<id:pk>/", views.ScheduleUpdateView.as_view(), name="schedule-edit"),
    path("schedules/<id:pk>/delete/", views.ScheduleDeleteView.as_view(), name="schedule-delete"),
    path("schedules/<id:pk>/preview/", views.SchedulePreviewView.as_view(), name="schedule-preview"),
    path("archive/", views.ArchiveView.as_view(), name="archive"),
    path("archive/<id:pk>/", views.DigestDetailView.as_view(), name="digest-detail"),
    path("archive/<id:pk>/resend/", views.DigestResendView.as_view(), name="digest-resend"),
]
