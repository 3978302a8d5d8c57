"""The API's writes on every record type with a form, from its declaration: ``POST /api/v1/<type>/`` and ``PATCH
/api/v1/<type>/<id>/`` validate through the type's own form and save through its services, as its pages do.

A valid body is what the create page itself would post (read from the page, as a browser would), with the fields
the page leaves to its author filled in. Who may write, stale and missing versions, hostile input and retries with
an Idempotency-Key are tried on every type; the budgets hold the query counts of a create and an edit.
"""

import json

import pytest
from django import forms
from django.test import Client
from django.urls import reverse

from cmcoord.core.models import IdempotentRequest
from tests.factories import ActorFactory
from tests.support import (
    API_LEVELS,
    CONFIDENTIAL,
    EDITORS,
    IN_OPERATION,
    STANDINGS,
    STRICTLY_CONFIDENTIAL,
    UNCLASSIFIED,
    form_values,
)

from .kinds import KINDS, make
from .test_matrix import TYPES, _id, page

WRITABLE = [t for t in TYPES if t.form is not None and t.api_prefix]
# Queries of one create or one edit, savepoints included (a notification's save writes each party's answer row).
BUDGETS = {"deconfliction.notification": 85, "engagements.engagement": 70}
BUDGET = 50


def _first(model, field):
    return str(model._meta.get_field(field).choices[0][0])


# What each type's create page leaves to its author (besides the marked text): the required fields it shows empty.
AUTHOR_FILLS = {
    "engagements.engagement": lambda world: {"occurred_at": "2026-01-10T10:00"},
    "engagements.keymessage": lambda world: {"issue": _first(KINDS_MODEL["engagements.keymessage"], "issue"),
                                             "text": "Let aid convoys pass."},
    "deconfliction.notification": lambda world: {
        "notifying_organisation": "WFP", "valid_to": "2099-12-31", "latitude": "4.3612", "longitude": "18.5550",
        "parties": [ActorFactory(operation=world.operation, party_to_conflict=True, sensitivity=UNCLASSIFIED).pk],
    },
    "incidents.accessincident": lambda world: {
        "occurred_on": "2026-01-10", "category": _first(KINDS_MODEL["incidents.accessincident"], "category"),
        "source": _first(KINDS_MODEL["incidents.accessincident"], "source"),
    },
    "trainings.training": lambda world: {"start_date": "2026-01-10", "end_date": "2026-01-11"},
    "planning.planningdocument": lambda world: {"kind": _first(KINDS_MODEL["planning.planningdocument"], "kind")},
    "planning.mcdarequest": lambda world: {
        "asset": "Helicopter", "purpose": "Evacuate the wounded", "requested_on": "2026-01-10",
        "justification": ["time_critical"],
    },
    "recordkit.sitevisit": lambda world: {"visited_on": "2026-01-10"},
}  # fmt: skip
KINDS_MODEL = {_id(t): t.model for t in TYPES}


def api(record_type, record=None):
    if record is None:
        return reverse(f"{record_type.api_basename}-list")
    return reverse(f"{record_type.api_basename}-detail", kwargs={"pk": record.pk})


def send(client, method, address, body, **headers):
    payload = body if isinstance(body, str | bytes) else json.dumps(body)
    return getattr(client, method)(address, payload, content_type="application/json", headers=headers)


def page_body(client, record_type, world, marker):
    """What the type's create page would post, as JSON, with the author's fields filled in and ``marker`` in the
    type's text field."""
    posted = form_values(client.get(page(record_type, "create")).text)
    form = record_type.form(user=world.officer, operation=world.operation)
    body = {"operation": "CAF"}
    for name, values in posted.items():
        field = form.fields.get(name)
        if field is None or name == "version" or name.startswith("opened__"):
            continue  # the CSRF token, a hidden field's initial value, the form's own bookkeeping
        if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            body[name] = values
        elif isinstance(field.widget, forms.CheckboxInput):
            body[name] = bool(values)
        elif values and values[0] != "":
            body[name] = values[0]
    body.update(AUTHOR_FILLS[_id(record_type)](world))
    body[KINDS[_id(record_type)][1]] = marker
    return body


