"""What each standing sees of access incidents beyond the pages, API and export of the record itself, which the
permission matrix of every record type checks (tests/records/test_matrix.py): the list's count of restricted
incidents, an editor's incomplete form, the API's operation filter, a restricted responsible actor, the dashboard
panel, the task and actor pages and the digest section.

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
    STRICTLY_CONFIDENTIAL,
    UNCLASSIFIED,
    VIEW_LEVELS,
    in_mail,
    in_operation,
    section,
)

from .conftest import TITLES

url = in_operation("incidents")


@pytest.mark.parametrize("standing", ["hct", "hq"])
def test_list_says_how_many_incidents_it_does_not_list(world, login, level_incidents, standing):
    response = login(world.by_role(standing)).get(url("list"))
    hidden = 3 - len(VIEW_LEVELS[standing])
    assert f"{hidden} more in this operation" in section(response.text, "incident-count")


@pytest.mark.parametrize("standing", sorted(EDITORS))
def test_an_editors_incomplete_form_is_shown_again_and_saves_nothing(world, login, level_incidents, standing):
    incident = level_incidents[UNCLASSIFIED]
    posted = login(world.by_role(standing)).post(url("edit", pk=incident.pk), {"title": "Taken over", "version": 1})
    assert posted.status_code == 200
    assert not AccessIncident.objects.filter(title="Taken over").exists()


@pytest.mark.parametrize("standing", ["officer", "hq", "hq_limited", "other_officer"])
def test_api_filters_by_operation(world, login, level_incidents, mali_incident, standing):
    """HQ readers and the other officer read Mali's incident too: the operation filter leaves it out."""
    response = login(world.by_role(standing)).get(reverse("access-incident-list"), {"operation": "CAF"})
    assert response.status_code == 200
    titles = {row["title"] for row in response.json()["results"]}
    assert titles == {TITLES[level] for level in API_LEVELS[standing]}


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
    # Action.DIGEST: Unclassified for everyone
    assert in_mail(data["total"]) == {"total": 3, "visible": 1, "restricted": 2}
    assert [c["code"] for c in data["categories"]] == ["movement_within"]
    assert data["actors"] == [{"name": "Kabo Road Authority", "count": 1}]
    assert "Ouham Rebel Front" not in str(data)
    assert not any(title in str(data) for title in TITLES.values())
