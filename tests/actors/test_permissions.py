"""Who reaches which page of the actor registry and mission contexts, and which names each standing sees there.

Expected by the access policy (cmcoord/operations/access.py): officers and the head read and change every level
of their own operation; HQ readers read up to Confidential; HCT members read Unclassified only; nobody else
reaches the operation (404). A record that shows other records (a contact its actor, a relationship both its
actors, a task link its task and actor) is never more visible than any of them. Missions carry no level: anyone
with a standing in an operation the mission covers reads it; officers and heads of such an operation change it.
"""

import pytest
from django.urls import reverse

from actors.models import Actor, ActorAssessment, ActorRelationship, LiaisonContact, TaskActor
from missions.models import TaskMission
from tests.factories import (
    ActorAssessmentFactory,
    ActorFactory,
    ActorRelationshipFactory,
    LiaisonContactFactory,
    MissionComponentFactory,
    MissionFactory,
    MissionLiaisonOfficerFactory,
    TaskActorFactory,
)
from tests.support import (
    CONFIDENTIAL,
    EDITORS,
    IN_OPERATION,
    STANDINGS,
    STRICTLY_CONFIDENTIAL,
    UNCLASSIFIED,
    VIEW_LEVELS,
    actors_url,
    expected_status,
    mission_url,
    section,
    svg_of,
    task_url,
)

# Distinct words per level, so that a page can be searched for each name without false hits.
NAMES = {
    UNCLASSIFIED: "Bossangoa Traders Union",
    CONFIDENTIAL: "Kaga-Bandoro Self-Defence Group",
    STRICTLY_CONFIDENTIAL: "Ndele Shadow Brigade",
}


@pytest.fixture
def level_actors(world):
    """One CAF actor per level, each with an Unclassified assessment (so that it is on the stakeholder map)."""
    actors = {}
    for level, name in NAMES.items():
        actors[level] = ActorFactory(operation=world.operation, name=name, sensitivity=level)
        ActorAssessmentFactory(
            actor=actors[level], assessor=world.officer, sensitivity=UNCLASSIFIED, influence=4, interest=2
        )
    return actors


@pytest.fixture
def missions(world):
    """MINUSCA covers CAF; MINUSMA covers Mali only."""
    return {
        "MINUSCA": MissionFactory(acronym="MINUSCA", name="Stabilisation mission in CAR", operations=[world.operation]),
        "MINUSMA": MissionFactory(
            acronym="MINUSMA", name="Stabilisation mission in Mali", operations=[world.other_operation]
        ),
    }


# --- Anonymous visitors -------------------------------------------------------------------------------


def _every_url(actor, task, link, mission):
    return [
        actors_url("actor-list"),
        actors_url("actor-create"),
        actors_url("stakeholder-map"),
        actors_url("network"),
        actors_url("actor-detail", pk=actor.pk),
        actors_url("actor-edit", pk=actor.pk),
        actors_url("assessment-create", pk=actor.pk),
        actors_url("relationship-create", pk=actor.pk),
        actors_url("contact-create", pk=actor.pk),
        actors_url("task-actor-add", reference=task.reference),
        actors_url("task-actor-remove", reference=task.reference, pk=link.pk),
        reverse("missions:task-mission", kwargs={"code": "CAF", "reference": task.reference}),
        mission_url("list"),
        mission_url("create"),
        mission_url("detail", mission.acronym),
        mission_url("edit", mission.acronym),
        mission_url("phase-create", mission.acronym),
        mission_url("platform-create", mission.acronym),
        mission_url("component-create", mission.acronym),
        mission_url("liaison-officer-create", mission.acronym),
    ]


def test_anonymous_is_sent_to_sign_in_everywhere(client, world, level_actors, caf_task, missions):
    actor = level_actors[UNCLASSIFIED]
    link = TaskActorFactory(task=caf_task, actor=actor)
    for url in _every_url(actor, caf_task, link, missions["MINUSCA"]):
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("login")), url
    assert TaskActor.objects.filter(pk=link.pk).exists()
    assert Actor.objects.count() == 3


# --- Actor pages, by standing and sensitivity level -----------------------------------------------


