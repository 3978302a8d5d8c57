"""The actor registry and missions in the API: ``/api/v1/actors/``, ``actor-assessments/``, ``actor-relationships/``,
``liaison-contacts/`` and ``missions/``: who reads what (each standing by each level, in its operation and the
other), that a record the reader may not open is never named through another, and the writes through the pages'
forms and services (who may, versions, retries, hostile input).

The data of the reads is made once for the module (each test runs in a savepoint of it and is rolled back); the
expectations are those of tests/support.py, written by hand from the README's "Who sees what".
"""

import json
from datetime import date

import pytest
from django.test import Client

from actors.models import Actor, ActorAssessment, ActorRelationship, LiaisonContact
from missions.models import Mission
from tests.accounts.test_api_tokens import make_token
from tests.conftest import build_world
from tests.factories import (
    ActorAssessmentFactory,
    ActorFactory,
    ActorRelationshipFactory,
    LiaisonContactFactory,
    MissionFactory,
    MissionPhaseChangeFactory,
    UserFactory,
)
from tests.support import API_LEVELS, CONFIDENTIAL, STANDINGS, STRICTLY_CONFIDENTIAL, UNCLASSIFIED

pytestmark = pytest.mark.django_db

LEVELS = (UNCLASSIFIED, CONFIDENTIAL, STRICTLY_CONFIDENTIAL)
MALI_READERS = {"hq", "hq_limited", "other_officer"}  # the API reads across the reader's operations
CAF_READERS = {"officer", "head", "hct", "hq"}
ROUTES = {
    "actors": Actor,
    "actor-assessments": ActorAssessment,
    "actor-relationships": ActorRelationship,
    "liaison-contacts": LiaisonContact,
    "missions": Mission,
}
HIDDEN = "hidden"  # a record nobody reads through the API: it shows a Strictly confidential actor


def url(route, pk=None):
    return f"/api/v1/{route}/" if pk is None else f"/api/v1/{route}/{pk}/"


def send(client, method, address, body, **headers):
    payload = body if isinstance(body, str | bytes) else json.dumps(body)
    return getattr(client, method)(address, payload, content_type="application/json", headers=headers)


def client_of(user, **headers):
    client = Client(headers=headers)
    if user is not None and not headers:
        client.force_login(user)
    return client


@pytest.fixture(scope="module")
def shared(module_transaction):
    """Two operations with one user of every standing (as ``world``), and the records of every route: in CAF one
    per level, one Unclassified in Mali, and ones that show a Strictly confidential actor (``HIDDEN``)."""
    return module_transaction.require().build(_make_shared)


def _make_shared():
    world = build_world()
    caf, mali, officer = world.operation, world.other_operation, world.officer
    actor = {level: ActorFactory(operation=caf, name=f"CAF actor {level}", sensitivity=level) for level in LEVELS}
    other = ActorFactory(operation=caf, name="CAF partner", sensitivity=UNCLASSIFIED)
    mali_actor = ActorFactory(operation=mali, name="Mali actor", sensitivity=UNCLASSIFIED)
    mali_other = ActorFactory(operation=mali, name="Mali partner", sensitivity=UNCLASSIFIED)
    secret = actor[STRICTLY_CONFIDENTIAL]
    public = actor[UNCLASSIFIED]
    records = {
        "actors": [*[(actor[level], level) for level in LEVELS], (other, UNCLASSIFIED), (mali_actor, "mali"),
                   (mali_other, "mali")],
        "actor-assessments": [
            *[(ActorAssessmentFactory(actor=public, sensitivity=level, assessor=officer), level) for level in LEVELS],
            (ActorAssessmentFactory(actor=secret, sensitivity=UNCLASSIFIED, assessor=officer), HIDDEN),
            (ActorAssessmentFactory(actor=mali_actor, sensitivity=UNCLASSIFIED, assessor=officer), "mali"),
        ],
        "actor-relationships": [
            *[(ActorRelationshipFactory(source=public, target=other, relationship_type=kind, sensitivity=level), level)
              for level, kind in zip(LEVELS, ("allied", "rival", "commands"), strict=True)],
            (ActorRelationshipFactory(source=public, target=secret, sensitivity=UNCLASSIFIED), HIDDEN),
            (ActorRelationshipFactory(source=mali_actor, target=mali_other, sensitivity=UNCLASSIFIED), "mali"),
        ],
        "liaison-contacts": [
            *[(LiaisonContactFactory(actor=public, sensitivity=level, name=f"Contact {level}"), level)
              for level in LEVELS],
            (LiaisonContactFactory(actor=secret, sensitivity=UNCLASSIFIED, name="Contact of a secret actor"), HIDDEN),
            (LiaisonContactFactory(actor=mali_actor, sensitivity=UNCLASSIFIED, name="Mali contact"), "mali"),
        ],
        "missions": [
            (MissionFactory(acronym="MINUSCA", operations=[caf]), UNCLASSIFIED),  # no level: read as Unclassified
            (MissionFactory(acronym="MINUSMA", operations=[mali]), "mali"),
        ],
    }  # fmt: skip
    return world, records


