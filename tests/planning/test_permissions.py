"""What each standing sees of planning and preparedness beyond the pages, API and export of planning documents and
MCDA requests, which the permission matrix of every record type checks (tests/records/test_matrix.py, with the
closed operation): the set-up checklist (who reaches, starts and changes it, and its items by level), the records
the API names through a request or a document, the API's filters, the operation and HQ dashboard panels, the task
and actor pages and the digest sections.

Expected (README, "Who sees what"): officers and the head read and change every level of their own operation; HQ
readers read up to Confidential; HCT members read Unclassified only and count the rest; nobody else reaches the
operation (404). The API never carries Strictly confidential records. Written out by hand, not read from the policy.
"""

import datetime
from datetime import UTC

import pytest
from django.urls import reverse

from actors.models import Actor
from cmcoord.core.access import audience_access
from digests.sections import DigestScope
from digests.sections import get as get_section
from planning.models import ChecklistItem, MCDARequest
from planning.services import checklist_copy
from tests.factories import (
    ActorFactory,
    ChecklistItemFactory,
    MCDARequestFactory,
    PlanningDocumentFactory,
    TaskFactory,
)
from tests.support import (
    CONFIDENTIAL,
    EDITORS,
    IN_OPERATION,
    STANDINGS,
    STRICTLY_CONFIDENTIAL,
    UNCLASSIFIED,
    VIEW_LEVELS,
    expected_status,
    in_mail,
    in_operation,
    section,
)

from .conftest import DOCUMENT_TITLES, MCDA_TITLES

LEVELS = [UNCLASSIFIED, CONFIDENTIAL, STRICTLY_CONFIDENTIAL]


url = in_operation("planning")


def checklist_urls(item):
    return [url("checklist"), url("checklist-item-edit", pk=item.pk), url("checklist-item-status", pk=item.pk)]


def test_anonymous_is_sent_to_sign_in_from_the_checklist(client, world):
    item = ChecklistItemFactory(operation=world.operation)
    for address in checklist_urls(item):
        for method in (client.get, client.post):
            response = method(address)
            assert response.status_code == 302, address
            assert response["Location"].startswith(reverse("login")), address
    assert ChecklistItem.objects.get(pk=item.pk).version == 1


# --- The set-up checklist -----------------------------------------------------------------------------------


@pytest.mark.parametrize("standing", STANDINGS)
@pytest.mark.parametrize("level", LEVELS)
def test_checklist_item_form_is_for_officers_and_heads(world, login, standing, level):
    item = ChecklistItemFactory(operation=world.operation, sensitivity=level, text=f"Key point at level {level}")
    response = login(world.by_role(standing)).get(url("checklist-item-edit", pk=item.pk))
    assert response.status_code == expected_status(standing, EDITORS)
    if response.status_code != 200:
        assert item.text not in response.text


@pytest.mark.parametrize("standing", sorted(set(STANDINGS) - EDITORS))
def test_readers_and_strangers_cannot_change_the_checklist(world, login, standing):
    client = login(world.by_role(standing))
    expected = expected_status(standing, EDITORS)
    item = ChecklistItemFactory(operation=world.operation, sensitivity=UNCLASSIFIED)
    posts = [
        (url("checklist-item-edit", pk=item.pk), {"status": "done", "sensitivity": UNCLASSIFIED, "version": 1}),
        (url("checklist-item-status", pk=item.pk), {"status": "done", "version": 1}),
    ]
    for address, data in posts:
        assert client.post(address, data).status_code == expected, address
    item.refresh_from_db()
    assert (item.status, item.version) == ("not_started", 1)


def test_a_closed_operations_checklist_is_not_started(world, login):
    """Opening the checklist of a closed operation copies nothing into it."""
    world.operation.is_active = False
    world.operation.save()
    assert login(world.officer).get(url("checklist")).status_code == 200
    assert not ChecklistItem.objects.exists()


@pytest.mark.parametrize("standing", STANDINGS)
def test_checklist_items_by_standing_and_level(world, login, standing):
    checklist_copy(world.operation)
    ChecklistItem.objects.update(sensitivity=UNCLASSIFIED)
    items = {level: ChecklistItem.objects.get(code=f"SU-0{level}") for level in LEVELS}
    for level, item in items.items():
        item.sensitivity, item.notes = level, f"Notes at level {level} only"
        item.save()
    response = login(world.by_role(standing)).get(url("checklist"))
    if standing not in IN_OPERATION:
        assert response.status_code == 404
        assert not any(item.notes in response.text for item in items.values())
        return
    assert response.status_code == 200
    for level, item in items.items():
        assert (item.notes in response.text) is (level in VIEW_LEVELS[standing]), level
        assert (item.text in response.text) is (level in VIEW_LEVELS[standing]), level
    assert ("checklist-status-form" in response.text) is (standing in EDITORS)
    progress = section(response.text, "checklist-progress")
    assert "0 of 15 key points done" in progress
    hidden = 3 - len(VIEW_LEVELS[standing])
    assert (f"{hidden} key point" in progress) is bool(hidden)


