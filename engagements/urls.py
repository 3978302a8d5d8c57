"""An engagement's follow-up pages, under the engagements' prefix and namespace (``engagements.records``; the
kit mounts the list, detail and form pages of engagements and key messages)."""

from django.urls import path

from . import views
from .records import ENGAGEMENTS

urlpatterns = [
    path("<id:pk>/follow-ups/", views.FollowUpAddView.as_view(record_type=ENGAGEMENTS), name="follow-up-add"),
    path(
        "<id:pk>/follow-ups/<id:follow_up>/task/",
        views.FollowUpConvertView.as_view(record_type=ENGAGEMENTS),
        name="follow-up-convert",
    ),
    path(
        "<id:pk>/follow-ups/<id:follow_up>/delete/",
        views.FollowUpDeleteView.as_view(record_type=ENGAGEMENTS),
        name="follow-up-delete",
    ),
]
