"""References reserved a block at a time (an import's tasks) follow on as references handed out one at a time do:
no number skipped, none handed out twice, the counter left where one at a time would have left it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from protection_tasks.batches import TaskBatch
from protection_tasks.models import Task, TaskReferenceCounter
from protection_tasks.services import next_reference, task_create
from tests.factories import TaskFactory

from .conftest import activity


def _task(world, **fields):
    return Task(operation=world.operation, activity=activity("AN-1"), owner=world.officer, title="Imported", **fields)


@pytest.mark.django_db
def test_a_block_hands_out_the_next_references_and_gives_back_what_it_did_not_use(world):
    first = TaskFactory(operation=world.operation, owner=world.officer).reference
    number = int(first.rsplit("-", 1)[1])
    batch = TaskBatch(world.officer, world.operation, size=5)
    with transaction.atomic():
        made = [task_create(user=world.officer, task=_task(world), batch=batch) for _ in range(3)]
        batch.finish()
    assert [int(task.reference.rsplit("-", 1)[1]) for task in made] == [number + 1, number + 2, number + 3]
    year = int(first.split("-")[1])
    assert TaskReferenceCounter.objects.get(operation=world.operation, year=year).last_number == number + 3
    assert next_reference(world.operation, datetime.date(year, 6, 1)).endswith(f"-{number + 4:04d}")


@pytest.mark.django_db
def test_a_task_refused_gives_its_reference_back_to_the_next(world):
    batch = TaskBatch(world.officer, world.operation, size=5)
    with transaction.atomic():
        first = task_create(user=world.officer, task=_task(world), batch=batch)
        with pytest.raises(ValidationError):
            task_create(user=world.officer, task=_task(world, start_date=datetime.date(2026, 3, 2),
                                                       due_date=datetime.date(2026, 3, 1)), batch=batch)  # fmt: skip
        after = task_create(user=world.officer, task=_task(world), batch=batch)
        batch.finish()
    assert int(after.reference.rsplit("-", 1)[1]) == int(first.reference.rsplit("-", 1)[1]) + 1
    assert not Task.objects.filter(title="Imported", due_date=datetime.date(2026, 3, 1)).exists()


@pytest.mark.django_db
def test_a_block_of_another_operation_is_not_used(world):
    other = TaskBatch(world.officer, world.other_operation, size=5)
    task = task_create(user=world.officer, task=_task(world), batch=other)
    assert task.reference.startswith(f"{world.operation.code}-")
    assert not TaskReferenceCounter.objects.filter(operation=world.other_operation).exists()
