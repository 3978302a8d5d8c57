"""The history library's manager, reached once per class (cmcoord/core/history.py): the same answers as the
library's own descriptor, which it replaces, for a record and for a model."""

import pytest
from simple_history.manager import HistoryDescriptor, HistoryManager

from cmcoord.core import history
from protection_tasks.models import Task
from tests.factories import TaskFactory

pytestmark = pytest.mark.django_db


def test_the_descriptor_is_ours_and_answers_as_the_librarys(world):
    assert HistoryDescriptor.__get__ is history._get  # replaced once the apps are ready
    task = TaskFactory(operation=world.operation, owner=world.officer)
    task.title = "Renamed"
    task.save()
    of_task, of_model = task.history, Task.history
    assert isinstance(of_task, HistoryManager) and of_task.instance == task and of_model.instance is None
    assert type(of_task) is type(Task.history)  # one class, built once
    assert [h.title for h in of_task.all()] == ["Renamed", task.history.earliest().title]
    assert of_model.filter(id=task.pk).count() == 2
