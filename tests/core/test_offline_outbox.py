"""The outbox's server side (cmcoord/records/outbox.py): each form that can be queued offline names its API route on
the page, and the route it names takes what the form would post; a follow-up can be added through the API (what
a follow-up queued after a new engagement is sent to), once per Idempotency-Key, by who may change the engagement.

The browser side (queued offline, sent once, a conflict, a refusal): tests/browser/test_offline_flow.py.
"""

import json
import re

import pytest
from django.test import Client

from cmcoord.records import outbox
from engagements.models import FollowUp
from protection_tasks.models import Activity
from tests.factories import EngagementFactory, FollowUpFactory, TaskFactory
from tests.support import CONFIDENTIAL, STRICTLY_CONFIDENTIAL, UNCLASSIFIED

pytestmark = pytest.mark.django_db


def attributes(html, testid):
    """The attributes of the form marked ``data-testid=testid`` in ``html``."""
    tag = re.search(rf'<form[^>]*data-testid="{testid}"[^>]*>', html)
    assert tag, testid
    return dict(re.findall(r'\s([a-z-]+)(?:="([^"]*)")?', tag.group(0)))


def send(client, address, body, **headers):
    return client.post(address, json.dumps(body), content_type="application/json", headers=headers)


def test_the_note_form_names_its_api_route_and_a_strictly_confidential_task_s_names_none(client, world):
    task = TaskFactory(operation=world.operation, owner=world.officer)
    secret = TaskFactory(operation=world.operation, owner=world.officer, sensitivity=STRICTLY_CONFIDENTIAL)
    client.force_login(world.officer)
    form = attributes(client.get(task.get_absolute_url()).content.decode(), "note-form")
    assert form["data-outbox-route"] == f"/api/v1/tasks/{task.reference}/notes/"
    assert form["data-outbox-method"] == "POST" and "data-outbox-version" not in form
    hidden = attributes(client.get(secret.get_absolute_url()).content.decode(), "note-form")
    assert "data-draft-off" in hidden and "data-outbox-route" not in hidden


def test_record_forms_name_their_route_the_operation_and_their_list_fields(client, world):
    engagement = EngagementFactory(operation=world.operation, sensitivity=CONFIDENTIAL)
    client.force_login(world.officer)
    new = client.get("/operations/CAF/engagements/new/").content.decode()
    form = attributes(new, "engagement-form")
    assert form["data-outbox-route"] == "/api/v1/engagements/" and form["data-outbox-method"] == "POST"
    assert json.loads(form["data-outbox-extra"].replace("&quot;", '"')) == {"operation": "CAF"}
    assert {"actors", "topics", "tasks", "key_messages", "ocha_participants"} <= set(form["data-outbox-lists"].split())
    # The follow-ups agreed at it, queued after it, hidden until it is queued.
    follow_up = attributes(new, "follow-up-form")
    assert follow_up["data-outbox-route"] == "/api/v1/follow-ups/" and follow_up["data-outbox-after"] == "engagement"
    assert re.search(r'data-testid="queued-follow-ups" hidden', new)
    edit = attributes(
        client.get(f"/operations/CAF/engagements/{engagement.pk}/edit/").content.decode(), "engagement-form"
    )
    assert edit["data-outbox-route"] == f"/api/v1/engagements/{engagement.pk}/"
    assert edit["data-outbox-method"] == "PATCH" and edit["data-outbox-version"] == "version"
    task = TaskFactory(operation=world.operation, owner=world.officer)
    task_edit = attributes(client.get(f"/operations/CAF/tasks/{task.reference}/edit/").content.decode(), "task-form")
    assert task_edit["data-outbox-route"] == f"/api/v1/tasks/{task.reference}/"


def test_every_page_shows_the_outbox_to_the_signed_in_and_the_offline_page_holds_no_token(client, world):
    client.force_login(world.officer)
    home = client.get("/").content.decode()
    assert 'id="outbox-status"' in home and 'role="status"' in home and "Waiting to send (%(count)s)" in home
    assert re.search(r'data-csrf="[^"]+"', home) and f'data-parallel="{outbox.parallel_sends()}"' in home
    offline_page = client.get("/offline/").content.decode()
    assert 'id="outbox-status"' in offline_page and "data-csrf" not in offline_page
    assert "data-outbox-list" in offline_page and "data-outbox-list" in client.get("/device/").content.decode()


def test_parallel_sends_follow_the_database():
    from django.db import connection

    # One at a time on an in-memory SQLite (the tests' live server shares its one connection), several elsewhere.
    shared = connection.vendor == "sqlite" and connection.is_in_memory_db()
    assert outbox.parallel_sends() == (1 if shared else outbox.PARALLEL) and outbox.PARALLEL > 1


