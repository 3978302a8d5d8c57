from django.urls import path

from . import views

app_name = "operations"

urlpatterns = [
    path("<str:code>/", views.OperationDetailView.as_view(), name="detail"),
    path("<str:code>/settings/", views.OperationSettingsView.as_view(), name="settings"),
    path("<str:code>/history/", views.OperationHistoryView.as_view(), name="history"),
    path("<str:code>/members/add/", views.MembershipAddView.as_view(), name="member-add"),
    path("<str:code>/members/<int:pk>/role/", views.MembershipRoleView.as_view(), name="member-role"),
    path("<str:code>/members/<int:pk>/remove/", views.MembershipRemoveView.as_view(), name="member-remove"),
]
