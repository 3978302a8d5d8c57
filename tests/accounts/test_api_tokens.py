"""Personal API tokens: what they open (never more than their owner), what closes them, and that they are never
written anywhere but as a keyed hash."""

import logging
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cmcoord.accounts import tokens
from cmcoord.accounts.authentication import authenticate_token
from cmcoord.accounts.models import ApiToken
from cmcoord.core.choices import Sensitivity
from cmcoord.operations.models import Membership
from tests.factories import TaskFactory

pytestmark = pytest.mark.django_db

TASKS = "/api/v1/tasks/"


def make_token(user, **fields) -> str:
    whole, key_id, digest = tokens.new_token()
    ApiToken.objects.create(
        user=user, name="Script", key_id=key_id, digest=digest,
        expires_at=fields.pop("expires_at", timezone.now() + timedelta(days=90)), **fields,
    )  # fmt: skip
    return whole


def get(client, url, token, **extra):
    return client.get(url, HTTP_AUTHORIZATION=f"Token {token}", **extra)


@pytest.fixture
def tasks(world):
    return {
        "caf": TaskFactory(operation=world.operation, owner=world.officer, title="Water points in Kaga-Bandoro"),
        "mali": TaskFactory(operation=world.other_operation, owner=world.other_officer, title="Mopti convoy"),
        "secret": TaskFactory(
            operation=world.operation, owner=world.officer, title="Source in Bria",
            sensitivity=Sensitivity.STRICTLY_CONFIDENTIAL,
        ),
    }  # fmt: skip


def titles(response) -> set[str]:
    assert response.status_code == 200, response.content[:300]
    return {row["title"] for row in response.json()["results"]}