@pytest.fixture
def officer(world):
    client = Client(enforce_csrf_checks=False)
    client.force_login(world.officer)
    return client


def body(engagement, **fields):
    activity = Activity.objects.get(code="DI-3", operation__isnull=True)
    return {"engagement": engagement.pk, "text": "Share the screening schedule", "activity": activity.pk, **fields}


def test_a_follow_up_is_added_once_per_key(world, officer):
    engagement = EngagementFactory(operation=world.operation, sensitivity=CONFIDENTIAL)
    first = send(officer, "/api/v1/follow-ups/", body(engagement), Idempotency_Key="outbox-1")
    assert first.status_code == 201, first.content
    assert first.json()["text"] == "Share the screening schedule" and first.json()["task"] is None
    again = send(officer, "/api/v1/follow-ups/", body(engagement), Idempotency_Key="outbox-1")
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true" and again.json() == first.json()
    assert list(FollowUp.objects.values_list("engagement", "text")) == [(engagement.pk, "Share the screening schedule")]


def test_a_follow_up_is_validated_by_the_page_s_form(world, officer):
    engagement = EngagementFactory(operation=world.operation, sensitivity=CONFIDENTIAL)
    answer = send(officer, "/api/v1/follow-ups/", body(engagement, text=""))
    assert answer.status_code == 400 and "text" in answer.json()
    assert send(officer, "/api/v1/follow-ups/", body(engagement, owner=world.other_officer.pk)).status_code == 400
    assert send(officer, "/api/v1/follow-ups/", {"text": "x"}).json() == {
        "engagement": ["Required: the id of an engagement."]
    }
    assert not FollowUp.objects.exists()


@pytest.mark.parametrize(
    ("standing", "level", "status"),
    [
        ("officer", CONFIDENTIAL, 201),
        ("head", UNCLASSIFIED, 201),
        ("officer", STRICTLY_CONFIDENTIAL, 400),  # the API carries none, writes none
        ("hct", UNCLASSIFIED, 403),  # reads it, may not change it
        ("hct", CONFIDENTIAL, 400),  # may not read it: as if it did not exist
        ("hq", UNCLASSIFIED, 403),
        ("other_officer", UNCLASSIFIED, 400),
        ("outsider", UNCLASSIFIED, 400),
    ],
)
def test_who_may_add_a_follow_up(world, standing, level, status):
    engagement = EngagementFactory(operation=world.operation, sensitivity=level)
    client = Client()
    client.force_login(getattr(world, standing))
    answer = send(client, "/api/v1/follow-ups/", body(engagement))
    assert answer.status_code == status, answer.content
    assert FollowUp.objects.exists() == (status == 201)
    if status == 400:
        assert "engagement" in answer.json() and str(engagement.summary) not in answer.content.decode()


def test_a_follow_up_of_an_existing_engagement_names_it(client, world):
    engagement = EngagementFactory(operation=world.operation, sensitivity=CONFIDENTIAL)
    FollowUpFactory(engagement=engagement)
    client.force_login(world.officer)
    form = attributes(client.get(engagement.get_absolute_url()).content.decode(), "follow-up-form")
    assert form["data-outbox-route"] == "/api/v1/follow-ups/"
    assert json.loads(form["data-outbox-extra"].replace("&quot;", '"')) == {"engagement": engagement.pk}


def test_the_status_buttons_and_each_party_s_answer_form_name_their_route_sent_with_the_version(client, world):
    from tests.factories import ActorFactory, NotificationFactory

    task = TaskFactory(operation=world.operation, owner=world.officer)
    party = ActorFactory(operation=world.operation, name="Ouham Patriotic Front", category="nsag")
    notification = NotificationFactory(operation=world.operation, parties=[party])
    answer = notification.answers.get()
    client.force_login(world.officer)

    html = client.get(task.get_absolute_url()).content.decode()
    buttons = re.findall(r'<form[^>]*action="[^"]*/status/"[^>]*>', html)
    assert buttons, html
    routes = {dict(re.findall(r'\s([a-z-]+)(?:="([^"]*)")?', tag)).get("data-outbox-route") for tag in buttons}
    assert routes == {f"/api/v1/tasks/{task.reference}/status/"}
    assert all('data-outbox-version="version"' in tag and 'data-outbox-method="POST"' in tag for tag in buttons)
    names = [re.search(r'data-draft="([^"]+)"', tag).group(1) for tag in buttons]
    assert len(set(names)) == len(names)  # each button's draft its own (the outcome typed under "Complete…")

    form = attributes(client.get(notification.get_absolute_url()).content.decode(), "answer-form")
    assert form["data-outbox-route"] == f"/api/v1/notification-answers/{answer.pk}/record/"
    assert form["data-outbox-method"] == "POST" and form["data-outbox-version"] == "version"
