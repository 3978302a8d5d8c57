"""Bad input to the actor registry and mission forms: refused with a clear message, and nothing saved.

Posted through the client as an officer of CAF, as a browser would; the database's own constraints are
checked too, for writes that do not pass through a form.
"""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from actors.models import Actor, ActorAssessment, ActorRelationship
from cmcoord.core.choices import Role
from cmcoord.operations.models import CountryOperation
from missions.models import Mission
from tests.factories import ActorFactory, MembershipFactory, MissionFactory
from tests.support import CONFIDENTIAL, STRICTLY_CONFIDENTIAL, UNCLASSIFIED, actors_url, mission_url, task_log_url


def errors_of(response, field):
    """The form's errors on ``field`` (the page re-rendered with the form, status 200)."""
    assert response.status_code == 200, response.status_code
    return " ".join(response.context["form"].errors.get(field, []))


def actor_data(**changes):
    data = {
        "name": "Front Populaire du Nord", "acronym": "FPN", "aliases": "", "category": "nsag",
        "actor_type": "rebel_group", "parent": "", "areas": "", "description": "", "sensitivity": "",
    }  # fmt: skip
    data.update(changes)
    return data


def relationship_data(target, **changes):
    data = {
        "relationship_type": "allied", "target": target.pk, "confidence": "probable", "start_date": "",
        "end_date": "", "source_note": "", "sensitivity": CONFIDENTIAL,
    }  # fmt: skip
    data.update(changes)
    return data


def assessment_data(**changes):
    data = {
        "assessed_on": "2026-03-01", "stance": "spoiler", "influence": 4, "interest": 2,
        "access_attitude": "reserved", "protection_attitude": "unknown", "strategy": "coexistence", "notes": "",
        "sensitivity": CONFIDENTIAL,
    }  # fmt: skip
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


@pytest.fixture
def armed(world):
    return ActorFactory(operation=world.operation, name="Union pour la Paix", sensitivity=CONFIDENTIAL, category="nsag",
                        actor_type="rebel_group")  # fmt: skip


@pytest.fixture
def mali_actor(world):
    return ActorFactory(operation=world.other_operation, name="Gao Fishermen Union", sensitivity=UNCLASSIFIED)


# --- Relationships --------------------------------------------------------------------------------


def test_relationship_to_itself_is_refused(world, login, armed):
    response = login(world.officer).post(actors_url("relationship-create", pk=armed.pk), relationship_data(armed))
    assert "An actor cannot have a relationship with itself." in errors_of(response, "target")
    assert "An actor cannot have a relationship with itself." in response.text
    assert not ActorRelationship.objects.exists()


def test_relationship_to_an_actor_of_another_operation_names_it_for_an_officer_of_both(world, login, armed, mali_actor):
    MembershipFactory(operation=world.other_operation, user=world.officer, role=Role.OFFICER)
    response = login(world.officer).post(actors_url("relationship-create", pk=armed.pk), relationship_data(mali_actor))
    error = errors_of(response, "target")
    assert "Gao Fishermen Union belongs to Mali" in error
    assert "belongs to Mali" in response.text
    assert not ActorRelationship.objects.exists()


def test_relationship_to_an_actor_of_another_operation_is_an_invalid_choice_for_others(world, login, armed, mali_actor):
    response = login(world.officer).post(actors_url("relationship-create", pk=armed.pk), relationship_data(mali_actor))
    error = errors_of(response, "target")
    assert "Select a valid choice" in error
    assert "Mali" not in response.text and "Gao" not in response.text  # nothing about the hidden actor
    assert not ActorRelationship.objects.exists()


def test_relationship_database_constraint_refuses_an_actor_related_to_itself(world, armed):
    with pytest.raises(IntegrityError), transaction.atomic():
        ActorRelationship.objects.create(
            operation=world.operation, source=armed, target=armed, relationship_type="allied", sensitivity=CONFIDENTIAL
        )
    assert not ActorRelationship.objects.exists()


# --- Assessments ----------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["influence", "interest"])
@pytest.mark.parametrize("value", [0, 6, -1, "five"])
def test_ratings_outside_one_to_five_are_refused(world, login, armed, field, value):
    response = login(world.officer).post(
        actors_url("assessment-create", pk=armed.pk), assessment_data(**{field: value})
    )
    assert "Select a valid choice" in errors_of(response, field)
    assert not ActorAssessment.objects.exists()


