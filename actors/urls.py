"""Pages of the actor registry, mounted under ``operations/<code>/`` (the operation of every page)."""

from django.urls import path

from . import panels
from .views import pictures, registry

app_name = "actors"

urlpatterns = [
    path("actors/", registry.ActorListView.as_view(), name="actor-list"),
    path("actors/new/", registry.ActorCreateView.as_view(), name="actor-create"),
    path("actors/map/", pictures.StakeholderMapView.as_view(), name="stakeholder-map"),
    path("actors/network/", pictures.NetworkView.as_view(), name="network"),
    path("actors/<id:pk>/", registry.ActorDetailView.as_view(), name="actor-detail"),
    path("actors/<id:pk>/edit/", registry.ActorEditView.as_view(), name="actor-edit"),
    path("actors/<id:pk>/assess/", registry.AssessmentCreateView.as_view(), name="assessment-create"),
    path(
        "actors/<id:pk>/relationships/new/",
        registry.RelationshipCreateView.as_view(),
        name="relationship-create",
    ),
    path("actors/<id:pk>/contacts/new/", registry.ContactCreateView.as_view(), name="contact-create"),
    path("tasks/<reference:reference>/actors/", panels.TaskActorAddView.as_view(), name="task-actor-add"),
    path(
        "tasks/<reference:reference>/actors/<id:pk>/remove/",
        panels.TaskActorRemoveView.as_view(),
        name="task-actor-remove",
    ),
]
