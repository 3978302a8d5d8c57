"""Missions: an acronym always fits an address, an edit keeps what the editor cannot see, and a duplicate names
no mission the user cannot see."""

import pytest
from django.db import IntegrityError, transaction

from missions.models import Mission
from tests.factories import MissionFactory, TaskFactory, TaskMissionFactory
from tests.support import mission_url, task_url


def new_mission(world, **changes):
    data = {"acronym": "MINUSCA", "name": "Stabilisation mission", "kind": "pko", "operations": [world.operation.pk]}
    data.update(changes)
    return data


def mission_data(mission, **changes):
    data = {
        "acronym": mission.acronym, "name": mission.name, "kind": mission.kind,
        "operations": [op.pk for op in mission.operations.all()], "mandate_text": "", "resolution": "",
        "mandate_start": "", "mandate_end": "", "predecessor": mission.predecessor_id or "",
    }  # fmt: skip
    data.update(changes)
    return data


def errors_of(response, field):
    assert response.status_code == 200, response.status_code
    return " ".join(response.context["form"].errors.get(field, []))


# --- An acronym that cannot be part of an address ------------------------------------------------------


@pytest.mark.parametrize("acronym", ["QZ/SLASH", "QZ SLASH", "QZ?", "../QZ", "QZ%00", "MÍNUSCA", "-QZ", "QZ-"])
def test_an_acronym_that_cannot_be_part_of_an_address_is_refused_and_nothing_is_saved(world, login, acronym):
    client = login(world.officer)
    response = client.post(mission_url("create"), new_mission(world, acronym=acronym))
    assert "Use capital letters and digits" in errors_of(response, "acronym")
    assert response.context["form"]["name"].value() == "Stabilisation mission"  # the input is kept
    assert not Mission.objects.exists()
    assert client.get(mission_url("list")).status_code == 200


def test_an_edit_to_an_acronym_that_cannot_be_part_of_an_address_re_renders_the_form(world, login):
    """The page's links are built from the stored acronym, not from the refused one."""
    mission = MissionFactory(acronym="MINUSCA", operations=[world.operation])
    response = login(world.officer).post(mission_url("edit", "MINUSCA"), mission_data(mission, acronym="QZ/SLASH"))
    assert "Use capital letters and digits" in errors_of(response, "acronym")
    assert 'href="/missions/MINUSCA/"' in response.text
    mission.refresh_from_db()
    assert mission.acronym == "MINUSCA"


def test_a_lower_case_acronym_is_stored_in_capitals_and_its_pages_work(world, login):
    client = login(world.officer)
    response = client.post(mission_url("create"), new_mission(world, acronym="eufor-rca"))
    assert response.status_code == 302
    mission = Mission.objects.get()
    assert mission.acronym == "EUFOR-RCA"
    task = TaskFactory(operation=world.operation, owner=world.officer)
    TaskMissionFactory(task=task, mission=mission)
    for url in (response["Location"], mission_url("list"), task_url(task)):
        assert client.get(url).status_code == 200


def test_the_database_refuses_an_acronym_that_cannot_be_part_of_an_address(world):
    mission = MissionFactory(acronym="MINUSCA", operations=[world.operation])
    with pytest.raises(IntegrityError), transaction.atomic():
        Mission.objects.filter(pk=mission.pk).update(acronym="QZ/SLASH")


# --- An edit keeps the predecessor the editor cannot see ------------------------------------------------


@pytest.fixture
def hidden_predecessor(world):
    """A mission in CAF whose predecessor covers only Mali, where CAF's officer has no standing."""
    earlier = MissionFactory(acronym="MISAB", operations=[world.other_operation])
    mission = MissionFactory(acronym="MINUSCA", operations=[world.operation])
    Mission.objects.filter(pk=mission.pk).update(predecessor=earlier)
    mission.refresh_from_db()
    return mission, earlier


