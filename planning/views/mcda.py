"""Where the pages of MCDA requests differ from the record kit's (:mod:`cmcoord.records.views`): the form opened
from a task's page names it."""

from __future__ import annotations

from cmcoord.records.views import RecordCreateView

from .documents import TaskInitialMixin


class MCDACreateView(TaskInitialMixin, RecordCreateView):
    task_field = "task"
