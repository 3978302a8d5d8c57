"""The attachment's access is its record's: ``ScopeRule.ATTACHED`` answers what the record's rule answers."""

import pytest

from cmcoord.attachments.models import Attachment
from cmcoord.core.access import Action, attachable_models, can
from protection_tasks.models import Task
from tests.factories import AttachmentFactory, TaskFactory
from tests.support import CONFIDENTIAL, STANDINGS, STRICTLY_CONFIDENTIAL, UNCLASSIFIED


@pytest.fixture
def files(world):
    """One attachment on a task of each level in CAF, one on a task in Mali, and one on a closed operation's."""
    tasks = [
        TaskFactory(operation=world.operation, owner=world.officer, sensitivity=level)
        for level in (UNCLASSIFIED, CONFIDENTIAL, STRICTLY_CONFIDENTIAL)
    ]
    tasks.append(TaskFactory(operation=world.other_operation, owner=world.other_officer, sensitivity=UNCLASSIFIED))
    return [AttachmentFactory(record=task, uploaded_by=task.owner) for task in tasks]


def test_tasks_take_attachments():
    assert Task in attachable_models(Attachment)


@pytest.mark.parametrize("standing", STANDINGS)
@pytest.mark.parametrize("action", [Action.VIEW, Action.CHANGE, Action.EXPORT, Action.DIGEST, Action.API])
def test_an_attachment_is_reached_exactly_as_its_record(world, files, standing, action):
    user = world.by_role(standing)
    records = set(Task.objects.restrict(user, action).values_list("pk", flat=True))
    expected = {attachment.pk for attachment in files if attachment.object_id in records}
    assert set(Attachment.objects.restrict(user, action).values_list("pk", flat=True)) == expected
    for attachment in files:
        assert can(user, action, attachment) == (attachment.pk in expected)


def test_a_closed_operation_keeps_its_files_readable_and_unchangeable(world, files):
    world.operation.is_active = False
    world.operation.save()
    officer = type(world.officer).objects.get(pk=world.officer.pk)  # a fresh user: a fresh access profile
    assert Attachment.objects.restrict(officer, Action.VIEW).filter(operation=world.operation).count() == 3
    assert not Attachment.objects.restrict(officer, Action.CHANGE).filter(operation=world.operation).exists()


def test_anonymous_reaches_no_attachment(files):
    from django.contrib.auth.models import AnonymousUser

    assert not Attachment.objects.restrict(AnonymousUser(), Action.VIEW).exists()
