"""Pages of training events, mounted under ``operations/<code>/trainings/`` (the operation of every page)."""

from django.urls import path

from .views import trainings

app_name = "trainings"

urlpatterns = [
    path("", trainings.TrainingListView.as_view(), name="list"),
    path("new/", trainings.TrainingCreateView.as_view(), name="create"),
    path("<id:pk>/", trainings.TrainingDetailView.as_view(), name="detail"),
    path("<id:pk>/edit/", trainings.TrainingEditView.as_view(), name="edit"),
]