@pytest.fixture
def officer(world):
    client = Client()
    client.force_login(world.officer)
    return client


def test_every_type_with_a_form_writes_through_the_api():
    assert {_id(t) for t in WRITABLE} == set(AUTHOR_FILLS)
    assert {_id(t) for t in TYPES if t.form is not None} <= set(AUTHOR_FILLS)


@pytest.mark.parametrize("record_type", WRITABLE, ids=_id)
def test_create_and_edit_as_the_pages_do(world, officer, record_type, django_assert_max_num_queries):
    model, field = record_type.model, KINDS[_id(record_type)][1]
    budget = BUDGETS.get(_id(record_type), BUDGET)
    body = page_body(officer, record_type, world, "Written through the API")
    with django_assert_max_num_queries(budget):
        created = send(officer, "post", api(record_type), body)
    assert created.status_code == 201, created.json()
    record = model.objects.get(pk=created.json()["id"])
    assert getattr(record, field) == "Written through the API"
    assert created["Location"].endswith(api(record_type, record))
    assert created["ETag"] == '"1"' and created.json()["version"] == 1
    assert record.history.get().history_user == world.officer  # audited as the pages' writes are

    read = officer.get(api(record_type, record), headers={"Accept-Encoding": "gzip"})
    assert read["ETag"] in ('"1"', 'W/"1"')  # weak once compressed (GZipMiddleware), the same version
    with django_assert_max_num_queries(budget):
        edited = send(officer, "patch", api(record_type, record), {field: "Edited"}, If_Match=read["ETag"])
    assert edited.status_code == 200, edited.json()
    assert edited["ETag"] == '"2"' and edited.json()["version"] == 2
    record.refresh_from_db()
    assert getattr(record, field) == "Edited" and record.version == 2
    latest = record.history.latest("history_id")
    assert latest.history_user == world.officer and latest.version == 2
    # A field not sent is left as it was: the body is laid over the record as stored.
    assert record.sensitivity == int(body["sensitivity"])


