"""Mission writes (missions.services): coverage the editor cannot work in is kept, the peace flag follows."""

import pytest
from django.urls import reverse

from cmcoord.core.choices import Role
from cmcoord.core.scoping import OutOfScope
from cmcoord.operations.models import CountryOperation
from missions.models import Mission
from missions.services import mission_save
from tests.factories import CountryOperationFactory, MembershipFactory, MissionFactory


def _covered(mission):
    return set(Mission.objects.get(pk=mission.pk).operations.values_list("country", flat=True))


def test_editor_replaces_coverage_only_among_the_operations_they_work_in(world):
    south_sudan = CountryOperationFactory(country="SS", name="South Sudan")
    MembershipFactory(operation=south_sudan, user=world.officer, role=Role.OFFICER)
    mission = MissionFactory(acronym="UNMISS", operations=[world.operation, world.other_operation, south_sudan])
    mission_save(user=world.officer, mission=mission, operations=[world.operation])
    assert _covered(mission) == {"CF", "ML"}  # Mali, where the officer has no standing, stays covered


def test_choosing_an_operation_outside_ones_work_is_ignored(world):
    mission = MissionFactory(acronym="MINUSCA", operations=[world.operation])
    mission_save(user=world.officer, mission=mission, operations=[world.operation, world.other_operation])
    assert _covered(mission) == {"CF"}


def test_a_mission_left_covering_none_of_the_editors_operations_is_refused(world):
    mission = Mission(acronym="EUTM", name="EU training mission", kind="regional")
    with pytest.raises(OutOfScope):
        mission_save(user=world.officer, mission=mission, operations=[world.other_operation])
    assert not Mission.objects.filter(acronym="EUTM").exists()


def test_new_mission_raises_the_peace_flag_of_the_covered_operation(world):
    mission = Mission(acronym="MINUSCA", name="MINUSCA", kind="pko")
    mission_save(user=world.officer, mission=mission, operations=[world.operation])
    assert CountryOperation.objects.get(pk=world.operation.pk).has_peace_operation is True
    assert CountryOperation.objects.get(pk=world.other_operation.pk).has_peace_operation is False


def test_saving_the_form_unchanged_keeps_the_other_operations_coverage(world, login):
    mission = MissionFactory(
        acronym="MINUSMA", name="Mali mission", operations=[world.operation, world.other_operation]
    )
    response = login(world.officer).post(
        reverse("missions:edit", kwargs={"acronym": "MINUSMA"}),
        {"acronym": "MINUSMA", "name": "Mali mission", "kind": "pko", "operations": [world.operation.pk]},
    )
    assert response.status_code == 302
    assert _covered(mission) == {"CF", "ML"}
