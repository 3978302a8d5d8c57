"""An audience's access: a standing in one operation with no user behind it, answered by the same policy."""

import pytest

from cmcoord.core.access import ANONYMOUS, Action, access_for, audience_access, can, ceiling
from cmcoord.core.choices import Sensitivity, Standing
from cmcoord.operations.models import CountryOperation
from tests.scopedapp.models import Note
from tests.support import CONFIDENTIAL, STRICTLY_CONFIDENTIAL, UNCLASSIFIED


@pytest.fixture
def notes(world):
    return {
        (operation.country.code, level): Note.objects.create(operation=operation, sensitivity=level, title=f"{level}")
        for operation in (world.operation, world.other_operation)
        for level in Sensitivity
    }


def levels(queryset, world):
    return {note.sensitivity for note in queryset.filter(operation=world.operation)}


@pytest.mark.parametrize("standing", list(Standing))
def test_an_audience_names_unclassified_records_of_its_operation_only_in_a_digest(world, notes, standing):
    profile = audience_access(world.operation, standing)
    assert not profile.is_anonymous
    assert access_for(profile) is profile
    digest = Note.objects.restrict(profile, Action.DIGEST)
    assert levels(digest, world) == {UNCLASSIFIED}
    assert not digest.filter(operation=world.other_operation).exists()
    counted = Note.objects.restrict(profile, Action.COUNT)
    assert levels(counted, world) == {UNCLASSIFIED, CONFIDENTIAL, STRICTLY_CONFIDENTIAL}
    assert not counted.filter(operation=world.other_operation).exists()


def test_an_audience_reads_like_a_member_of_that_standing(world, notes):
    """The HCT audience sees on a page what an HCT member sees; HQ what an HQ reader of that operation sees."""
    for standing, user in ((Standing.HCT, world.hct), (Standing.OFFICER, world.officer)):
        profile = audience_access(world.operation, standing)
        for action in (Action.VIEW, Action.API, Action.EXPORT):
            assert levels(Note.objects.restrict(profile, action), world) == levels(
                Note.objects.restrict(user, action), world
            ), (standing, action)
    hq = audience_access(world.operation.pk, Standing.HQ)
    assert levels(Note.objects.restrict(hq, Action.VIEW), world) == {UNCLASSIFIED, CONFIDENTIAL}
    assert can(hq, Action.VIEW, world.operation)
    assert not can(hq, Action.VIEW, world.other_operation)
    assert not can(hq, Action.CHANGE, world.operation)


def test_an_audience_of_a_closed_operation_changes_nothing(world):
    world.operation.is_active = False
    world.operation.save()
    profile = audience_access(world.operation, Standing.HEAD)
    assert can(profile, Action.VIEW, world.operation)
    assert not can(profile, Action.MANAGE, world.operation)
    assert not CountryOperation.objects.restrict(profile, Action.CHANGE).exists()


def test_the_archive_is_read_by_the_operation_staff_also_once_closed(world):
    for user, allowed in ((world.head, True), (world.officer, True), (world.hct, False), (world.hq, False)):
        assert can(user, Action.ARCHIVE, world.operation) is allowed, user
    world.operation.is_active = False
    world.operation.save()
    world.head.refresh_from_db()
    assert can(world.head, Action.ARCHIVE, world.operation)


def test_ceilings_of_the_policy():
    assert ceiling(Action.DIGEST, Standing.HCT) == UNCLASSIFIED
    assert ceiling(Action.VIEW, Standing.HQ) == CONFIDENTIAL
    assert ceiling(Action.CHANGE, Standing.HCT) is None
    assert ANONYMOUS.is_anonymous
