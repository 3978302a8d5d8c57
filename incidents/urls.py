"""Pages of access incidents, mounted under ``operations/<code>/incidents/`` (the operation of every page)."""

from django.urls import path

from .views import incidents

app_name = "incidents"

urlpatterns = [
    path("", incidents.IncidentListView.as_view(), name="list"),
    path("new/", incidents.IncidentCreateView.as_view(), name="create"),
    path("<id:pk>/", incidents.IncidentDetailView.as_view(), name="detail"),
    path("<id:pk>/edit/", incidents.IncidentEditView.as_view(), name="edit"),
]