def test_an_edit_costs_the_same_whatever_the_links(world, officer):
    """The record as stored, laid under the body, reads its links in one query per field, not one per link."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import EngagementFactory, TaskFactory

    def edit_cost(links):
        actors = [ActorFactory(operation=world.operation, sensitivity=UNCLASSIFIED) for _ in range(links)]
        tasks = [TaskFactory(operation=world.operation, owner=world.officer) for _ in range(links)]
        engagement = EngagementFactory(operation=world.operation, sensitivity=UNCLASSIFIED, actors=actors)
        engagement.tasks.set(tasks)
        with CaptureQueriesContext(connection) as queries:
            response = send(officer, "patch", f"/api/v1/engagements/{engagement.pk}/", {"summary": "x", "version": 1})
        assert response.status_code == 200, response.json()
        assert len(response.json()["actors"]) == links
        return len(queries)

    assert edit_cost(8) == edit_cost(1)


@pytest.mark.parametrize("record_type", WRITABLE, ids=_id)
def test_who_may_not_write_is_refused(world, record_type):
    model, field = record_type.model, KINDS[_id(record_type)][1]
    record = make(record_type, operation=world.operation, sensitivity=UNCLASSIFIED, marker="As recorded")
    before = model.objects.count()
    address = api(record_type, record)
    # Anonymous: refused before anything is read.
    anonymous = Client()
    assert send(anonymous, "post", api(record_type), {"operation": "CAF"}).status_code in (401, 403)
    assert send(anonymous, "patch", address, {field: "x", "version": 1}).status_code in (401, 403)
    # Readers of CAF may not write in it; who cannot see CAF is told neither of the operation nor of the record.
    expected = {"hct": (403, 403), "hq": (403, 403), "other_officer": (400, 404), "hq_limited": (400, 404),
                "outsider": (400, 404), "admin": (400, 404)}  # fmt: skip
    for standing, (create_status, edit_status) in expected.items():
        client = Client()
        client.force_login(world.by_role(standing))
        created = send(client, "post", api(record_type), {"operation": "CAF", field: "Intruder"})
        assert created.status_code == create_status, (standing, created.content)
        if create_status == 400:
            assert list(created.json()) == ["operation"]
        edited = send(client, "patch", address, {field: "Intruder", "version": 1})
        assert edited.status_code == edit_status, (standing, edited.content)
        assert "As recorded" not in edited.content.decode()
    assert model.objects.count() == before
    record.refresh_from_db()
    assert getattr(record, field) == "As recorded" and record.version == 1


# Who writes in Mali (the second operation) and who reads it through the API without writing in it.
MALI_EDITORS = frozenset({"other_officer"})
MALI_API_READERS = frozenset({"hq", "hq_limited"})


def expected_edit(standing, level, in_mali=False):
    """The answer to an edit through the API: 200 for who may change the record, 403 for who may read it through the
    API but not change it, 404 for who may not read it (the API never carries a Strictly confidential record)."""
    if in_mali:
        return 200 if standing in MALI_EDITORS else 403 if standing in MALI_API_READERS else 404
    if level not in API_LEVELS.get(standing, ()):
        return 404
    return 200 if standing in EDITORS else 403


def expected_create(standing, level):
    """The answer to a create in CAF at ``level``: 201 for its editors below Strictly confidential (a 400 on the
    level above), 403 for its readers, a 400 on the operation for who cannot see it."""
    if standing in EDITORS:
        return 201 if level in API_LEVELS[standing] else 400
    return 403 if standing in IN_OPERATION else 400


@pytest.mark.parametrize("record_type", WRITABLE, ids=_id)
def test_writes_by_standing_level_and_operation(world, officer, record_type):
    """Each standing edits a record of each level in CAF and one in Mali, and creates one at each level in CAF: only
    what the policy lets it change is changed; every refusal leaves the record as it was and names nothing of it."""
    model, field = record_type.model, KINDS[_id(record_type)][1]
    made = {level: make(record_type, operation=world.operation, sensitivity=level, marker=f"Level {level}")
            for level in (UNCLASSIFIED, CONFIDENTIAL, STRICTLY_CONFIDENTIAL)}  # fmt: skip
    mali = make(record_type, operation=world.other_operation, sensitivity=UNCLASSIFIED, marker="Mali record")
    body = page_body(officer, record_type, world, "Created in the matrix")
    body.pop("reference", None)  # each create takes the next one, as the page would give it
    for standing in STANDINGS:
        client = Client()
        client.force_login(world.by_role(standing))
        targets = [(level, record, False) for level, record in made.items()] + [(UNCLASSIFIED, mali, True)]
        for level, record, in_mali in targets:
            stored = model.objects.get(pk=record.pk)
            answer = send(
                client, "patch", api(record_type, record), {field: f"By {standing}", "version": stored.version}
            )
            expected = expected_edit(standing, level, in_mali)
            assert answer.status_code == expected, (standing, level, in_mali, answer.content[:200])
            changed = getattr(model.objects.get(pk=record.pk), field) == f"By {standing}"
            assert changed is (expected == 200), (standing, level, in_mali)
            if expected != 200:
                assert getattr(stored, field) not in answer.content.decode()
        for level in (UNCLASSIFIED, CONFIDENTIAL, STRICTLY_CONFIDENTIAL):
            before = model.objects.count()
            answer = send(client, "post", api(record_type), {**body, "sensitivity": level})
            expected = expected_create(standing, level)
            assert answer.status_code == expected, (standing, level, answer.content[:200])
            assert model.objects.count() == before + (expected == 201)
            if expected == 400:
                assert list(answer.json()) == (["sensitivity"] if standing in EDITORS else ["operation"])
            if standing not in EDITORS:
                break  # refused whatever the level: once is enough


@pytest.mark.parametrize("record_type", WRITABLE, ids=_id)
def test_hostile_input_is_a_400_naming_the_field(world, officer, record_type):
    model, field = record_type.model, KINDS[_id(record_type)][1]
    record = make(record_type, operation=world.operation, sensitivity=UNCLASSIFIED, marker="As recorded")
    before = model.objects.count()
    create, edit = api(record_type), api(record_type, record)
    fields = record_type.form(user=world.officer, operation=world.operation).fields
    bounded = next(name for name, f in fields.items() if isinstance(f, forms.CharField) and f.max_length)
    cases = [
        (create, {"operation": "CAF", "no_such_field": 1}, "no_such_field"),
        (create, {"operation": {"code": "CAF"}}, "operation"),
        (create, {"operation": "CAF", field: {"nested": "object"}}, field),
        (create, {"operation": "CAF", field: ["a", "list"]}, field),
        (create, {"operation": "CAF", bounded: "x" * 100_000}, bounded),
        (create, {"operation": "CAF", "sensitivity": "secret"}, "sensitivity"),
        (create, {"operation": "CAF", "sensitivity": True}, "sensitivity"),
        (create, [], "non_field_errors"),
        (create, {"operation": "CAF", "\ud800": 1}, "non_field_errors"),
        (create, {"operation": "CAF", field: "\ud800"}, field),
        (create, "not json", "detail"),
        (edit, {field: {"nested": 1}, "version": 1}, field),
        (edit, {"id": 5, "version": 1}, "id"),
        (edit, {"operation": "MLI", "version": 1}, "operation"),
        (edit, {field: "x", "version": "one"}, "version"),
        (edit, {field: "x", "version": 1.5}, "version"),
        (edit, {"sensitivity": 99, "version": 1}, "sensitivity"),
    ]
    for address, body, named in cases:
        response = send(officer, "post" if address == create else "patch", address, body)
        assert response.status_code == 400, (body, response.status_code)
        assert named in response.json(), (body, response.json())
    links = next((n for n, f in fields.items() if isinstance(f, forms.ModelMultipleChoiceField)), None)
    if links is not None:
        response = send(officer, "patch", edit, {links: "not a list", "version": 1})
        assert response.status_code == 400 and links in response.json()
        response = send(officer, "patch", edit, {links: [{"id": 1}], "version": 1})
        assert response.status_code == 400 and links in response.json()
    too_big = send(officer, "post", create, {"operation": "CAF", field: "x" * 3_000_000})
    assert too_big.status_code == 400
    assert send(officer, "put", edit, {field: "x"}).status_code == 405
    assert officer.delete(edit).status_code == 405
    form_encoded = officer.post(create, {"operation": "CAF"})
    assert form_encoded.status_code == 415
    assert model.objects.count() == before
    record.refresh_from_db()
    assert getattr(record, field) == "As recorded" and record.version == 1


# JSON no form input could carry, or values that broke pages elsewhere: each field gets one, in turn.
HOSTILE = ["\x00", "9" * 5000, 1e308, -1, True, None, "\u00b2", "0001-01-01", [1, 2], {"a": 1}, "x" * 100_000, "\ud800"]


@pytest.mark.parametrize("record_type", WRITABLE, ids=_id)
def test_no_field_of_an_edit_answers_5xx(world, officer, record_type):
    record = make(record_type, operation=world.operation, sensitivity=UNCLASSIFIED, marker="Fuzzed")
    fields = record_type.form(user=world.officer, operation=world.operation).fields
    names = [name for name in fields if name != "version" and not name.startswith("opened__")]
    officer.raise_request_exception = False
    failures = []
    for turn, name in enumerate(names):
        value = HOSTILE[turn % len(HOSTILE)]
        record.refresh_from_db()
        response = send(officer, "patch", api(record_type, record), {name: value, "version": record.version})
        if response.status_code not in (200, 400):
            failures.append(f"{response.status_code} {name}={str(value)[:20]!r}")
    assert not failures, failures


@pytest.mark.parametrize("record_type", WRITABLE, ids=_id)
def test_an_edit_names_its_version_and_a_stale_one_is_refused_where_it_would_undo(world, officer, record_type):
    field = KINDS[_id(record_type)][1]
    record = make(record_type, operation=world.operation, sensitivity=UNCLASSIFIED, marker="As recorded")
    address = api(record_type, record)
    missing = send(officer, "patch", address, {field: "No version"})
    assert missing.status_code == 428 and "If-Match" in missing.json()["detail"]
    assert send(officer, "patch", address, {field: "x"}, If_Match="*").status_code == 428
    assert send(officer, "patch", address, {field: "x", "version": 2}, If_Match='"1"').status_code == 400

    head = Client()
    head.force_login(world.head)
    assert send(head, "patch", address, {field: "Changed by the head"}, If_Match='"1"').status_code == 200
    stale = send(officer, "patch", address, {field: "Changed by the officer"}, If_Match='"1"')
    assert stale.status_code == 412
    answer = stale.json()
    assert answer["current"][field] == "Changed by the head"
    assert answer["current"]["version"] == 2 and stale["ETag"] == '"2"'
    change = next(entry for entry in answer["changes"] if entry["field"] == field)
    assert change["theirs"] == "Changed by the head" and change["yours"] == "Changed by the officer"
    assert change["was"] == "As recorded" and answer["refused"] == [field]
    # From the same old version, a field nobody changed since is applied: the head's change stands.
    raised = send(officer, "patch", address, {"sensitivity": CONFIDENTIAL}, If_Match='"1"')
    assert raised.status_code == 200, raised.json()
    record.refresh_from_db()
    assert getattr(record, field) == "Changed by the head" and record.sensitivity == CONFIDENTIAL
    assert record.version == 3


def test_the_api_neither_reads_nor_writes_strictly_confidential_records(world, officer):
    record_type = WRITABLE[0]
    field = KINDS[_id(record_type)][1]
    body = {**page_body(officer, record_type, world, "Kept in the browser"), "sensitivity": STRICTLY_CONFIDENTIAL}
    before = record_type.model.objects.count()
    refused = send(officer, "post", api(record_type), body)
    assert refused.status_code == 400 and "sensitivity" in refused.json()
    assert record_type.model.objects.count() == before
    record = make(record_type, operation=world.operation, sensitivity=CONFIDENTIAL, marker="Confidential")
    raised = send(officer, "patch", api(record_type, record), {"sensitivity": STRICTLY_CONFIDENTIAL, "version": 1})
    assert raised.status_code == 400 and "sensitivity" in raised.json()
    record.refresh_from_db()
    assert record.sensitivity == CONFIDENTIAL and record.version == 1
    secret = make(record_type, operation=world.operation, sensitivity=STRICTLY_CONFIDENTIAL, marker="Secret")
    assert send(officer, "patch", api(record_type, secret), {field: "x", "version": 1}).status_code == 404


def test_a_closed_operation_takes_no_writes(world, officer):
    record_type = WRITABLE[-1]
    record = make(record_type, operation=world.operation, sensitivity=UNCLASSIFIED, marker="As recorded")
    world.operation.is_active = False
    world.operation.save()
    assert send(officer, "post", api(record_type), {"operation": "CAF"}).status_code == 403
    assert send(officer, "patch", api(record_type, record), {"sensitivity": 2, "version": 1}).status_code == 403


@pytest.mark.parametrize("record_type", WRITABLE[:2], ids=_id)
def test_a_create_sent_again_with_its_idempotency_key_is_applied_once(world, officer, record_type):
    model = record_type.model
    body = page_body(officer, record_type, world, "Sent twice")
    before = model.objects.count()
    first = send(officer, "post", api(record_type), body, Idempotency_Key="retry-1")
    assert first.status_code == 201 and "Idempotent-Replayed" not in first
    again = send(officer, "post", api(record_type), body, Idempotency_Key="retry-1")
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json() and again["Location"] == first["Location"] and again["ETag"] == first["ETag"]
    assert model.objects.count() == before + 1
    other = send(officer, "post", api(record_type), {**body, "sensitivity": 1}, Idempotency_Key="retry-1")
    assert other.status_code == 422
    assert model.objects.count() == before + 1
    # The key is the user's own: another officer's same key is another request.
    head = Client()
    head.force_login(world.head)
    assert send(head, "post", api(record_type), body, Idempotency_Key="retry-1").status_code == 201
    assert model.objects.count() == before + 2
    # A refused request keeps nothing under its key: corrected, it is applied.
    bad = {**body, "no_such_field": 1}
    assert send(officer, "post", api(record_type), bad, Idempotency_Key="retry-2").status_code == 400
    assert send(officer, "post", api(record_type), body, Idempotency_Key="retry-2").status_code == 201
    assert send(officer, "post", api(record_type), body, Idempotency_Key="é").status_code == 400
    assert send(officer, "post", api(record_type), body, Idempotency_Key="k" * 101).status_code == 400


def test_a_replay_does_not_outlive_the_right_to_read(world, officer):
    from cmcoord.operations.models import Membership

    record_type = WRITABLE[0]
    body = page_body(officer, record_type, world, "Then removed")
    assert send(officer, "post", api(record_type), body, Idempotency_Key="k1").status_code == 201
    Membership.objects.filter(user=world.officer).delete()
    replay = send(officer, "post", api(record_type), body, Idempotency_Key="k1")
    assert replay.status_code == 404 and "Then removed" not in replay.content.decode()


def test_keys_are_forgotten_after_their_lifetime(world, settings):
    from datetime import timedelta

    from django.utils import timezone

    from cmcoord.core.tasks import remove_expired_idempotency_keys

    old = IdempotentRequest.objects.create(user=world.officer, key="old", method="POST", path="/", body_sha256="0")
    IdempotentRequest.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=25))
    IdempotentRequest.objects.create(user=world.officer, key="new", method="POST", path="/", body_sha256="0")
    assert remove_expired_idempotency_keys() == 1
    assert list(IdempotentRequest.objects.values_list("key", flat=True)) == ["new"]
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "cmcoord.core.remove_expired_idempotency_keys" in tasks


def test_the_schema_documents_every_write_and_its_answers():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    for record_type in WRITABLE:
        collection = schema["paths"][api(record_type)]
        item = schema["paths"][api(record_type).rstrip("/") + "/{id}/"]
        assert {"201", "400", "403", "422"} <= set(collection["post"]["responses"]), _id(record_type)
        assert {"200", "400", "403", "404", "412", "428"} <= set(item["patch"]["responses"]), _id(record_type)
        assert "requestBody" in collection["post"] and "requestBody" in item["patch"]
        assert "put" not in item and "delete" not in item


@pytest.mark.django_db(transaction=True)
def test_two_identical_creates_at_once_make_one_record(world):
    """The second request waits on the key its twin reserved, then answers what the twin stored."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent writers on a shared database: PostgreSQL (as in CI), not SQLite's in-memory one")
    import threading

    from django.db import connections

    record_type = WRITABLE[0]
    client = Client()
    client.force_login(world.officer)
    body = page_body(client, record_type, world, "Sent twice at once")
    before = record_type.model.objects.count()
    start, answers = threading.Barrier(2), []

    def post():
        try:
            mine = Client()
            mine.force_login(world.officer)
            start.wait()
            answers.append(send(mine, "post", api(record_type), body, Idempotency_Key="twin"))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answer.status_code for answer in answers) == [201, 201]
    assert sorted(answer.get("Idempotent-Replayed", "") for answer in answers) == ["", "true"]
    assert answers[0].json()["id"] == answers[1].json()["id"]
    assert record_type.model.objects.count() == before + 1