def test_ratings_one_and_five_are_accepted(world, login, armed):
    response = login(world.officer).post(
        actors_url("assessment-create", pk=armed.pk), assessment_data(influence=1, interest=5)
    )
    assert response.status_code == 302
    assert ActorAssessment.objects.get().influence == 1


@pytest.mark.parametrize("field", ["influence", "interest"])
def test_rating_database_constraints(world, armed, field):
    for value in (0, 7):
        with pytest.raises(IntegrityError), transaction.atomic():
            ActorAssessment.objects.create(
                operation=world.operation, actor=armed, stance="spoiler", strategy="coexistence",
                assessor=world.officer, sensitivity=CONFIDENTIAL, **{"influence": 3, "interest": 3, field: value},
            )  # fmt: skip
    assert not ActorAssessment.objects.exists()


# --- Actors ---------------------------------------------------------------------------------------


def test_parent_from_another_operation_is_refused_by_the_form(world, login, mali_actor):
    MembershipFactory(operation=world.other_operation, user=world.officer, role=Role.OFFICER)
    response = login(world.officer).post(actors_url("actor-create"), actor_data(parent=mali_actor.pk))
    assert errors_of(response, "parent")
    assert not Actor.objects.filter(operation=world.operation).exists()


def test_parent_from_another_operation_is_refused_by_the_model(world, mali_actor):
    actor = Actor(operation=world.operation, name="Child", category="nsag", actor_type="rebel_group", parent=mali_actor)
    with pytest.raises(ValidationError) as caught:
        actor.full_clean()
    assert caught.value.message_dict["parent"] == ["The parent organisation must belong to the same operation."]


def test_parent_loop_is_refused(world, login, armed):
    child = ActorFactory(
        operation=world.operation, name="Union pour la Paix, zone Nord", parent=armed, sensitivity=CONFIDENTIAL
    )
    response = login(world.officer).post(
        actors_url("actor-edit", pk=armed.pk),
        actor_data(name=armed.name, acronym="", parent=child.pk, sensitivity=CONFIDENTIAL),
    )
    assert "This would make the actor part of itself." in errors_of(response, "parent")
    armed.refresh_from_db()
    assert armed.parent is None


@pytest.mark.parametrize("areas", ["ML01", "CF71, ML01", "CF", "71", "CF-71"])
def test_areas_must_be_pcodes_of_the_operation(world, login, areas):
    response = login(world.officer).post(actors_url("actor-create"), actor_data(areas=areas))
    assert "is not an admin 1 P-code of this operation" in errors_of(response, "areas")
    assert not Actor.objects.exists()


def test_areas_are_normalised(world, login):
    response = login(world.officer).post(actors_url("actor-create"), actor_data(areas="cf71, CF72"))
    assert response.status_code == 302
    assert Actor.objects.get().areas == "CF71, CF72"


def test_areas_on_several_lines_are_normalised(world, login):
    login(world.officer).post(actors_url("actor-create"), actor_data(areas=" cf71\n\ncf72 ,"))
    assert Actor.objects.get().areas == "CF71, CF72"


@pytest.mark.parametrize(
    ("category", "expected"),
    [
        ("nsag", CONFIDENTIAL),
        ("domestic_military", CONFIDENTIAL),
        ("foreign_military", CONFIDENTIAL),
        ("domestic_civilian", UNCLASSIFIED),
        ("international_civilian", UNCLASSIFIED),
    ],
)
def test_blank_sensitivity_takes_the_category_default(world, login, category, expected):
    response = login(world.officer).post(actors_url("actor-create"), actor_data(category=category))
    assert response.status_code == 302
    assert Actor.objects.get().sensitivity == expected


def test_chosen_sensitivity_wins_over_the_default(world, login):
    login(world.officer).post(
        actors_url("actor-create"), actor_data(category="domestic_civilian", sensitivity=STRICTLY_CONFIDENTIAL)
    )
    assert Actor.objects.get().sensitivity == STRICTLY_CONFIDENTIAL


def test_duplicate_name_in_the_operation_is_refused(world, login, armed):
    response = login(world.officer).post(actors_url("actor-create"), actor_data(name=armed.name))
    assert response.status_code == 200
    assert "This operation already has an actor with this name." in response.text
    assert Actor.objects.count() == 1


def test_operation_cannot_be_posted_by_hand(world, login):
    """The actor belongs to the operation of the URL, whatever the post says."""
    MembershipFactory(operation=world.other_operation, user=world.officer, role=Role.OFFICER)
    login(world.officer).post(actors_url("actor-create"), actor_data(operation=world.other_operation.pk))
    assert Actor.objects.get().operation == world.operation