@pytest.mark.parametrize("standing", STANDINGS)
def test_only_officers_and_heads_start_the_checklist(world, login, standing):
    """The first visit of an editor copies the key points; a reader's visit writes nothing."""
    response = login(world.by_role(standing)).get(url("checklist"))
    assert response.status_code == (200 if standing in IN_OPERATION else 404)
    copied = ChecklistItem.objects.filter(operation=world.operation).count()
    if standing in EDITORS:
        assert copied == 15
        assert "checklist-not-started" not in response.text
    else:
        assert copied == 0
        if standing in IN_OPERATION:
            assert "checklist-not-started" in response.text
            assert "0 of 15 key points done" in response.text


# --- API --------------------------------------------------------------------------------------------------------


def test_api_names_linked_records_only_where_the_api_may_read_them(world, login, caf_task):
    secret_task = TaskFactory(operation=world.operation, owner=world.officer, sensitivity=STRICTLY_CONFIDENTIAL)
    armed = ActorFactory(operation=world.operation, name="Ouham Rebel Front", sensitivity=CONFIDENTIAL)
    request = MCDARequestFactory(operation=world.operation, sensitivity=UNCLASSIFIED, task=secret_task,
                                 asset_actor=armed)  # fmt: skip
    document = PlanningDocumentFactory(operation=world.operation, sensitivity=UNCLASSIFIED)
    document.tasks.set([caf_task, secret_task])
    officer = login(world.officer)
    row = officer.get(f"/api/v1/mcda-requests/{request.pk}/").json()
    assert row["task"] is None  # Strictly confidential: never through the API, even to its officer
    assert row["asset_actor"] == "Ouham Rebel Front"
    assert officer.get(f"/api/v1/planning-documents/{document.pk}/").json()["tasks"] == [caf_task.reference]
    hct = login(world.hct)
    assert hct.get(f"/api/v1/mcda-requests/{request.pk}/").json()["asset_actor"] is None
    assert "Ouham" not in hct.get("/api/v1/mcda-requests/").text


def test_api_filters_by_operation_and_decision(world, login, level_requests):
    MCDARequestFactory(operation=world.other_operation, requested="Airlift to Kidal", sensitivity=UNCLASSIFIED)
    client = login(world.hq)
    rows = client.get("/api/v1/mcda-requests/?operation=mli").json()["results"]
    assert [row["requested"] for row in rows] == ["Airlift to Kidal"]
    rows = client.get("/api/v1/mcda-requests/?operation=CAF&decision=approved").json()["results"]
    assert {row["requested"] for row in rows} == {MCDA_TITLES[UNCLASSIFIED], MCDA_TITLES[CONFIDENTIAL]}
    assert client.get("/api/v1/mcda-requests/?decision=pending&operation=CAF").json()["results"] == []


# --- Dashboard, HQ dashboard, task and actor pages -------------------------------------------------------


@pytest.mark.parametrize("standing", ["officer", "head", "hct", "hq"])
def test_dashboard_panel_counts_everything_and_names_what_the_reader_opens(world, login, level_documents, standing):
    assessment = PlanningDocumentFactory(
        operation=world.operation, kind="assessment", status="in_force", title="Roles of armed actors 2026",
        effective_date=datetime.date(2026, 1, 1), review_due=datetime.date(2099, 1, 1), sensitivity=CONFIDENTIAL,
    )  # fmt: skip
    page = login(world.by_role(standing)).get(reverse("operations:detail", kwargs={"code": "CAF"})).text
    panel = section(page, "dashboard-planning")
    total = section(panel, "dashboard-documents-total")
    assert "4 planning documents" in total
    visible = len(VIEW_LEVELS[standing]) + (1 if CONFIDENTIAL in VIEW_LEVELS[standing] else 0)
    if visible < 4:
        assert f"{visible} you can open, {4 - visible} restricted" in total
    else:
        assert "you can open" not in total
    assert "pp4-current" in panel  # the flag is the same for every standing: it is a count
    assert (assessment.title in panel) is (CONFIDENTIAL in VIEW_LEVELS[standing])
    assert not any(title in panel for title in DOCUMENT_TITLES.values())


