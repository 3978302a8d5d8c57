"""Pages of engagements and key messages, mounted under ``operations/<code>/`` (the operation of every page)."""

from django.urls import path

from .views import engagements, key_messages

app_name = "engagements"

urlpatterns = [
    path("engagements/", engagements.EngagementListView.as_view(), name="engagement-list"),
    path("engagements/new/", engagements.EngagementCreateView.as_view(), name="engagement-create"),
    path("engagements/<id:pk>/", engagements.EngagementDetailView.as_view(), name="engagement-detail"),
    path("engagements/<id:pk>/edit/", engagements.EngagementEditView.as_view(), name="engagement-edit"),
    path("engagements/<id:pk>/follow-ups/", engagements.FollowUpAddView.as_view(), name="follow-up-add"),
    path(
        "engagements/<id:pk>/follow-ups/<id:follow_up>/task/",
        engagements.FollowUpConvertView.as_view(),
        name="follow-up-convert",
    ),
    path(
        "engagements/<id:pk>/follow-ups/<id:follow_up>/delete/",
        engagements.FollowUpDeleteView.as_view(),
        name="follow-up-delete",
    ),
    path("key-messages/", key_messages.KeyMessageListView.as_view(), name="key-message-list"),
    path("key-messages/new/", key_messages.KeyMessageCreateView.as_view(), name="key-message-create"),
    path("key-messages/<id:pk>/", key_messages.KeyMessageDetailView.as_view(), name="key-message-detail"),
    path("key-messages/<id:pk>/edit/", key_messages.KeyMessageEditView.as_view(), name="key-message-edit"),
]
