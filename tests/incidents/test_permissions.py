"""Who reaches which page of access incidents, and which incidents each standing sees there, in the API, on the
dashboard, on task and actor pages and in the digest.

Expected (README, "Who sees what"): officers and the head read and change every level of their own operation; HQ
readers read up to Confidential; HCT members read Unclassified only and count the rest; nobody else reaches the
operation (404). The API never carries Strictly confidential incidents. A responsible actor is named only to who
may read the actor too.
"""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from cmcoord.core.access import audience_access
from digests.sections import DigestScope
from digests.sections import get as get_section
from incidents.models import AccessIncident
from tests.factories import AccessIncidentFactory, ActorFactory, TaskFactory
from tests.support import (
    API_LEVELS,
    CONFIDENTIAL,
    EDITORS,
    IN_OPERATION,
    STANDINGS,
    STRICTLY_CONFIDENTIAL,
    UNCLASSIFIED,
    VIEW_LEVELS,
    expected_status,
    in_operation,
    section,
)

from .conftest import TITLES

# The levels each standing reads through the API (Strictly confidential never leaves the operation).


url = in_operation("incidents")


def test_anonymous_is_sent_to_sign_in_everywhere(client, world, level_incidents):
    incident = level_incidents[UNCLASSIFIED]
    for address in (url("list"), url("create"), url("detail", pk=incident.pk), url("edit", pk=incident.pk)):
        for method in (client.get, client.post):
            response = method(address)
            assert response.status_code == 302, address
            assert response["Location"].startswith(reverse("login")), address
    response = client.get(reverse("access-incident-list"))
    assert response.status_code in (302, 401, 403)
    assert AccessIncident.objects.count() == 3


@pytest.mark.parametrize("standing", STANDINGS)
def test_list_shows_only_readable_incidents(world, login, level_incidents, standing):
    response = login(world.by_role(standing)).get(url("list"))
    if standing not in IN_OPERATION:
        assert response.status_code == 404
        assert not any(title in response.text for title in TITLES.values())
        return
    assert response.status_code == 200
    for level, title in TITLES.items():
        assert (title in response.text) is (level in VIEW_LEVELS[standing]), (standing, level)
    hidden = 3 - len(VIEW_LEVELS[standing])
    if hidden:
        assert f"{hidden} more in this operation" in section(response.text, "incident-count")


@pytest.mark.parametrize("standing", STANDINGS)
@pytest.mark.parametrize("level", [UNCLASSIFIED, CONFIDENTIAL, STRICTLY_CONFIDENTIAL])
def test_detail_by_standing_and_level(world, login, level_incidents, standing, level):
    response = login(world.by_role(standing)).get(url("detail", pk=level_incidents[level].pk))
    if level in VIEW_LEVELS[standing]:
        assert response.status_code == 200
        assert TITLES[level] in response.text
    else:
        assert response.status_code == 404
        assert TITLES[level] not in response.text


@pytest.mark.parametrize("standing", STANDINGS)
def test_forms_are_for_the_operations_editors(world, login, level_incidents, standing):
    client = login(world.by_role(standing))
    assert client.get(url("create")).status_code == expected_status(standing, EDITORS)
    incident = level_incidents[UNCLASSIFIED]
    response = client.get(url("edit", pk=incident.pk))
    assert response.status_code == expected_status(standing, EDITORS)
    posted = client.post(url("edit", pk=incident.pk), {"title": "Taken over", "version": 1})
    # An editor's incomplete form is shown again with its errors; anyone else is refused. Nothing is saved.
    assert posted.status_code == expected_status(standing, EDITORS)
    assert not AccessIncident.objects.filter(title="Taken over").exists()


def test_another_operations_incident_is_not_found_through_either_address(world, login, mali_incident):
    client = login(world.officer)
    assert client.get(url("detail", pk=mali_incident.pk)).status_code == 404
    assert client.get(url("detail", code="MLI", pk=mali_incident.pk)).status_code == 404
    assert client.get(url("edit", code="CAF", pk=mali_incident.pk)).status_code == 404
    assert "Mali ferry closed" not in client.get(url("list")).text
    assert client.get(reverse("access-incident-detail", kwargs={"pk": mali_incident.pk})).status_code == 404


@pytest.mark.parametrize("standing", STANDINGS)
def test_api_carries_only_what_the_standing_may_read_through_it(world, login, level_incidents, mali_incident, standing):
    client = login(world.by_role(standing))
    response = client.get(reverse("access-incident-list"), {"operation": "CAF"})
    assert response.status_code == 200
    titles = {row["title"] for row in response.json()["results"]}
    assert titles == {TITLES[level] for level in API_LEVELS[standing]}
    for level, incident in level_incidents.items():
        detail = client.get(reverse("access-incident-detail", kwargs={"pk": incident.pk}))
        assert detail.status_code == (200 if level in API_LEVELS[standing] else 404), (standing, level)