def test_hq_panel_flags_the_readers_operations_only(world, login):
    PlanningDocumentFactory(
        operation=world.operation, kind="assessment", status="in_force", sensitivity=STRICTLY_CONFIDENTIAL,
        effective_date=datetime.date(2025, 1, 1), review_due=datetime.date(2025, 6, 1), title="Old assessment",
    )  # fmt: skip
    for standing, expected in (("hq", {"Central African Republic", "Mali"}), ("hq_limited", {"Mali"}),
                               ("officer", {"Central African Republic"}), ("hct", {"Central African Republic"}),
                               ("other_officer", {"Mali"})):  # fmt: skip
        page = login(world.by_role(standing)).get(reverse("hq:dashboard")).text
        listed = section(page, "hq-pp4-list")
        for name in ("Central African Republic", "Mali"):
            assert (name in listed) is (name in expected), (standing, name)
        assert "Old assessment" not in page
    page = login(world.hq).get(reverse("hq:dashboard")).text
    assert "Central African Republic</a>: CMCoord assessment past its review date" in page
    assert "Mali</a>: No CMCoord assessment in force" in page
    assert login(world.outsider).get(reverse("hq:dashboard")).status_code == 200
    assert "hq-pp4" not in login(world.outsider).get(reverse("hq:dashboard")).text


@pytest.mark.parametrize("standing", ["officer", "hct", "hq"])
def test_task_and_actor_pages_list_the_readable_records(world, login, level_documents, level_requests, caf_task,
                                                         standing):  # fmt: skip
    actor = ActorFactory(operation=world.operation, sensitivity=UNCLASSIFIED)
    MCDARequest.objects.update(asset_actor=actor)
    client = login(world.by_role(standing))
    task_page = client.get(caf_task.get_absolute_url()).text
    panel = section(task_page, "task-planning-panel")
    for level in LEVELS:
        assert (DOCUMENT_TITLES[level] in panel) is (level in VIEW_LEVELS[standing]), level
        assert (MCDA_TITLES[level] in panel) is (level in VIEW_LEVELS[standing]), level
    assert ("Request an MCDA asset" in panel) is (standing in EDITORS)
    actor_page = client.get(reverse("actors:actor-detail", kwargs={"code": "CAF", "pk": actor.pk})).text
    panel = section(actor_page, "actor-mcda-panel")
    for level in LEVELS:
        assert (MCDA_TITLES[level] in panel) is (level in VIEW_LEVELS[standing]), level
    assert Actor.objects.count() == 1


# --- Digest --------------------------------------------------------------------------------------------------


def _digest(world, standing, key):
    """A section as the digest of ``standing``'s audience would carry it, for January 2026."""
    scope = DigestScope(
        operation=world.operation,
        access=audience_access(world.operation, standing),
        start=datetime.datetime(2026, 1, 1, tzinfo=UTC),
        end=datetime.datetime(2026, 2, 1, tzinfo=UTC),
        next_end=datetime.datetime(2026, 3, 1, tzinfo=UTC),
    )
    return get_section(key).build(scope)


@pytest.mark.parametrize("standing", ["officer", "head", "hct", "hq"])
def test_digest_sections_name_unclassified_records_only(world, level_documents, level_requests, standing):
    reviews = _digest(world, standing, "planning-reviews")
    assert in_mail(reviews["count"]) == {"total": 3, "visible": 1, "restricted": 2}  # Action.DIGEST: Unclassified only
    assert [d["title"] for d in reviews["documents"]] == [DOCUMENT_TITLES[UNCLASSIFIED]]
    assert reviews["flagged"] is True  # no CMCoord assessment at all
    decisions = _digest(world, standing, "mcda-decisions")
    approved = next(entry for entry in decisions["decisions"] if entry["label"] == "Approved")
    assert in_mail(approved["count"]) == {"total": 3, "visible": 1, "restricted": 2}
    assert [r["requested"] for r in decisions["requests"]] == [MCDA_TITLES[UNCLASSIFIED]]
    text = str(reviews) + str(decisions)
    for level in (CONFIDENTIAL, STRICTLY_CONFIDENTIAL):
        assert DOCUMENT_TITLES[level] not in text
        assert MCDA_TITLES[level] not in text


def test_digest_leaves_out_decisions_outside_the_period(world, level_requests):
    MCDARequest.objects.update(decided_on=datetime.date(2026, 2, 3))
    decisions = _digest(world, "officer", "mcda-decisions")
    assert all(entry["count"]["total"] == 0 for entry in decisions["decisions"])
    assert decisions["requests"] == []
