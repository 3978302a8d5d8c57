"""Pages of an operation's summaries for the HCT, mounted under ``operations/<code>/summaries/``."""

from django.urls import path

from . import views

app_name = "summaries"

urlpatterns = [
    path("", views.SummaryListView.as_view(), name="list"),
    path("<id:pk>/clear/", views.SummaryClearView.as_view(), name="clear"),
]