def readable(standing, where) -> bool:
    if where == HIDDEN:
        return False
    if where == "mali":
        return standing in MALI_READERS
    return where in API_LEVELS[standing]


# --- Reads ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("standing", STANDINGS)
@pytest.mark.parametrize("route", ROUTES)
def test_reads_by_standing_level_and_operation(shared, route, standing):
    world, records = shared
    client = client_of(world.by_role(standing))
    listed = client.get(url(route))
    assert listed.status_code == 200
    expected = {record.pk for record, where in records[route] if readable(standing, where)}
    assert {row["id"] for row in listed.json()["results"]} == expected, standing
    for record, where in records[route]:
        detail = client.get(url(route, record.pk))
        assert detail.status_code == (200 if readable(standing, where) else 404), (standing, where)
        if detail.status_code == 200:
            assert detail["ETag"] == f'"{record.version}"' and detail.json()["version"] == record.version
    assert b"Strictly confidential" not in listed.content  # the label of a level the API never carries


@pytest.mark.parametrize("route", ROUTES)
def test_who_is_not_signed_in_gets_401_and_how_to_sign_in(shared, route):
    _world, records = shared
    record = records[route][0][0]
    anonymous = Client()
    for response in (
        anonymous.get(url(route)),
        anonymous.get(url(route, record.pk)),
        send(anonymous, "post", url(route), {"operation": "CAF"}),
        send(anonymous, "patch", url(route, record.pk), {"version": 1}),
    ):
        assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Token")


def test_a_related_record_the_reader_may_not_open_is_not_named(shared):
    world, records = shared
    actors = {where: record for record, where in records["actors"]}
    secret, confidential, public = actors[STRICTLY_CONFIDENTIAL], actors[CONFIDENTIAL], actors[UNCLASSIFIED]
    child = ActorFactory(operation=world.operation, name="Child unit", sensitivity=UNCLASSIFIED, parent=secret)
    grandchild = ActorFactory(operation=world.operation, name="Cell", sensitivity=UNCLASSIFIED, parent=confidential)
    officer, hct = client_of(world.officer), client_of(world.hct)
    # The officer opens the Strictly confidential parent in the browser only: through the API it is nobody.
    for response in (officer.get(url("actors", child.pk)), officer.get(url("actors"))):
        assert secret.name not in response.content.decode()
    assert officer.get(url("actors", child.pk)).json()["parent"] is None
    assert officer.get(url("actors", grandchild.pk)).json()["parent"] == confidential.pk
    assert hct.get(url("actors", grandchild.pk)).json()["parent"] is None  # the HCT reads Unclassified only

    # The current picture is that of the latest assessment the reader may read through the API.
    ActorAssessmentFactory(
        actor=public, stance="spoiler", sensitivity=STRICTLY_CONFIDENTIAL, assessor=world.officer,
        assessed_on=date(2099, 1, 1),
    )  # fmt: skip
    stances = {row["id"]: row["current_stance"] for row in officer.get(url("actors")).json()["results"]}
    assert stances[public.pk] != "spoiler"
    assert officer.get(url("actors"), {"stance": "spoiler"}).json()["results"] == []

    # A mission's predecessor and covered operations: those the reader sees only.
    minusca, minusma = (Mission.objects.get(pk=record.pk) for record, _where in records["missions"])
    minusca.predecessor = minusma
    minusca.save()
    minusca.operations.add(world.other_operation)
    mine = officer.get(url("missions", minusca.pk)).json()
    assert mine["predecessor"] is None and mine["operations"] == ["CAF"]
    assert "MINUSMA" not in officer.get(url("missions")).content.decode()
    hq = client_of(world.hq).get(url("missions", minusca.pk)).json()
    assert hq["predecessor"] == minusma.pk and hq["operations"] == ["CAF", "MLI"]


