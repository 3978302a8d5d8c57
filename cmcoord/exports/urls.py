"""Export addresses: an operation's exports and log under ``operations/<code>/exports/`` (``operation_urlpatterns``,
namespace ``operation_exports``), and the cross-country exports, jobs and "my exports" under ``exports/``."""

from django.urls import path

from . import views

app_name = "exports"

urlpatterns = [
    path("", views.MyExportsView.as_view(), name="mine"),
    # Before the exports' own addresses, whose two parts would match a file's too.
    path("files/<uuid:pk>/", views.ExportFileView.as_view(), name="file"),
    path("files/<uuid:pk>/download/", views.ExportFileDownloadView.as_view(), name="file-download"),
    path("<slug:name>/<slug:fmt>/", views.CrossCountryExportView.as_view(), name="export"),
]

operation_urlpatterns = [
    path("", views.OperationExportLogView.as_view(), name="log"),
    path("<slug:name>/<slug:fmt>/", views.OperationExportView.as_view(), name="export"),
]
