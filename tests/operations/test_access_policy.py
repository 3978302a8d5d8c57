"""The written access policy, checked cell by cell against DOMAIN.md's table."""

import pytest

from cmcoord.operations.access import HQ, POLICY, Action, access_for
from cmcoord.operations.choices import Role, Sensitivity

S = Sensitivity


@pytest.mark.parametrize(
    ("role", "level", "may_view"),
    [
        (Role.OFFICER, S.STRICTLY_CONFIDENTIAL, True),
        (Role.HEAD, S.STRICTLY_CONFIDENTIAL, True),
        (HQ, S.UNCLASSIFIED, True),
        (HQ, S.CONFIDENTIAL, True),
        (HQ, S.STRICTLY_CONFIDENTIAL, False),
        (Role.HCT, S.UNCLASSIFIED, True),
        (Role.HCT, S.CONFIDENTIAL, False),
        (Role.HCT, S.STRICTLY_CONFIDENTIAL, False),
    ],
)
def test_view_table_matches_domain(role, level, may_view):
    assert (level <= POLICY[Action.VIEW][role]) is may_view


def test_strictly_confidential_never_leaves_the_operation():
    for action in (Action.EXPORT, Action.DIGEST, Action.API):
        assert all(ceiling < S.STRICTLY_CONFIDENTIAL for ceiling in POLICY[action].values()), action


def test_only_unclassified_reaches_digests_and_hq_exports():
    assert set(POLICY[Action.DIGEST].values()) == {S.UNCLASSIFIED}
    assert POLICY[Action.EXPORT][HQ] == S.UNCLASSIFIED
    assert POLICY[Action.EXPORT][Role.HCT] == S.UNCLASSIFIED


def test_only_officers_and_heads_change():
    assert set(POLICY[Action.CHANGE]) == {Role.OFFICER, Role.HEAD}


def test_profile_is_read_once_per_user_object(world, django_assert_num_queries):
    with django_assert_num_queries(2):
        profile = access_for(world.officer)
    with django_assert_num_queries(0):
        assert access_for(world.officer) is profile
    assert profile.role_in(world.operation.pk) == Role.OFFICER
    assert profile.role_in(world.other_operation.pk) is None


def test_inactive_user_has_no_access(world):
    world.officer.is_active = False
    assert access_for(world.officer).role_in(world.operation.pk) is None


def test_closed_operation_is_readable_but_not_editable(world):
    world.operation.is_active = False
    world.operation.save()
    world.officer.refresh_from_db()
    profile = access_for(world.officer)
    assert profile.role_in(world.operation.pk) == Role.OFFICER
    assert not profile.can_edit_in(world.operation.pk)