@pytest.mark.parametrize("standing", STANDINGS)
@pytest.mark.parametrize("page", ["actor-list", "stakeholder-map", "network"])
def test_actor_overviews_show_only_readable_names(world, login, level_actors, standing, page):
    response = login(world.by_role(standing)).get(actors_url(page))
    if standing not in IN_OPERATION:
        assert response.status_code == 404
        assert "Central African Republic" not in response.text
        assert not any(name in response.text for name in NAMES.values())
        return
    assert response.status_code == 200
    for level, name in NAMES.items():
        assert (name in response.text) is (level in VIEW_LEVELS[standing]), (level, name)
    if page != "actor-list":  # the graphic itself, not only the table beside it
        svg = svg_of(response.text)
        for level, name in NAMES.items():
            assert (name in svg) is (level in VIEW_LEVELS[standing]), (level, name)


@pytest.mark.parametrize("standing", STANDINGS)
@pytest.mark.parametrize("level", [UNCLASSIFIED, CONFIDENTIAL, STRICTLY_CONFIDENTIAL])
def test_actor_detail_by_standing_and_level(world, login, level_actors, standing, level):
    actor = level_actors[level]
    response = login(world.by_role(standing)).get(actors_url("actor-detail", pk=actor.pk))
    if level in VIEW_LEVELS[standing]:
        assert response.status_code == 200
        assert NAMES[level] in response.text
    else:
        assert response.status_code == 404
        assert NAMES[level] not in response.text


ACTOR_FORMS = ["actor-edit", "assessment-create", "relationship-create", "contact-create"]


@pytest.mark.parametrize("standing", STANDINGS)
@pytest.mark.parametrize("level", [UNCLASSIFIED, CONFIDENTIAL, STRICTLY_CONFIDENTIAL])
def test_actor_forms_are_for_officers_and_heads(world, login, level_actors, standing, level):
    client = login(world.by_role(standing))
    for name in ACTOR_FORMS:
        response = client.get(actors_url(name, pk=level_actors[level].pk))
        assert response.status_code == expected_status(standing, EDITORS), name
        if response.status_code != 200:
            assert NAMES[level] not in response.text, name


@pytest.mark.parametrize("standing", STANDINGS)
def test_actor_create_page_is_for_officers_and_heads(world, login, standing):
    response = login(world.by_role(standing)).get(actors_url("actor-create"))
    assert response.status_code == expected_status(standing, EDITORS)


