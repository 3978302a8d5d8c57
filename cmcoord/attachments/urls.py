"""Attachment addresses, under ``attachments/``: a file by its id (download, delete), and the upload to a record."""

from django.urls import path

from . import views

app_name = "attachments"

urlpatterns = [
    path("<uuid:pk>/", views.AttachmentDownloadView.as_view(), name="download"),
    path("<uuid:pk>/delete/", views.AttachmentDeleteView.as_view(), name="delete"),
    path(
        "add/<slug:app_label>/<slug:model_name>/<int:object_id>/", views.AttachmentUploadView.as_view(), name="upload"
    ),
]
