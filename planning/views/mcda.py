"""Where the pages of MCDA requests differ from the record kit's (:mod:`cmcoord.records.views`): the list names
the task each request serves where the reader may open it, and the form opened from a task's page names it."""

from __future__ import annotations

from cmcoord.records.views import RecordCreateView, RecordListView

from .documents import TaskInitialMixin


class MCDAListView(RecordListView):
    def get_queryset(self):
        return super().get_queryset().with_scoped(self.request.user, "task")


class MCDACreateView(TaskInitialMixin, RecordCreateView):
    task_field = "task_reference"
