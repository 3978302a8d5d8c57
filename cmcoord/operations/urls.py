"""Pages of one operation, mounted under ``operations/<code>/``."""

from django.urls import path

from .views import members, operation

app_name = "operations"

urlpatterns = [
    path("", operation.OperationDetailView.as_view(), name="detail"),
    path("about/", operation.OperationAboutView.as_view(), name="about"),
    path("settings/", operation.OperationSettingsView.as_view(), name="settings"),
    path("history/", operation.OperationHistoryView.as_view(), name="history"),
    path("openings/", operation.OperationOpeningsView.as_view(), name="openings"),
    path("members/add/", members.MembershipAddView.as_view(), name="member-add"),
    path("members/<id:pk>/role/", members.MembershipRoleView.as_view(), name="member-role"),
    path("members/<id:pk>/remove/", members.MembershipRemoveView.as_view(), name="member-remove"),
]
