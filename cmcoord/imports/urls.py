"""Import pages, mounted under ``operations/<code>/imports/``."""

from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("<slug:kind>/", views.UploadView.as_view(), name="upload"),
    path("batches/<id:pk>/", views.BatchView.as_view(), name="batch"),
    path("batches/<id:pk>/columns/", views.MappingView.as_view(), name="batch-columns"),
    path("batches/<id:pk>/file/", views.BatchFileView.as_view(), name="batch-file"),
]
