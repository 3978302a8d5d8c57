from django.urls import path

from . import views

app_name = "protection_tasks"

urlpatterns = [
    path("<str:code>/tasks/", views.TaskListView.as_view(), name="task-list"),
    path("<str:code>/tasks/new/", views.TaskCreateView.as_view(), name="task-create"),
    path("<str:code>/tasks/<str:reference>/", views.TaskDetailView.as_view(), name="task-detail"),
    path("<str:code>/tasks/<str:reference>/edit/", views.TaskEditView.as_view(), name="task-edit"),
    path("<str:code>/tasks/<str:reference>/status/", views.TaskStatusView.as_view(), name="task-status"),
    path("<str:code>/tasks/<str:reference>/notes/", views.TaskNoteView.as_view(), name="task-note"),
    path("<str:code>/catalogue/", views.CatalogueView.as_view(), name="catalogue"),
    path("<str:code>/catalogue/new/", views.LocalActivityCreateView.as_view(), name="activity-create"),
    path("<str:code>/priorities/", views.PriorityListView.as_view(), name="priority-list"),
    path("<str:code>/priorities/new/", views.PriorityCreateView.as_view(), name="priority-create"),
    path("<str:code>/priorities/<int:pk>/edit/", views.PriorityEditView.as_view(), name="priority-edit"),
]
