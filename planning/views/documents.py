"""Where the pages of planning documents differ from the record kit's (:mod:`cmcoord.records.views`): the list
shows the operation's PP-4 flag, and the form opened from a task's page names that task."""

from __future__ import annotations

from cmcoord.records.views import RecordCreateView, RecordListView

from ..selectors import assessment_flags


class DocumentListView(RecordListView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["flag"] = assessment_flags(self.request.user, [self.operation])[self.operation.pk]
        return context


class TaskInitialMixin:
    """A create form opened with ``?task=<reference>`` (from a task's page) starts with that task in
    ``task_field``; the form checks it as any other input."""

    task_field = ""

    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("task"):
            reference = self.request.GET["task"][:30]
            initial[self.task_field] = [reference] if self.task_field == "tasks" else reference
        return initial


class DocumentCreateView(TaskInitialMixin, RecordCreateView):
    task_field = "tasks"