# --- Missions -------------------------------------------------------------------------------------


def test_mission_succession_loop_is_refused(world, login):
    first = MissionFactory(acronym="MISCA", name="African-led mission", operations=[world.operation])
    MissionFactory(acronym="MINUSCA", name="Stabilisation mission in CAR", operations=[world.operation],
                   predecessor=first)  # fmt: skip
    second = Mission.objects.get(acronym="MINUSCA")
    response = login(world.officer).post(mission_url("edit", "MISCA"), mission_data(first, predecessor=second.pk))
    assert "loop" in errors_of(response, "predecessor")
    first.refresh_from_db()
    assert first.predecessor is None
    assert second.predecessor_id == first.pk


def test_mission_cannot_succeed_itself(world, login):
    mission = MissionFactory(acronym="MINUSCA", operations=[world.operation])
    response = login(world.officer).post(mission_url("edit", "MINUSCA"), mission_data(mission, predecessor=mission.pk))
    assert errors_of(response, "predecessor")
    mission.refresh_from_db()
    assert mission.predecessor is None


def test_mission_mandate_cannot_end_before_it_starts(world, login):
    response = login(world.officer).post(
        mission_url("create"),
        {"acronym": "MINUSCA", "name": "Stabilisation mission", "kind": "pko", "operations": [world.operation.pk],
         "mandate_start": "2026-05-01", "mandate_end": "2026-04-01"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "The mandate cannot end before it starts." in response.text
    assert not Mission.objects.exists()


def test_mission_cannot_cover_an_operation_the_user_does_not_work_in(world, login):
    response = login(world.officer).post(
        mission_url("create"),
        {"acronym": "MINUSMA", "name": "Mali mission", "kind": "pko", "operations": [world.other_operation.pk]},
    )
    assert "Select a valid choice" in errors_of(response, "operations")
    assert not Mission.objects.exists()


# --- The operation's peace flag, derived from missions ------------------------------------------


def _peace(operation):
    return CountryOperation.objects.get(pk=operation.pk).has_peace_operation


def _offers_an5(client, operation):
    response = client.get(task_log_url("task-create", operation.code))
    assert response.status_code == 200
    offered = response.context["form"].fields["activity"].queryset.filter(code="AN-5").exists()
    assert offered is ("AN-5 Encourage a joint PoC analysis" in response.text)
    return offered


def _create_mission(client, world, acronym):
    response = client.post(
        mission_url("create"),
        {"acronym": acronym, "name": f"Mission {acronym}", "kind": "pko", "operations": [world.operation.pk]},
    )
    assert response.status_code == 302
    return Mission.objects.get(acronym=acronym)


def _record_phase(client, acronym, phase, on):
    response = client.post(mission_url("phase-create", acronym), {"phase": phase, "started_on": on, "note": ""})
    assert response.status_code == 302


def test_peace_flag_follows_missions(world, login):
    client = login(world.officer)
    assert _peace(world.operation) is False
    assert _offers_an5(client, world.operation) is False

    _create_mission(client, world, "MINUSCA")
    assert _peace(world.operation) is True
    assert _offers_an5(client, world.operation) is True
    assert _peace(world.other_operation) is False

    _record_phase(client, "MINUSCA", "closed", "2026-06-30")
    assert Mission.objects.get(acronym="MINUSCA").phase == "closed"
    assert _peace(world.operation) is False
    assert _offers_an5(client, world.operation) is False


def test_peace_flag_stays_while_another_mission_is_present(world, login):
    client = login(world.officer)
    _create_mission(client, world, "MINUSCA")
    _create_mission(client, world, "EUTM")
    _record_phase(client, "EUTM", "closed", "2026-06-30")
    assert _peace(world.operation) is True
    assert _offers_an5(client, world.operation) is True
    _record_phase(client, "MINUSCA", "drawdown", "2026-07-01")
    assert _peace(world.operation) is True
    _record_phase(client, "MINUSCA", "closed", "2026-12-31")
    assert _peace(world.operation) is False
    assert _offers_an5(client, world.operation) is False


def test_phase_recorded_out_of_order_does_not_change_the_current_phase(world, login):
    """The current phase is the latest by date: an older entry recorded later does not reopen a mission."""
    client = login(world.officer)
    _create_mission(client, world, "MINUSCA")
    _record_phase(client, "MINUSCA", "closed", "2026-06-30")
    _record_phase(client, "MINUSCA", "transition", "2026-03-01")
    assert Mission.objects.get(acronym="MINUSCA").phase == "closed"
    assert _peace(world.operation) is False


def test_two_phase_changes_on_one_day_are_refused(world, login):
    client = login(world.officer)
    _create_mission(client, world, "MINUSCA")
    _record_phase(client, "MINUSCA", "drawdown", "2026-06-30")
    response = client.post(mission_url("phase-create", "MINUSCA"), {"phase": "closed", "started_on": "2026-06-30"})
    assert response.status_code == 200
    assert "The mission already changed phase on that date." in response.text
    assert Mission.objects.get(acronym="MINUSCA").phase == "drawdown"
    assert _peace(world.operation) is True


def test_an_actor_list_page_past_the_end_shows_the_last_page(world, login):
    for n in range(52):
        ActorFactory(operation=world.operation, name=f"Village committee {n:02d}", sensitivity=UNCLASSIFIED)
    response = login(world.officer).get(actors_url("actor-list"), {"page": 99})
    assert response.status_code == 200
    assert response.context["page_obj"].number == 2
    assert "Village committee 51" in response.text and "Village committee 49" not in response.text


# --- Phone numbers and e-mail addresses of people ---------------------------------------------------


def contact_data(**changes):
    data = {"name": "Adamou Bello", "function": "", "phone": "", "email": "", "preferred_channel": "phone",
            "sensitivity": STRICTLY_CONFIDENTIAL}  # fmt: skip
    data.update(changes)
    return data


@pytest.mark.parametrize("phone", ["+236 75 12 34 56", "+211-912-345-678"])
def test_a_contact_s_international_phone_number_is_saved_as_written(world, login, armed, phone):
    response = login(world.officer).post(actors_url("contact-create", pk=armed.pk), contact_data(phone=phone))
    assert response.status_code == 302
    assert armed.contacts.get().phone == phone


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "ask at the gate", "Enter a phone number in digits"),
        ("phone", "+236 75 12 34 56 ext 4", "Enter a phone number in digits"),
        ("email", "liaison@", "Enter a valid email address."),
        ("email", "liaison at example.org", "Enter a valid email address."),
    ],
)
def test_a_contact_s_bad_phone_number_or_e_mail_is_refused(world, login, armed, field, value, message):
    response = login(world.officer).post(actors_url("contact-create", pk=armed.pk), contact_data(**{field: value}))
    assert message in errors_of(response, field)
    assert message in response.text  # the page says it, next to the field and in the error summary
    assert not armed.contacts.exists()


