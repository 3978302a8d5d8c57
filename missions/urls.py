"""Pages of mission contexts, mounted under ``missions/`` (a mission covers several operations)."""

from django.urls import path

from . import panels
from .views import missions, parts

app_name = "missions"

urlpatterns = [
    path("", missions.MissionListView.as_view(), name="list"),
    path("new/", missions.MissionCreateView.as_view(), name="create"),
    # The mission of a task (the task page's panel posts here): before the acronym routes, lower case.
    path("for-task/<operation:code>/<reference:reference>/", panels.TaskMissionSetView.as_view(), name="task-mission"),
    path("<acronym:acronym>/", missions.MissionDetailView.as_view(), name="detail"),
    path("<acronym:acronym>/edit/", missions.MissionEditView.as_view(), name="edit"),
    path("<acronym:acronym>/phases/new/", parts.PhaseChangeCreateView.as_view(), name="phase-create"),
    path("<acronym:acronym>/platforms/new/", parts.PlatformCreateView.as_view(), name="platform-create"),
    path("<acronym:acronym>/components/new/", parts.ComponentCreateView.as_view(), name="component-create"),
    path(
        "<acronym:acronym>/liaison-officers/new/",
        parts.LiaisonOfficerCreateView.as_view(),
        name="liaison-officer-create",
    ),
]