def test_a_mission_shows_its_phases_as_its_page_does(shared):
    world, records = shared
    minusca = records["missions"][0][0]
    MissionPhaseChangeFactory(mission=minusca, phase="active", started_on=date(2014, 4, 10))
    MissionPhaseChangeFactory(mission=minusca, phase="drawdown", started_on=date(2025, 1, 1), note="Resolution 2759")
    phases = client_of(world.hct).get(url("missions", minusca.pk)).json()["phases"]
    assert phases == [
        {"phase": "drawdown", "started_on": "2025-01-01", "note": "Resolution 2759"},
        {"phase": "active", "started_on": "2014-04-10", "note": ""},
    ]


def test_the_lists_filter_as_the_pages_do(shared):
    world, records = shared
    officer = client_of(world.officer)

    def names(route, **query):
        response = officer.get(url(route), query)
        assert response.status_code == 200, response.content
        return {row.get("acronym") or row.get("name") or row["id"] for row in response.json()["results"]}

    assert names("actors", q="actor 1") == {"CAF actor 1"}
    assert names("actors", operation="MLI") == set()  # the officer has no standing in Mali
    assert names("actors", category="foreign_military") == set()
    assert "CAF actor 1" in names("actors", stance="neutral")
    public = records["actors"][0][0]
    assert names("liaison-contacts", actor=public.pk) == {"Contact 1", "Contact 2"}
    assert len(names("actor-relationships", actor=public.pk, relationship_type="allied")) == 1
    assert names("missions", operation="CAF") == {"MINUSCA"}
    assert names("missions", phase="closed") == set()
    for route, query in [
        ("actors", {"category": "no-such"}), ("actors", {"influence": "9" * 50}), ("actors", {"stance": "\x00"}),
        ("actor-assessments", {"actor": "9" * 40}), ("actor-assessments", {"actor": "\u0661"}),
        ("actor-relationships", {"actor": "-1"}), ("liaison-contacts", {"preferred_channel": "pigeon"}),
        ("missions", {"kind": ["pko", "x" * 5000]}), ("actors", {"page_size": "\u0665"}), ("missions", {"cursor": "x"}),
    ]:  # fmt: skip
        assert officer.get(url(route), query).status_code in (400, 404), (route, query)


@pytest.mark.parametrize("route", ROUTES)
def test_a_list_costs_the_same_whatever_its_length(shared, route, django_assert_max_num_queries):
    """Thirty rows more cost no query more: every related record is read in one query for the page."""
    world, records = shared
    officer = client_of(world.officer)
    officer.get(url(route))  # the session and the standing, read once as for any request

    def cost():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert officer.get(url(route)).status_code == 200
        return len(queries)

    public = records["actors"][0][0]

    def add(n):
        if route == "actors":
            ActorFactory(operation=world.operation, sensitivity=UNCLASSIFIED, parent=public)
        elif route == "actor-assessments":
            ActorAssessmentFactory(actor=public, sensitivity=CONFIDENTIAL, assessor=UserFactory())
        elif route == "actor-relationships":
            ActorRelationshipFactory(source=public, target=ActorFactory(operation=world.operation, sensitivity=1))
        elif route == "liaison-contacts":
            LiaisonContactFactory(actor=public, sensitivity=CONFIDENTIAL)
        else:
            mission = MissionFactory(operations=[world.operation, world.other_operation])
            MissionPhaseChangeFactory(mission=mission, started_on=date(2020, 1, 1 + n % 28))

    add(0)
    before = cost()
    for n in range(1, 31):
        add(n)
    assert len(officer.get(url(route)).json()["results"]) > 30
    with django_assert_max_num_queries(before):
        officer.get(url(route))
    with django_assert_max_num_queries(12):
        officer.get(url(route))