@pytest.mark.parametrize("standing", sorted(set(STANDINGS) - EDITORS))
def test_readers_and_strangers_cannot_post_actor_records(world, login, level_actors, standing):
    client = login(world.by_role(standing))
    actor = level_actors[UNCLASSIFIED]
    expected = expected_status(standing, EDITORS)
    assessment = {"assessed_on": "2026-01-05", "stance": "spoiler", "influence": 5, "interest": 5,
                  "strategy": "coexistence", "sensitivity": UNCLASSIFIED}  # fmt: skip
    relationship = {"relationship_type": "allied", "target": level_actors[CONFIDENTIAL].pk, "confidence": "probable",
                    "sensitivity": UNCLASSIFIED}  # fmt: skip
    contact = {"name": "Posted person", "preferred_channel": "phone", "sensitivity": UNCLASSIFIED}
    posts = [
        (actors_url("actor-create"), {"name": "Posted actor", "category": "nsag", "actor_type": "rebel_group"}),
        (actors_url("actor-edit", pk=actor.pk), {"name": "Renamed", "category": "nsag", "actor_type": "rebel_group"}),
        (actors_url("assessment-create", pk=actor.pk), assessment),
        (actors_url("relationship-create", pk=actor.pk), relationship),
        (actors_url("contact-create", pk=actor.pk), contact),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == expected, url
    assert Actor.objects.count() == 3
    assert Actor.objects.get(pk=actor.pk).name == NAMES[UNCLASSIFIED]
    assert ActorAssessment.objects.count() == 3
    assert not ActorRelationship.objects.exists()
    assert not LiaisonContact.objects.exists()


# --- Task link endpoints (POST only) --------------------------------------------------------------


@pytest.mark.parametrize("standing", STANDINGS)
def test_task_actor_add(world, login, level_actors, caf_task, standing):
    url = actors_url("task-actor-add", reference=caf_task.reference)
    response = login(world.by_role(standing)).post(url, {"actor": level_actors[CONFIDENTIAL].pk, "role": "target"})
    if standing in EDITORS:
        assert response.status_code == 302
        assert TaskActor.objects.filter(task=caf_task, actor=level_actors[CONFIDENTIAL]).exists()
    else:
        assert response.status_code == expected_status(standing, EDITORS)
        assert not TaskActor.objects.exists()


@pytest.mark.parametrize("standing", STANDINGS)
def test_task_actor_remove(world, login, level_actors, caf_task, standing):
    link = TaskActorFactory(task=caf_task, actor=level_actors[UNCLASSIFIED])
    url = actors_url("task-actor-remove", reference=caf_task.reference, pk=link.pk)
    response = login(world.by_role(standing)).post(url)
    if standing in EDITORS:
        assert response.status_code == 302
        assert not TaskActor.objects.exists()
    else:
        assert response.status_code == expected_status(standing, EDITORS)
        assert TaskActor.objects.filter(pk=link.pk).exists()


@pytest.mark.parametrize("standing", STANDINGS)
def test_task_mission_set(world, login, caf_task, missions, standing):
    url = reverse("missions:task-mission", kwargs={"code": "CAF", "reference": caf_task.reference})
    response = login(world.by_role(standing)).post(url, {"mission": missions["MINUSCA"].pk})
    if standing in EDITORS:
        assert response.status_code == 302
        assert TaskMission.objects.get(task=caf_task).mission == missions["MINUSCA"]
    else:
        assert response.status_code == expected_status(standing, EDITORS)
        assert not TaskMission.objects.exists()


def test_task_endpoints_refuse_a_record_the_user_may_not_see(world, login, level_actors, caf_task):
    """An HQ reader cannot act at all; an officer cannot link an actor or task of another operation."""
    mali_actor = ActorFactory(operation=world.other_operation, name="Gao Fishermen Union", sensitivity=UNCLASSIFIED)
    client = login(world.officer)
    client.post(actors_url("task-actor-add", reference=caf_task.reference), {"actor": mali_actor.pk, "role": "target"})
    assert not TaskActor.objects.exists()
    # The same task reached through Mali's URL: the officer has no standing there.
    response = client.post(
        actors_url("task-actor-add", code="MLI", reference=caf_task.reference), {"actor": level_actors[UNCLASSIFIED].pk}
    )
    assert response.status_code == 404
    assert not TaskActor.objects.exists()


# --- Missions -------------------------------------------------------------------------------------

# Who may read each mission: a standing in an operation it covers.
MISSION_READERS = {
    "MINUSCA": {"officer", "head", "hct", "hq"},
    "MINUSMA": {"hq", "hq_limited", "other_officer"},
}
MISSION_EDITORS = {"MINUSCA": {"officer", "head"}, "MINUSMA": {"other_officer"}}


@pytest.mark.parametrize("standing", STANDINGS)
def test_mission_list_shows_missions_of_covered_operations(world, login, missions, standing):
    response = login(world.by_role(standing)).get(mission_url("list"))
    assert response.status_code == 200
    table = section(response.text, "mission-table")
    for acronym, readers in MISSION_READERS.items():
        assert (acronym in table) is (standing in readers), acronym


@pytest.mark.parametrize("standing", STANDINGS)
@pytest.mark.parametrize("acronym", ["MINUSCA", "MINUSMA"])
def test_mission_detail_by_standing(world, login, missions, standing, acronym):
    response = login(world.by_role(standing)).get(mission_url("detail", acronym))
    if standing in MISSION_READERS[acronym]:
        assert response.status_code == 200
        assert missions[acronym].name in response.text
    else:
        assert response.status_code == 404
        assert missions[acronym].name not in response.text


def test_mali_only_mission_is_404_for_the_caf_hct(world, login, missions):
    client = login(world.hct)
    assert client.get(mission_url("detail", "MINUSMA")).status_code == 404
    assert client.get(mission_url("detail", "minusma")).status_code == 404
    assert client.get(mission_url("edit", "MINUSMA")).status_code == 404


@pytest.mark.parametrize("standing", STANDINGS)
def test_mission_create_is_for_officers_and_heads_of_some_operation(world, login, standing):
    response = login(world.by_role(standing)).get(mission_url("create"))
    assert response.status_code == (200 if standing in {"officer", "head", "other_officer"} else 403)


MISSION_FORMS = ["edit", "phase-create", "platform-create", "component-create", "liaison-officer-create"]


@pytest.mark.parametrize("standing", STANDINGS)
@pytest.mark.parametrize("acronym", ["MINUSCA", "MINUSMA"])
def test_mission_forms_by_standing(world, login, missions, standing, acronym):
    """Editors of a covered operation: 200; readers of the mission: refused; anyone else: 404."""
    client = login(world.by_role(standing))
    for name in MISSION_FORMS:
        response = client.get(mission_url(name, acronym))
        if standing in MISSION_EDITORS[acronym]:
            assert response.status_code == 200, name
        elif standing in MISSION_READERS[acronym]:
            assert response.status_code in (403, 404), name
        else:
            assert response.status_code == 404, name
            assert missions[acronym].name not in response.text, name


@pytest.mark.parametrize(("standing", "acronym"), [("hct", "MINUSCA"), ("hq", "MINUSCA"), ("hq_limited", "MINUSMA")])
def test_mission_forms_answer_403_to_readers_of_the_mission(world, login, missions, standing, acronym):
    """Like every other page: a record the user may read but not change answers 403, not 404."""
    client = login(world.by_role(standing))
    assert client.get(mission_url("detail", acronym)).status_code == 200
    statuses = {name: client.get(mission_url(name, acronym)).status_code for name in MISSION_FORMS}
    assert statuses == dict.fromkeys(MISSION_FORMS, 403)


@pytest.mark.parametrize("standing", ["hct", "hq", "other_officer", "outsider"])
def test_mission_posts_by_non_editors_change_nothing(world, login, missions, standing):
    mission = missions["MINUSCA"]
    client = login(world.by_role(standing))
    client.post(mission_url("edit", "MINUSCA"), {"acronym": "MINUSCA", "name": "Renamed", "kind": "spm"})
    client.post(mission_url("phase-create", "MINUSCA"), {"phase": "closed", "started_on": "2026-01-01"})
    client.post(mission_url("platform-create", "MINUSCA"), {"name": "Posted platform"})
    mission.refresh_from_db()
    assert (mission.name, mission.kind, mission.phase) == ("Stabilisation mission in CAR", "pko", "active")
    assert not mission.phase_changes.exists()
    assert not mission.platforms.exists()


# --- "Do no harm": what HQ and the HCT must never read ---------------------------------------------

OPEN_A = "Bambari Women Association"
OPEN_B = "Bria Youth Council"
CONF = "Kaga-Bandoro Militia"
SECRET = "Ndele Shadow Brigade"
OPEN_CHILD = "Sibut Market Traders"  # Unclassified unit of the Strictly confidential SECRET
SECRET_CHILD = "Birao Night Watch"  # Strictly confidential unit of the Unclassified OPEN_A
SC_CONTACT = "Ange-Felix Zoumandji"
SC_CONTACT_PHONE = "+236 72 00 11 22"
CONF_CONTACT = "Marie-Claire Yakite"  # Unclassified contact of the Confidential CONF
SC_NOTE = "Seen together at the Birao cattle market"
LIAISON_OFFICER = "Prosper Ngoumbango"


@pytest.fixture
def harm(world, caf_task):
    """Records of every level woven together in CAF, and the places each could surface."""
    op = world.operation
    actors = {
        OPEN_A: ActorFactory(operation=op, name=OPEN_A, sensitivity=UNCLASSIFIED),
        OPEN_B: ActorFactory(operation=op, name=OPEN_B, sensitivity=UNCLASSIFIED),
        CONF: ActorFactory(
            operation=op, name=CONF, sensitivity=CONFIDENTIAL, category="nsag", actor_type="political_militia"
        ),
        SECRET: ActorFactory(
            operation=op, name=SECRET, sensitivity=STRICTLY_CONFIDENTIAL, category="nsag", actor_type="rebel_group"
        ),
    }
    actors[OPEN_CHILD] = ActorFactory(operation=op, name=OPEN_CHILD, sensitivity=UNCLASSIFIED, parent=actors[SECRET])
    actors[SECRET_CHILD] = ActorFactory(
        operation=op, name=SECRET_CHILD, sensitivity=STRICTLY_CONFIDENTIAL, parent=actors[OPEN_A]
    )
    for actor in actors.values():
        ActorAssessmentFactory(actor=actor, assessor=world.officer, sensitivity=UNCLASSIFIED)
    # An Unclassified relationship to the Strictly confidential actor; a Strictly confidential one between two
    # Unclassified actors.
    ActorRelationshipFactory(
        source=actors[OPEN_A], target=actors[SECRET], relationship_type="opposed", sensitivity=UNCLASSIFIED
    )
    ActorRelationshipFactory(
        source=actors[OPEN_A],
        target=actors[OPEN_B],
        relationship_type="supplies",
        sensitivity=STRICTLY_CONFIDENTIAL,
        source_note=SC_NOTE,
    )
    LiaisonContactFactory(
        actor=actors[OPEN_A], name=SC_CONTACT, phone=SC_CONTACT_PHONE, sensitivity=STRICTLY_CONFIDENTIAL
    )
    LiaisonContactFactory(actor=actors[CONF], name=CONF_CONTACT, sensitivity=UNCLASSIFIED)
    for name in (OPEN_A, CONF, SECRET):
        TaskActorFactory(task=caf_task, actor=actors[name])
    mission = MissionFactory(acronym="MINUSCA", name="Stabilisation mission in CAR", operations=[op])
    MissionComponentFactory(mission=mission, actor=actors[SECRET], kind="military")
    MissionComponentFactory(mission=mission, actor=actors[OPEN_A], kind="civilian")
    MissionLiaisonOfficerFactory(
        mission=mission, operation=op, name=LIAISON_OFFICER
    )  # default level: Strictly confidential
    return actors


def _pages(world, login, standing, harm, caf_task, only=None):
    """Every page of CAF a reader could open (or those named in ``only``), as text, keyed by a short name.

    Pages answering 404 are left out."""
    client = login(world.by_role(standing))
    urls = {
        "list": actors_url("actor-list"),
        "map": actors_url("stakeholder-map"),
        "network": actors_url("network"),
        "task": task_url(caf_task),
        "mission": mission_url("detail", "MINUSCA"),
        "missions": mission_url("list"),
        **{f"actor {name}": actors_url("actor-detail", pk=actor.pk) for name, actor in harm.items()},
    }
    pages = {}
    for key, url in urls.items():
        if only is not None and key not in only:
            continue
        response = client.get(url)
        assert response.status_code in (200, 404), key
        if response.status_code == 200:
            pages[key] = response.text
    return pages


def test_officer_sees_every_record_the_other_tests_hide(world, login, harm, caf_task):
    """The control: each name the tests below look for does appear where an officer looks."""
    pages = _pages(world, login, "officer", harm, caf_task)
    assert SC_CONTACT in pages[f"actor {OPEN_A}"] and SC_CONTACT_PHONE in pages[f"actor {OPEN_A}"]
    assert CONF_CONTACT in pages[f"actor {CONF}"]
    assert SC_NOTE in pages[f"actor {OPEN_A}"] and OPEN_B in section(pages[f"actor {OPEN_A}"], "relationships")
    assert SECRET in section(pages[f"actor {OPEN_A}"], "relationships")
    assert SECRET in pages[f"actor {OPEN_CHILD}"] and SECRET_CHILD in pages[f"actor {OPEN_A}"]
    assert SECRET in svg_of(pages["map"]) and SECRET in svg_of(pages["network"])
    assert f"{OPEN_A} supplies {OPEN_B}" in svg_of(pages["network"])
    assert OPEN_B in section(pages["network"], "network-table")
    assert SECRET in section(pages["task"], "task-actors")
    assert SECRET in pages["mission"] and LIAISON_OFFICER in pages["mission"]


@pytest.mark.parametrize("standing", ["hq", "hct"])
def test_strictly_confidential_contact_never_shows_to_hq_or_hct(world, login, harm, caf_task, standing):
    pages = _pages(world, login, standing, harm, caf_task)
    assert f"actor {OPEN_A}" in pages  # the actor page itself is readable
    assert "None you may see." in section(pages[f"actor {OPEN_A}"], "contacts")
    for key, text in pages.items():
        assert SC_CONTACT not in text, key
        assert SC_CONTACT_PHONE not in text, key


def test_contact_of_confidential_actor_never_shows_to_hct(world, login, harm, caf_task):
    """An Unclassified contact is as hidden as its Confidential actor."""
    pages = _pages(world, login, "hct", harm, caf_task)
    assert f"actor {CONF}" not in pages  # 404
    for key, text in pages.items():
        assert CONF_CONTACT not in text, key
        assert CONF not in text, key


def test_contact_of_confidential_actor_shows_to_hq_only_on_its_actor(world, login, harm, caf_task):
    """HQ reads Confidential: the contact (Unclassified) of a Confidential actor is within its ceiling."""
    pages = _pages(world, login, "hq", harm, caf_task)
    assert CONF_CONTACT in section(pages[f"actor {CONF}"], "contacts")
    for key, text in pages.items():
        if key != f"actor {CONF}":
            assert CONF_CONTACT not in text, key


@pytest.mark.parametrize("standing", ["hq", "hct"])
def test_strictly_confidential_relationship_never_shows_to_hq_or_hct(world, login, harm, caf_task, standing):
    pages = _pages(world, login, standing, harm, caf_task)
    detail = pages[f"actor {OPEN_A}"]
    assert OPEN_B not in section(detail, "relationships")
    assert SC_NOTE not in detail
    assert SC_NOTE not in pages[f"actor {OPEN_B}"]
    assert OPEN_A not in section(pages[f"actor {OPEN_B}"], "relationships")
    network = pages["network"]
    svg = svg_of(network)
    assert OPEN_A in svg and OPEN_B in svg  # both actors are drawn …
    assert f"{OPEN_A} supplies {OPEN_B}" not in svg  # … but not the edge between them
    assert "kind-supplies" not in svg
    assert svg.count('<path class="network-edge') == 0  # the only other edge leads to the Strictly confidential actor
    assert "No relationships you may see." in section(network, "network-table")


@pytest.mark.parametrize("standing", ["hq", "hct"])
def test_strictly_confidential_actor_is_never_named_to_hq_or_hct(world, login, harm, caf_task, standing):
    pages = _pages(world, login, standing, harm, caf_task)
    assert f"actor {SECRET}" not in pages and f"actor {SECRET_CHILD}" not in pages  # 404
    expected = {"list", "map", "network", "task", "mission", "missions", f"actor {OPEN_A}", f"actor {OPEN_CHILD}"}
    assert expected <= set(pages)
    for key, text in pages.items():
        assert SECRET not in text, key
        assert SECRET_CHILD not in text, key
        assert "Shadow" not in text, key


# Where the Strictly confidential actor could surface: (page, part of it, the name to look for).
SC_PLACES = {
    "stakeholder map SVG": ("map", svg_of, SECRET),
    "network SVG": ("network", svg_of, SECRET),
    "actor list": ("list", lambda html: section(html, "actor-table"), SECRET),
    "relationship on another actor's page": (f"actor {OPEN_A}", lambda html: section(html, "relationships"), SECRET),
    "unit on its parent's page": (f"actor {OPEN_A}", lambda html: html, SECRET_CHILD),
    "parent on its unit's page": (f"actor {OPEN_CHILD}", lambda html: html, SECRET),
    "task page panel": ("task", lambda html: section(html, "task-actors"), SECRET),
    "mission page component": ("mission", lambda html: html, SECRET),
}


@pytest.mark.parametrize("standing", ["hq", "hct"])
@pytest.mark.parametrize("place", SC_PLACES)
def test_strictly_confidential_actor_in_each_place(world, login, harm, caf_task, standing, place):
    """The same, one place at a time, so that a failure names the place."""
    page, part, name = SC_PLACES[place]
    pages = _pages(world, login, standing, harm, caf_task, only={page})
    assert name not in part(pages[page])


def test_task_panel_and_mission_page_still_show_readable_actors(world, login, harm, caf_task):
    for standing in ("hq", "hct"):
        pages = _pages(world, login, standing, harm, caf_task)
        assert OPEN_A in section(pages["task"], "task-actors")
        assert OPEN_A in pages["mission"]


@pytest.mark.parametrize("standing", ["hq", "hct"])
def test_liaison_officer_is_strictly_confidential_by_default(world, login, harm, caf_task, standing):
    pages = _pages(world, login, standing, harm, caf_task)
    assert "None you may see." in section(pages["mission"], "liaison-officers")
    for key, text in pages.items():
        assert LIAISON_OFFICER not in text, key


def test_hct_sees_no_confidential_actor_in_the_task_panel_but_hq_does(world, login, harm, caf_task):
    assert CONF not in section(login(world.hct).get(task_url(caf_task)).text, "task-actors")
    assert CONF in section(login(world.hq).get(task_url(caf_task)).text, "task-actors")


def test_mali_only_mission_is_never_named_to_the_caf_hct(world, login):
    """Not as a page, nor as the predecessor of a CAF mission (in the list or the succession chain)."""
    minusma = MissionFactory(
        acronym="MINUSMA", name="Stabilisation mission in Mali", operations=[world.other_operation]
    )
    MissionFactory(acronym="MINUSCA", name="Stabilisation mission in CAR", operations=[world.operation],
                   predecessor=minusma)  # fmt: skip
    client = login(world.hct)
    assert client.get(mission_url("detail", "MINUSMA")).status_code == 404
    detail = client.get(mission_url("detail", "MINUSCA")).text
    assert "MINUSMA" not in detail
    assert "MINUSMA" not in client.get(mission_url("list")).text
