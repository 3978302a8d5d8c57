"""Actor names keep no bidirectional controls; the actor page names only missions that still cover it."""

from actors.models import Actor
from tests.factories import ActorFactory, MissionComponentFactory, MissionFactory
from tests.support import UNCLASSIFIED, actors_url

RLO = "\u202e"


def actor_data(**changes):
    data = {
        "name": "Front Populaire du Nord", "acronym": "FPN", "aliases": "", "category": "nsag",
        "actor_type": "rebel_group", "parent": "", "areas": "", "description": "", "sensitivity": "",
    }  # fmt: skip
    data.update(changes)
    return data


def test_an_actor_name_posted_with_a_right_to_left_override_is_stored_without_it(world, login):
    response = login(world.officer).post(
        actors_url("actor-create"), actor_data(name=f"Front {RLO}droN{RLO}", acronym=f"F{RLO}PN")
    )
    assert response.status_code == 302
    actor = Actor.objects.get()
    assert (actor.name, actor.acronym) == ("Front droN", "FPN")


def test_bidirectional_controls_are_removed_on_full_clean_too(world):
    """The admin and the services validate with ``full_clean``, not with the product's forms."""
    actor = Actor(
        operation=world.operation, name="A\u2066b\u2069c\u200e\u200f\u061c\u202a\u202b\u202c\u202d", category="nsag",
        actor_type="rebel_group", description=f"Arabic text keeps its marks\u200f\u2067{RLO}x\u2069",
        aliases=f"Front {RLO}droN\nF\u2066P\u2069N",
    )  # fmt: skip
    actor.full_clean()
    assert actor.name == "Abc"
    assert actor.description.endswith("\u200f\u2067x\u2069")  # long text keeps marks and isolates, not overrides
    assert actor.aliases == "Front droN\nFPN"  # aliases are names


def test_the_actor_page_names_no_mission_that_no_longer_covers_the_operation(world, login):
    actor = ActorFactory(operation=world.operation, sensitivity=UNCLASSIFIED)
    mission = MissionFactory(acronym="MINUSCA", operations=[world.operation])
    MissionComponentFactory(mission=mission, actor=actor)
    client = login(world.officer)
    assert "MINUSCA" in client.get(actors_url("actor-detail", pk=actor.pk)).text
    mission.operations.set([world.other_operation])  # the mission now covers Mali only
    page = client.get(actors_url("actor-detail", pk=actor.pk))
    assert page.status_code == 200
    assert "MINUSCA" not in page.text
    assert 'data-testid="actor-missions"' not in page.text