# --- Writes ---------------------------------------------------------------------------------------------------

EDITED = {  # the text field each route's tests write
    "actors": "description",
    "actor-assessments": "notes",
    "actor-relationships": "source_note",
    "liaison-contacts": "function",
    "missions": "mandate_text",
}


def new_body(route, world, records, marker):
    """A valid body of a new record of ``route`` in CAF, with ``marker`` in its edited text field."""
    public = records["actors"][0][0]
    other = Actor.objects.get(operation=world.operation, name="CAF partner")
    body = {
        "actors": {"operation": "CAF", "name": f"Actor {marker}", "category": "nsag",
                   "actor_type": "rebel_group", "sensitivity": CONFIDENTIAL},
        "actor-assessments": {"actor": public.pk, "stance": "influencer", "influence": 4, "interest": 2,
                              "strategy": "coordination", "sensitivity": CONFIDENTIAL},
        "actor-relationships": {"source": other.pk, "target": public.pk, "relationship_type": "allied",
                                "confidence": "confirmed", "sensitivity": UNCLASSIFIED},
        "liaison-contacts": {"actor": public.pk, "name": "Col. Example", "phone": "+236 70 00 00 00",
                             "sensitivity": CONFIDENTIAL},
        "missions": {"acronym": "MINUTEST", "name": "Test mission", "kind": "spm", "operations": ["CAF"]},
    }[route]  # fmt: skip
    return {**body, EDITED[route]: marker}


def a_record(route, records):
    """The route's Unclassified record of CAF (the first: every reader of CAF reads it), as stored now (the module's
    objects may hold what an earlier test saved, then rolled back)."""
    return ROUTES[route].objects.get(pk=records[route][0][0].pk)


@pytest.mark.parametrize("route", ROUTES)
def test_create_and_edit_through_the_pages_forms(shared, route, django_assert_max_num_queries):
    world, records = shared
    model, field = ROUTES[route], EDITED[route]
    officer = client_of(world.officer)
    with django_assert_max_num_queries(60):
        created = send(officer, "post", url(route), new_body(route, world, records, "Written through the API"))
    assert created.status_code == 201, created.json()
    record = model.objects.get(pk=created.json()["id"])
    assert getattr(record, field) == "Written through the API"
    assert created["Location"].endswith(url(route, record.pk))
    assert created["ETag"] == '"1"' and created.json()["version"] == 1
    assert record.history.latest("history_id").history_user == world.officer

    read = officer.get(url(route, record.pk))
    with django_assert_max_num_queries(60):
        edited = send(officer, "patch", url(route, record.pk), {field: "Edited"}, If_Match=read["ETag"])
    assert edited.status_code == 200, edited.json()
    assert edited["ETag"] == '"2"' and edited.json()[field] == "Edited"
    record.refresh_from_db()
    assert getattr(record, field) == "Edited" and record.version == 2
    assert record.history.latest("history_id").version == 2


@pytest.mark.parametrize("route", ROUTES)
def test_who_may_not_write_is_refused(shared, route):
    world, records = shared
    model, field = ROUTES[route], EDITED[route]
    record = a_record(route, records)
    before, stored = model.objects.count(), getattr(record, field)
    body = new_body(route, world, records, "Intruder")
    # Readers of CAF may not write in it; who cannot see CAF is told neither of it nor of its records.
    expected = {"hct": (403, 403), "hq": (403, 403), "other_officer": (400, 404), "hq_limited": (400, 404),
                "outsider": (400, 404), "admin": (400, 404)}  # fmt: skip
    if route == "missions":  # a mission is recorded by officers and heads of office of any operation
        expected = {**expected, "other_officer": (400, 404), "hq_limited": (403, 404), "outsider": (403, 404),
                    "admin": (403, 404)}  # fmt: skip
    for standing, (create_status, edit_status) in expected.items():
        client = client_of(world.by_role(standing))
        created = send(client, "post", url(route), body)
        assert created.status_code == create_status, (standing, created.content)
        edited = send(client, "patch", url(route, record.pk), {field: "Intruder", "version": 1})
        assert edited.status_code == edit_status, (standing, edited.content)
    # A token that reads only writes nothing, whoever owns it.
    read_only = client_of(None, Authorization=f"Token {make_token(world.officer)}")
    assert send(read_only, "post", url(route), body).status_code == 403
    assert send(read_only, "patch", url(route, record.pk), {field: "Intruder", "version": 1}).status_code == 403
    assert model.objects.count() == before
    record.refresh_from_db()
    assert getattr(record, field) == stored and record.version == 1


