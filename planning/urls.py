"""Pages of planning and preparedness, mounted under ``operations/<code>/planning/``."""

from django.urls import path

from .views import checklist, documents, mcda

app_name = "planning"

urlpatterns = [
    path("documents/", documents.DocumentListView.as_view(), name="document-list"),
    path("documents/new/", documents.DocumentCreateView.as_view(), name="document-create"),
    path("documents/<id:pk>/", documents.DocumentDetailView.as_view(), name="document-detail"),
    path("documents/<id:pk>/edit/", documents.DocumentEditView.as_view(), name="document-edit"),
    path("mcda/", mcda.MCDAListView.as_view(), name="mcda-list"),
    path("mcda/new/", mcda.MCDACreateView.as_view(), name="mcda-create"),
    path("mcda/<id:pk>/", mcda.MCDADetailView.as_view(), name="mcda-detail"),
    path("mcda/<id:pk>/edit/", mcda.MCDAEditView.as_view(), name="mcda-edit"),
    path("checklist/", checklist.ChecklistView.as_view(), name="checklist"),
    path("checklist/<id:pk>/edit/", checklist.ChecklistItemEditView.as_view(), name="checklist-item-edit"),
    path("checklist/<id:pk>/status/", checklist.ChecklistItemStatusView.as_view(), name="checklist-item-status"),
]