def test_a_restricted_responsible_actor_is_never_named(world, login):
    """HQ reads a Confidential incident attributed to a Strictly confidential actor: attributed, not named."""
    actor = ActorFactory(operation=world.operation, name="Ouaka Night Brigade", sensitivity=STRICTLY_CONFIDENTIAL)
    incident = AccessIncidentFactory(operation=world.operation, actor=actor, sensitivity=CONFIDENTIAL)
    for standing in ("hq", "officer"):
        client = login(world.by_role(standing))
        page = client.get(url("detail", pk=incident.pk)).text
        listing = client.get(url("list")).text
        api = client.get(reverse("access-incident-detail", kwargs={"pk": incident.pk})).json()
        named = standing == "officer"
        assert ("Ouaka Night Brigade" in page) is named
        assert ("Ouaka Night Brigade" in listing) is named
        # A Strictly confidential actor never leaves the operation through the API, not even to its officers.
        assert api["actor"] is None
        assert api["actor_restricted"] is True
        if not named:
            assert "restricted" in section(page, "incident-actor")


@pytest.mark.parametrize("standing", ["officer", "head", "hct", "hq"])
def test_dashboard_counts_every_incident_and_names_none(world, login, level_incidents, standing):
    response = login(world.by_role(standing)).get(reverse("operations:detail", kwargs={"code": "CAF"}))
    assert response.status_code == 200
    panel = section(response.text, "dashboard-incidents")
    assert "3 incidents in the last 12 months" in panel
    restricted = 3 - len(VIEW_LEVELS[standing])
    if restricted:
        assert f"{3 - restricted} you can open, {restricted} restricted" in panel
    else:
        assert "you can open" not in panel
    assert not any(title in panel for title in TITLES.values())


@pytest.mark.parametrize("standing", ["officer", "hct", "hq"])
def test_task_and_actor_pages_list_the_readable_incidents(world, login, level_incidents, standing):
    task = TaskFactory(operation=world.operation, owner=world.officer, sensitivity=UNCLASSIFIED)
    actor = ActorFactory(operation=world.operation, sensitivity=UNCLASSIFIED)
    for incident in level_incidents.values():
        incident.tasks.add(task)
        incident.actor = actor
        incident.save()
    client = login(world.by_role(standing))
    task_page = client.get(reverse("protection_tasks:task-detail", kwargs={"code": "CAF", "reference": task.reference}))
    actor_page = client.get(reverse("actors:actor-detail", kwargs={"code": "CAF", "pk": actor.pk}))
    for page, testid in ((task_page, "task-incidents"), (actor_page, "actor-incidents")):
        panel = section(page.text, testid)
        for level, title in TITLES.items():
            assert (title in panel) is (level in VIEW_LEVELS[standing]), (testid, level)
        assert "3 incidents" in panel


def _digest(world, standing):
    """The section as the digest of ``standing``'s audience would carry it, over a period covering every incident."""
    scope = DigestScope(
        operation=world.operation,
        access=audience_access(world.operation, standing),
        start=datetime(2025, 1, 1, tzinfo=UTC),
        end=datetime(2100, 1, 1, tzinfo=UTC),
        next_end=datetime(2100, 2, 1, tzinfo=UTC),
    )
    return get_section("access-incidents").build(scope)


@pytest.mark.parametrize("standing", ["officer", "hct", "hq"])
def test_digest_counts_by_category_and_names_readable_actors_only(world, level_incidents, standing):
    public = ActorFactory(operation=world.operation, name="Kabo Road Authority", sensitivity=UNCLASSIFIED)
    armed = ActorFactory(operation=world.operation, name="Ouham Rebel Front", sensitivity=CONFIDENTIAL)
    level_incidents[UNCLASSIFIED].actor = public
    level_incidents[UNCLASSIFIED].save()
    level_incidents[CONFIDENTIAL].actor = armed
    level_incidents[CONFIDENTIAL].save()
    data = _digest(world, standing)
    assert data["total"] == {"total": 3, "visible": 1, "restricted": 2}  # Action.DIGEST: Unclassified for everyone
    assert [c["code"] for c in data["categories"]] == ["movement_within"]
    assert data["actors"] == [{"name": "Kabo Road Authority", "count": 1}]
    assert "Ouham Rebel Front" not in str(data)
    assert not any(title in str(data) for title in TITLES.values())
