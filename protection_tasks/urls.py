"""Pages of the task log, mounted under ``operations/<code>/`` (the operation of every page)."""

from django.urls import path

from .views import catalogue, priorities, tasks

app_name = "protection_tasks"

urlpatterns = [
    path("tasks/", tasks.TaskListView.as_view(), name="task-list"),
    path("tasks/new/", tasks.TaskCreateView.as_view(), name="task-create"),
    path("tasks/<reference:reference>/", tasks.TaskDetailView.as_view(), name="task-detail"),
    path("tasks/<reference:reference>/edit/", tasks.TaskEditView.as_view(), name="task-edit"),
    path("tasks/<reference:reference>/status/", tasks.TaskStatusView.as_view(), name="task-status"),
    path("tasks/<reference:reference>/notes/", tasks.TaskNoteView.as_view(), name="task-note"),
    path("catalogue/", catalogue.CatalogueView.as_view(), name="catalogue"),
    path("catalogue/new/", catalogue.LocalActivityCreateView.as_view(), name="activity-create"),
    path("priorities/", priorities.PriorityListView.as_view(), name="priority-list"),
    path("priorities/new/", priorities.PriorityCreateView.as_view(), name="priority-create"),
    path("priorities/<id:pk>/edit/", priorities.PriorityEditView.as_view(), name="priority-edit"),
]