@pytest.mark.parametrize("route", ROUTES)
def test_a_write_through_a_token_names_it_in_the_history(shared, route):
    world, records = shared
    token = client_of(None, Authorization=f"Token {make_token(world.head, can_write=True)}")
    created = send(token, "post", url(route), new_body(route, world, records, "By script"))
    assert created.status_code == 201, created.json()
    record = ROUTES[route].objects.get(pk=created.json()["id"])
    entry = record.history.latest("history_id")
    assert entry.history_user == world.head and entry.history_change_reason == "API token “Script”"


@pytest.mark.parametrize("route", ROUTES)
def test_an_edit_names_its_version_and_a_stale_one_is_refused(shared, route):
    world, records = shared
    field = EDITED[route]
    record = a_record(route, records)
    address = url(route, record.pk)
    officer, head = client_of(world.officer), client_of(world.head)
    missing = send(officer, "patch", address, {field: "No version"})
    assert missing.status_code == 428 and "If-Match" in missing.json()["detail"]
    assert send(head, "patch", address, {field: "Changed by the head"}, If_Match='"1"').status_code == 200
    stale = send(officer, "patch", address, {field: "Changed by the officer"}, If_Match='"1"')
    assert stale.status_code == 412 and stale["ETag"] == '"2"'
    answer = stale.json()
    assert answer["current"][field] == "Changed by the head" and answer["current"]["version"] == 2
    change = next(entry for entry in answer["changes"] if entry["field"] == field)
    assert change["theirs"] == "Changed by the head" and change["yours"] == "Changed by the officer"
    assert answer["refused"] == [field]
    again = send(officer, "patch", address, {field: "Changed by the officer"}, If_Match='"2"')
    assert again.status_code == 200 and again.json()[field] == "Changed by the officer"


@pytest.mark.parametrize("route", ["liaison-contacts", "missions"])
def test_a_create_sent_again_with_its_idempotency_key_is_applied_once(shared, route):
    world, records = shared
    model = ROUTES[route]
    officer = client_of(world.officer)
    body = new_body(route, world, records, "Sent twice")
    before = model.objects.count()
    first = send(officer, "post", url(route), body, Idempotency_Key="retry-1")
    again = send(officer, "post", url(route), body, Idempotency_Key="retry-1")
    assert first.status_code == again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert model.objects.count() == before + 1
    other = send(officer, "post", url(route), {**body, "name": "Another"}, Idempotency_Key="retry-1")
    assert other.status_code == 422 and model.objects.count() == before + 1


def test_the_api_neither_reads_nor_writes_strictly_confidential_records(shared):
    world, records = shared
    officer = client_of(world.officer)
    body = new_body("liaison-contacts", world, records, "Personal data")
    # A contact is Strictly confidential unless its level is chosen: sent without one, it stays in the browser.
    refused = send(officer, "post", url("liaison-contacts"), {k: v for k, v in body.items() if k != "sensitivity"})
    assert refused.status_code == 400 and "sensitivity" in refused.json()
    for route in ("actors", "actor-assessments", "actor-relationships", "liaison-contacts"):
        before = ROUTES[route].objects.count()
        secret = {**new_body(route, world, records, "Secret"), "sensitivity": STRICTLY_CONFIDENTIAL}
        response = send(officer, "post", url(route), secret)
        assert response.status_code == 400 and "sensitivity" in response.json(), route
        assert ROUTES[route].objects.count() == before
        record = a_record(route, records)
        raised = send(officer, "patch", url(route, record.pk), {"sensitivity": STRICTLY_CONFIDENTIAL, "version": 1})
        assert raised.status_code == 400 and "sensitivity" in raised.json(), route
    # Nor a record added to a Strictly confidential actor, nor a relationship that would show one.
    secret_actor = records["actors"][2][0]
    to_secret = {**new_body("liaison-contacts", world, records, "x"), "actor": secret_actor.pk}
    assert send(officer, "post", url("liaison-contacts"), to_secret).status_code == 400
    pointing = {**new_body("actor-relationships", world, records, "x"), "target": secret_actor.pk}
    assert send(officer, "post", url("actor-relationships"), pointing).status_code == 400