def test_a_token_reads_what_its_owner_may_read_through_the_api_and_nothing_more(client, world, tasks):
    token = make_token(world.officer)
    assert titles(get(client, TASKS, token)) == {"Water points in Kaga-Bandoro"}  # the API stops at Confidential
    assert get(client, f"{TASKS}{tasks['mali'].reference}/", token).status_code == 404
    response = get(client, TASKS, make_token(world.hq))
    assert titles(response) == {"Water points in Kaga-Bandoro", "Mopti convoy"}
    # Bearer works too; a session is not needed and no CSRF cookie is involved.
    assert client.get(TASKS, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200


@pytest.mark.parametrize(
    "spoil",
    [
        lambda token, world: token[:-1] + ("A" if token[-1] != "A" else "B"),  # a wrong secret
        lambda token, world: "cmc_short",
        lambda token, world: "ölçü" * 10,
        lambda token, world: "x" * 500,
    ],
    ids=["wrong-secret", "malformed", "not-ascii", "too-long"],
)
def test_a_wrong_token_answers_401_and_says_how_to_authenticate(client, world, spoil):
    response = get(client, TASKS, spoil(make_token(world.officer), world))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")


@pytest.mark.parametrize("state", ["expired", "revoked", "owner-deactivated"])
def test_an_expired_revoked_or_orphaned_token_opens_nothing(client, world, tasks, state):
    token = make_token(world.officer)
    record = ApiToken.objects.get()
    if state == "expired":
        record.expires_at = timezone.now() - timedelta(seconds=1)
        record.save()
    elif state == "revoked":
        record.revoke(by=world.admin)
    else:
        world.officer.is_active = False
        world.officer.save()
    assert get(client, TASKS, token).status_code == 401


def test_no_token_no_session_answers_401_not_a_redirect(client):
    assert client.get(TASKS).status_code in (401, 403)
    assert client.get(TASKS).status_code != 302


def test_a_token_narrowed_to_some_operations_reaches_only_those(client, world, tasks):
    token = make_token(world.hq, operation_ids=[world.other_operation.pk])
    assert titles(get(client, TASKS, token)) == {"Mopti convoy"}
    assert get(client, f"{TASKS}{tasks['caf'].reference}/", token).status_code == 404


def test_a_token_loses_what_its_owner_loses(client, world, tasks):
    token = make_token(world.officer)
    assert get(client, f"{TASKS}{tasks['caf'].reference}/", token).status_code == 200
    Membership.objects.filter(user=world.officer, operation=world.operation).delete()
    assert get(client, f"{TASKS}{tasks['caf'].reference}/", token).status_code == 404


def test_a_token_is_refused_outside_its_ip_ranges(client, world, tasks):
    token = make_token(world.officer, allowed_ips="10.0.0.0/8\n2001:db8::/32")
    assert get(client, TASKS, token, REMOTE_ADDR="10.1.2.3").status_code == 200
    response = get(client, TASKS, token, REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 401
    assert "address" in response.json()["detail"]


def test_a_read_only_token_changes_nothing(world, tasks):
    token = make_token(world.officer)
    user, _record = authenticate_token(token, "127.0.0.1")
    from cmcoord.core.access import Action, can

    assert can(user, Action.VIEW, tasks["caf"])
    assert not can(user, Action.CHANGE, tasks["caf"])
    writer, _record = authenticate_token(make_token(world.officer, can_write=True), "127.0.0.1")
    assert can(writer, Action.CHANGE, tasks["caf"])


def test_checking_a_token_costs_one_query(world, django_assert_num_queries):
    """One query finds the token with its owner; the two after it read the owner's standing, as for any request."""
    token = make_token(world.officer)
    ApiToken.objects.update(last_used_at=timezone.now())
    with django_assert_num_queries(1 + 2) as captured:
        authenticate_token(token, "127.0.0.1")
    assert "accounts_apitoken" in captured.captured_queries[0]["sql"]


def test_exports_can_be_fetched_with_a_token(client, world, tasks):
    url = reverse("operation_exports:export", kwargs={"code": "CAF", "name": "tasks", "fmt": "csv"})
    response = get(client, url, make_token(world.officer))
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert "Water points in Kaga-Bandoro" in body.decode("utf-8-sig")
    assert client.get(url).status_code == 302  # without a token or session: the sign-in page
    # A page does not take a token: it asks for the browser's session.
    assert get(client, "/operations/CAF/", make_token(world.officer)).status_code == 302


def test_the_token_is_never_stored_or_logged(client, world, tasks, caplog):
    token = make_token(world.officer)
    secret = token.split("_", 2)[2]
    caplog.set_level(logging.DEBUG)
    get(client, TASKS, token)
    get(client, TASKS, token[:-2] + "zz")
    get(client, "/api/v1/nowhere/", token)
    assert secret not in caplog.text and token not in caplog.text
    stored = ApiToken.objects.values_list("key_id", "digest").get()
    assert secret not in str(stored)


def test_the_api_is_throttled_per_token(client, world, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"token": "2/min", "person": None}}
    token = make_token(world.officer)
    assert [get(client, TASKS, token).status_code for _ in range(2)] == [200, 200]
    response = get(client, TASKS, token)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0


# --- Making and revoking tokens in the browser's pages ------------------------------------------------------


def test_a_token_is_made_after_a_fresh_sign_in_and_shown_once(client, world, login, password):
    page = login(world.officer)
    session = page.session
    session["signed_in_at"] = 0  # long ago
    session.save()
    data = {"name": "Power BI", "days": "90", "can_write": "False", "allowed_ips": ""}
    response = page.post(reverse("api-tokens"), data)
    assert response.status_code == 302 and reverse("confirm-password") in response["Location"]
    assert "not correct" in page.post(response["Location"], {"password": "wrong"}).text
    assert page.post(response["Location"], {"password": password}).status_code == 302
    response = page.post(reverse("api-tokens"), data, follow=True)
    secret = response.context["secret"]
    assert secret.startswith("cmc_") and secret in response.text
    assert "secret" not in str(dict(page.session))  # gone from the session once shown
    listed = page.get(reverse("api-tokens")).text
    assert "Power BI" in listed and secret not in listed
    assert get(client, TASKS, secret).status_code == 200


def test_bad_input_is_explained_and_nothing_made(world, login):
    page = login(world.officer)
    response = page.post(
        reverse("api-tokens"), {"name": "", "days": "9999", "can_write": "maybe", "allowed_ips": "10.0.0.300/8"}
    )
    assert response.status_code == 200
    assert "Not an address or range" in response.text
    assert not ApiToken.objects.exists()


def test_only_its_owner_revokes_a_token_in_the_pages(client, world, login):
    token = make_token(world.officer)
    record = ApiToken.objects.get()
    assert login(world.head).post(reverse("api-token-revoke", args=[record.pk])).status_code == 404
    assert get(client, TASKS, token).status_code == 200
    assert login(world.officer).post(reverse("api-token-revoke", args=[record.pk])).status_code == 302
    client.logout()
    assert get(client, TASKS, token).status_code == 401


# --- Writes with a token --------------------------------------------------------------------------------------


def incident_body(**extra):
    return {
        "operation": "CAF", "title": "Checkpoint on the Kaga-Bandoro road", "occurred_on": "2026-11-20",
        "category": "movement_within", "source": "partner", "sensitivity": "2", **extra,
    }  # fmt: skip


def post(client, url, token, body, **headers):
    import json

    return client.post(
        url, json.dumps(body), content_type="application/json", HTTP_AUTHORIZATION=f"Token {token}", headers=headers
    )


def test_a_read_only_token_may_not_write_and_a_read_write_one_writes_as_its_owner(client, world):
    from incidents.models import AccessIncident

    url = reverse("access-incident-list")
    assert post(client, url, make_token(world.officer), incident_body()).status_code == 403
    response = post(client, url, make_token(world.officer, can_write=True), incident_body())
    assert response.status_code == 201, response.content[:500]
    incident = AccessIncident.objects.get()
    change = incident.history.get()
    assert change.history_user == world.officer
    assert change.history_change_reason == "API token “Script”"  # audited with the token's name


def test_a_token_writes_only_in_its_operations_and_its_owner_s_standing(client, world):
    narrowed = make_token(world.officer, can_write=True, operation_ids=[world.other_operation.pk])
    response = post(client, reverse("access-incident-list"), narrowed, incident_body())
    assert response.status_code == 400 and "operation" in response.json()
    reader = make_token(world.hct, can_write=True)  # a read-write token of a reader writes nothing
    assert post(client, reverse("access-incident-list"), reader, incident_body()).status_code == 403