def test_saving_a_mission_unchanged_keeps_a_predecessor_the_editor_cannot_see(world, login, hidden_predecessor):
    mission, earlier = hidden_predecessor
    client = login(world.officer)
    page = client.get(mission_url("edit", "MINUSCA"))
    assert "predecessor" not in page.context["form"].fields  # not offered for change
    assert "MISAB" not in page.text
    data = mission_data(mission)
    del data["predecessor"]
    assert client.post(mission_url("edit", "MINUSCA"), data).status_code == 302
    mission.refresh_from_db()
    assert mission.predecessor_id == earlier.pk


def test_a_posted_predecessor_cannot_replace_one_the_editor_cannot_see(world, login, hidden_predecessor):
    mission, earlier = hidden_predecessor
    other = MissionFactory(acronym="MISCA", operations=[world.operation])
    client = login(world.officer)
    for posted in ("", other.pk):
        assert client.post(mission_url("edit", "MINUSCA"), mission_data(mission, predecessor=posted)).status_code == 302
        mission.refresh_from_db()
        assert mission.predecessor_id == earlier.pk


def test_a_visible_predecessor_is_offered_and_can_be_cleared(world, login):
    earlier = MissionFactory(acronym="MISCA", operations=[world.operation])
    mission = MissionFactory(acronym="MINUSCA", operations=[world.operation], predecessor=earlier)
    client = login(world.officer)
    assert "predecessor" in client.get(mission_url("edit", "MINUSCA")).context["form"].fields
    assert client.post(mission_url("edit", "MINUSCA"), mission_data(mission, predecessor="")).status_code == 302
    mission.refresh_from_db()
    assert mission.predecessor is None


# --- Duplicates name no mission the user cannot see ------------------------------------------------------


def test_an_acronym_taken_by_an_invisible_mission_gets_a_message_that_names_nothing(world, login):
    MissionFactory(acronym="MINUSMA", operations=[world.other_operation])
    response = login(world.officer).post(mission_url("create"), new_mission(world, acronym="minusma"))
    errors = errors_of(response, "acronym")
    assert errors == "This acronym cannot be used; choose another."
    assert "exists" not in response.text
    assert Mission.objects.count() == 1


def test_an_acronym_taken_by_a_visible_mission_says_it_exists(world, login):
    MissionFactory(acronym="MINUSCA", operations=[world.operation])
    response = login(world.officer).post(mission_url("create"), new_mission(world))
    assert "The mission MINUSCA already exists" in errors_of(response, "acronym")


def test_the_predecessor_choice_offers_only_visible_missions(world, login):
    hidden = MissionFactory(acronym="MISAB", operations=[world.other_operation])
    visible = MissionFactory(acronym="MISCA", operations=[world.operation])
    client = login(world.officer)
    offered = client.get(mission_url("create")).context["form"].fields["predecessor"].queryset
    assert list(offered) == [visible]
    response = client.post(mission_url("create"), new_mission(world, predecessor=hidden.pk))
    assert "Select a valid choice" in errors_of(response, "predecessor")
    assert "MISAB" not in response.text


def test_a_predecessor_already_succeeded_by_an_invisible_mission_gets_a_message_that_names_nothing(world, login):
    earlier = MissionFactory(acronym="MISCA", operations=[world.operation, world.other_operation])
    MissionFactory(acronym="MINUSMA", operations=[world.other_operation], predecessor=earlier)
    response = login(world.officer).post(mission_url("create"), new_mission(world, predecessor=earlier.pk))
    assert errors_of(response, "predecessor") == "This mission cannot be chosen as the predecessor; choose another."
    assert "MINUSMA" not in response.text
    assert not Mission.objects.filter(acronym="MINUSCA").exists()


def test_a_predecessor_already_succeeded_by_a_visible_mission_names_it(world, login):
    earlier = MissionFactory(acronym="MISCA", operations=[world.operation])
    MissionFactory(acronym="MINURCA", operations=[world.operation], predecessor=earlier)
    response = login(world.officer).post(mission_url("create"), new_mission(world, predecessor=earlier.pk))
    assert "MINURCA already took over from MISCA." in errors_of(response, "predecessor")