def test_a_part_stays_with_its_actor_and_a_mission_keeps_the_coverage_the_editor_cannot_see(shared):
    world, records = shared
    officer = client_of(world.officer)
    contact = a_record("liaison-contacts", records)
    moved = send(officer, "patch", url("liaison-contacts", contact.pk), {"actor": 1, "version": 1})
    assert moved.status_code == 400 and "actor" in moved.json()
    minusca = a_record("missions", records)
    minusca.operations.add(world.other_operation)
    edited = send(officer, "patch", url("missions", minusca.pk), {"operations": [], "version": 1})
    assert edited.status_code == 400 and "operations" in edited.json()  # a mission covers one operation at least
    for codes in (["MLI"], ["CAF", "XXX"], [world.operation.pk], "CAF", [["CAF"]]):
        edited = send(officer, "patch", url("missions", minusca.pk), {"operations": codes, "version": 1})
        assert edited.status_code == 400 and "operations" in edited.json(), codes  # codes of operations one works in
    renamed = send(officer, "patch", url("missions", minusca.pk), {"name": "Renamed", "version": 1})
    assert renamed.status_code == 200
    assert set(minusca.operations.values_list("country", flat=True)) == {"CF", "ML"}


# JSON no form input could carry, or values that broke pages elsewhere: each field gets one, in turn.
HOSTILE = ["\x00", "9" * 5000, 1e308, -1, True, None, "\u00b2", "0001-01-01", [1, 2], {"a": 1}, "x" * 100_000, "\ud800"]
FIELDS = {
    "actors": ["name", "acronym", "aliases", "category", "actor_type", "parent", "party_to_conflict", "areas",
               "description", "sensitivity"],
    "actor-assessments": ["assessed_on", "stance", "influence", "interest", "access_attitude", "protection_attitude",
                          "strategy", "notes", "sensitivity", "hct_summary"],
    "actor-relationships": ["relationship_type", "target", "confidence", "start_date", "end_date", "source_note",
                            "sensitivity"],
    "liaison-contacts": ["name", "function", "phone", "email", "preferred_channel", "sensitivity"],
    "missions": ["acronym", "name", "kind", "operations", "poc_mandate", "mandate_text", "resolution",
                 "mandate_start", "mandate_end", "predecessor"],
}  # fmt: skip


FOREIGN = {"actors": "parent", "actor-relationships": "target", "missions": "predecessor"}  # another record's id
BOUNDED = {  # a text field of limited length (the others take long texts)
    "actors": "name",
    "actor-assessments": "hct_summary",
    "actor-relationships": None,
    "liaison-contacts": "name",
    "missions": "resolution",
}


