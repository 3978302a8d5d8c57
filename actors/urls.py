from django.urls import path

from . import mission_views, panels, views

app_name = "actors"

urlpatterns = [
    path("operations/<str:code>/actors/", views.ActorListView.as_view(), name="actor-list"),
    path("operations/<str:code>/actors/new/", views.ActorCreateView.as_view(), name="actor-create"),
    path("operations/<str:code>/actors/map/", views.StakeholderMapView.as_view(), name="stakeholder-map"),
    path("operations/<str:code>/actors/network/", views.NetworkView.as_view(), name="network"),
    path("operations/<str:code>/actors/<int:pk>/", views.ActorDetailView.as_view(), name="actor-detail"),
    path("operations/<str:code>/actors/<int:pk>/edit/", views.ActorEditView.as_view(), name="actor-edit"),
    path(
        "operations/<str:code>/actors/<int:pk>/assess/", views.AssessmentCreateView.as_view(), name="assessment-create"
    ),
    path(
        "operations/<str:code>/actors/<int:pk>/relationships/new/",
        views.RelationshipCreateView.as_view(),
        name="relationship-create",
    ),
    path(
        "operations/<str:code>/actors/<int:pk>/contacts/new/", views.ContactCreateView.as_view(), name="contact-create"
    ),
    path(
        "operations/<str:code>/tasks/<str:reference>/actors/", panels.TaskActorAddView.as_view(), name="task-actor-add"
    ),
    path(
        "operations/<str:code>/tasks/<str:reference>/actors/<int:pk>/remove/",
        panels.TaskActorRemoveView.as_view(),
        name="task-actor-remove",
    ),
    path(
        "operations/<str:code>/tasks/<str:reference>/mission/", panels.TaskMissionSetView.as_view(), name="task-mission"
    ),
    path("missions/", mission_views.MissionListView.as_view(), name="mission-list"),
    path("missions/new/", mission_views.MissionCreateView.as_view(), name="mission-create"),
    path("missions/<str:acronym>/", mission_views.MissionDetailView.as_view(), name="mission-detail"),
    path("missions/<str:acronym>/edit/", mission_views.MissionEditView.as_view(), name="mission-edit"),
    path("missions/<str:acronym>/phases/new/", mission_views.PhaseChangeCreateView.as_view(), name="phase-create"),
    path("missions/<str:acronym>/platforms/new/", mission_views.PlatformCreateView.as_view(), name="platform-create"),
    path(
        "missions/<str:acronym>/components/new/", mission_views.ComponentCreateView.as_view(), name="component-create"
    ),
    path(
        "missions/<str:acronym>/liaison-officers/new/",
        mission_views.LiaisonOfficerCreateView.as_view(),
        name="liaison-officer-create",
    ),
]
