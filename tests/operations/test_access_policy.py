"""The access profile and ``can``: standings read once per request, answers kept for the request."""

from cmcoord.core.access import Action, access_for, can
from cmcoord.core.choices import Sensitivity, Standing
from cmcoord.operations.models import CountryOperation
from tests.scopedapp.models import Note


def test_profile_is_read_once_per_user_object(world, django_assert_num_queries):
    with django_assert_num_queries(2):
        profile = access_for(world.officer)
    with django_assert_num_queries(0):
        assert access_for(world.officer) is profile
    assert profile.standing_in(world.operation.pk) == Standing.OFFICER
    assert profile.standing_in(world.other_operation.pk) is None


def test_inactive_user_has_no_access(world):
    world.officer.is_active = False
    assert access_for(world.officer).standing_in(world.operation.pk) is None
    assert not CountryOperation.objects.visible_to(world.officer).exists()


def test_closed_operation_is_readable_but_not_changed_or_managed(world):
    world.operation.is_active = False
    world.operation.save()
    note = Note.objects.create(operation=world.operation, sensitivity=Sensitivity.UNCLASSIFIED, title="n")
    for user in (world.officer, world.head):
        user.refresh_from_db()
        assert can(user, Action.VIEW, world.operation)
        assert can(user, Action.VIEW, note)
        assert not can(user, Action.CHANGE, world.operation)
        assert not can(user, Action.MANAGE, world.operation)
        assert not can(user, Action.CHANGE, note)


def test_officers_change_records_but_only_heads_manage_the_operation(world):
    assert can(world.officer, Action.CHANGE, world.operation)
    assert not can(world.officer, Action.MANAGE, world.operation)
    assert can(world.head, Action.MANAGE, world.operation)
    for reader in (world.hct, world.hq, world.outsider, world.admin):
        assert not can(reader, Action.CHANGE, world.operation)
        assert not can(reader, Action.MANAGE, world.operation)


def test_can_asks_once_per_request_for_each_object(world, django_assert_num_queries):
    note = Note.objects.create(operation=world.operation, sensitivity=Sensitivity.CONFIDENTIAL, title="n")
    access_for(world.officer)
    with django_assert_num_queries(1):
        assert can(world.officer, Action.CHANGE, note)
        assert can(world.officer, Action.CHANGE, note)
    with django_assert_num_queries(0):
        assert can(world.officer, Action.MANAGE, world.operation) is False  # operations: no query at all


def test_can_gives_the_same_answer_as_restrict(world):
    notes = [
        Note.objects.create(operation=operation, sensitivity=level, title=f"{operation.pk}-{level}")
        for operation in (world.operation, world.other_operation)
        for level in Sensitivity
    ]
    users = (world.officer, world.head, world.hct, world.hq, world.hq_limited, world.other_officer, world.outsider)
    for user in users:
        for action in Action:
            allowed = set(Note.objects.restrict(user, action).values_list("pk", flat=True))
            assert {note.pk for note in notes if can(user, action, note)} == allowed, (user, action)


def test_all_operations_hq_reader_filter_names_no_operation(world):
    """An HQ reader of every operation gets a filter on the level only: no list of operation ids to grow."""
    sql = str(Note.objects.restrict(world.hq, Action.VIEW).query)
    assert "operation_id" not in sql.split("WHERE", 1)[1]
    counted = str(Note.objects.restrict(world.hq, Action.COUNT).query)
    assert "WHERE" not in counted  # HQ counts everything: no predicate at all