@pytest.mark.parametrize("route", ROUTES)
def test_hostile_input_is_a_400_naming_the_field_never_a_5xx(shared, route):
    world, records = shared
    model = ROUTES[route]
    record = a_record(route, records)
    officer = client_of(world.officer)
    officer.raise_request_exception = False
    before = model.objects.count()
    failures = []
    for turn, (name, value) in enumerate(
        (name, HOSTILE[(n * 3 + k) % len(HOSTILE)]) for n, name in enumerate(FIELDS[route]) for k in range(3)
    ):
        created = send(officer, "post", url(route), {**new_body(route, world, records, f"Fuzzed {turn}"), name: value})
        edited = send(officer, "patch", url(route, record.pk), {name: value, "version": record.version})
        for response in (created, edited):
            if response.status_code not in (200, 201, 400):
                failures.append(f"{response.request['REQUEST_METHOD']} {response.status_code} {name}={value!r:.20}")
            elif response.status_code == 400 and not {name, "non_field_errors"} & set(response.json()):
                failures.append(f"400 not naming {name}={value!r:.20}: {response.json()}")
        if created.status_code == 201:
            model.objects.filter(pk=created.json()["id"]).delete()
        record.refresh_from_db()
    for body, named in [
        ({"no_such_field": 1}, "no_such_field"),
        ({"sensitivity": "secret"}, "sensitivity"),
        ({"sensitivity": 99}, "sensitivity"),
        *([({BOUNDED[route]: "x" * 100_000}, BOUNDED[route])] if BOUNDED[route] else []),
        *[({FOREIGN[route]: value}, FOREIGN[route]) for value in (2**70, "9" * 5000, -1, "\u0661") if route in FOREIGN],
    ]:
        response = send(officer, "post", url(route), {**new_body(route, world, records, "x"), **body})
        assert response.status_code == 400 and named in response.json(), (body, response.content[:200])
    assert send(officer, "post", url(route), {EDITED[route]: "x" * 3_000_000}).status_code == 400  # too big to read
    assert send(officer, "post", url(route), []).status_code == 400
    assert send(officer, "post", url(route), "not json").status_code == 400
    assert officer.post(url(route), {"name": "form-encoded"}).status_code == 415
    assert send(officer, "put", url(route, record.pk), {"version": 1}).status_code == 405
    assert officer.delete(url(route, record.pk)).status_code == 405
    assert not failures, failures
    assert model.objects.count() == before


@pytest.mark.parametrize("route", ["actor-assessments", "actor-relationships", "liaison-contacts"])
def test_a_part_names_its_actor_by_id(shared, route):
    world, records = shared
    officer = client_of(world.officer)
    parent = "source" if route == "actor-relationships" else "actor"
    body = new_body(route, world, records, "x")
    mali_actor = next(record for record, where in records["actors"] if where == "mali")
    for value in (None, "x", 1.5, True, [1], {"id": 1}, -1, 2**70, "9" * 30, mali_actor.pk):
        response = send(officer, "post", url(route), {**body, parent: value})
        assert response.status_code == 400 and parent in response.json(), value
        assert "Mali" not in response.content.decode()


def test_the_schema_documents_every_operation_and_its_answers():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    for route in ROUTES:
        collection, item = schema["paths"][url(route)], schema["paths"][url(route) + "{id}/"]
        assert {"200", "400", "401", "429"} <= set(collection["get"]["responses"]), route
        assert {"200", "401", "404", "429"} <= set(item["get"]["responses"]), route
        assert {"201", "400", "401", "403", "409", "415", "422", "429"} <= set(collection["post"]["responses"]), route
        assert {"200", "400", "401", "403", "404", "412", "415", "428", "429"} <= set(item["patch"]["responses"])
        assert "put" not in item and "delete" not in item
        assert item["get"]["parameters"][0]["schema"]["type"] == "integer"
    bodies = schema["components"]["schemas"]
    assert bodies["LiaisonContactNew"]["required"][:2] == ["actor", "name"]
    assert bodies["ActorRelationshipNew"]["properties"]["source"]["type"] == "integer"
    assert "operation" not in bodies["MissionNew"]["properties"]
    assert bodies["MissionNew"]["properties"]["operations"]["items"]["type"] == "string"


def test_a_mission_changed_on_its_page_is_a_newer_version_for_the_api(shared):
    """The page's edit names no version, but moves it on: an API edit from the version before is then stale."""
    from missions.services import mission_save

    world, records = shared
    minusca = a_record("missions", records)
    minusca.name = "Renamed on the page"
    head = type(world.head).objects.get(pk=world.head.pk)  # a user of its own: the standing read is kept on it
    mission_save(user=head, mission=minusca, operations=[world.operation])
    assert Mission.objects.get(pk=minusca.pk).version == 2
    stale = send(client_of(world.officer), "patch", url("missions", minusca.pk), {"name": "Mine"}, If_Match='"1"')
    assert stale.status_code == 412 and stale.json()["current"]["name"] == "Renamed on the page"