def test_the_contact_form_asks_a_phone_for_its_keypad(world, login, armed):
    response = login(world.officer).get(actors_url("contact-create", pk=armed.pk))
    assert 'type="tel" name="phone"' in response.text
    assert 'type="email" name="email"' in response.text


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"phone": "not a number"}, "phone"), ({"phone": "123"}, "phone"), ({"email": "hlo@@minusca"}, "email")],
)
def test_a_liaison_officer_s_bad_phone_number_or_e_mail_is_refused(world, login, changes, field):
    mission = MissionFactory(acronym="MINUSCA", operations=[world.operation])
    data = {"operation": world.operation.pk, "name": "Awa Diallo", "function": "", "email": "", "phone": "",
            "sensitivity": STRICTLY_CONFIDENTIAL, **changes}  # fmt: skip
    response = login(world.officer).post(mission_url("liaison-officer-create", "MINUSCA"), data)
    assert errors_of(response, field)
    assert not mission.liaison_officers.exists()
    data.update(phone="+236 75 12 34 56", email="awa.diallo@example.org")
    assert login(world.officer).post(mission_url("liaison-officer-create", "MINUSCA"), data).status_code == 302
    assert mission.liaison_officers.get().phone == "+236 75 12 34 56"


def test_a_phone_number_is_checked_by_the_model_too(world, armed):
    from actors.models import LiaisonContact
    from missions.models import MissionLiaisonOfficer

    contact = LiaisonContact(actor=armed, operation=world.operation, name="X", phone="call the base")
    with pytest.raises(ValidationError) as caught:
        contact.full_clean()
    assert "phone" in caught.value.message_dict
    officer = MissionLiaisonOfficer(mission=MissionFactory(), operation=world.operation, name="Y", phone="n/a")
    with pytest.raises(ValidationError) as caught:
        officer.full_clean()
    assert "phone" in caught.value.message_dict
