"""The cross-country pages of CMCS HQ, mounted under ``hq/``."""

from django.urls import path

from .views import hq

app_name = "hq"

urlpatterns = [
    path("", hq.HeadquartersDashboardView.as_view(), name="dashboard"),
]
