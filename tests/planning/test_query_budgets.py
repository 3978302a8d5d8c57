"""Query budgets of planning and preparedness: a fixed number of queries whatever the number of records (or, on the
HQ dashboard, of operations). Data is bulk-created so that the budget, not the setup, is what the test measures.
Each budget is the count at the time of writing plus a small margin."""

import datetime
from datetime import UTC

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cmcoord.core.access import access_for, audience_access
from cmcoord.operations.crosscountry import CrossCountryScope
from digests.sections import DigestScope
from digests.sections import get as get_section
from planning.models import ChecklistItem, MCDARequest, PlanningDocument
from planning.panels import crosscountry_assessment_flags, operation_dashboard_checklist, operation_dashboard_planning
from planning.services import checklist_copy
from protection_tasks.models import Task
from tests.factories import ActorFactory, CountryOperationFactory, TaskFactory, reserve_references
from tests.support import CONFIDENTIAL, STRICTLY_CONFIDENTIAL, UNCLASSIFIED, in_operation

KINDS = ["assessment", "guidelines", "contingency", "conduct"]
LEVELS = [UNCLASSIFIED, CONFIDENTIAL, STRICTLY_CONFIDENTIAL]


def _tasks(world, count):
    references = reserve_references(world.operation, count)
    return Task.objects.bulk_create(
        TaskFactory.build(operation=world.operation, owner=world.officer, reference=reference, sensitivity=UNCLASSIFIED)
        for reference in references
    )


def _documents(operation, count, tasks=()):
    documents = PlanningDocument.objects.bulk_create(
        PlanningDocument(
            operation=operation, kind=KINDS[n % 4], title=f"Document {n:03d}", status="in_force",
            effective_date=datetime.date(2026, 1, 1), review_due=datetime.date(2026, 1, 1) + datetime.timedelta(n),
            sensitivity=LEVELS[n % 3],
        )
        for n in range(count)
    )  # fmt: skip
    links = PlanningDocument.tasks.through
    links.objects.bulk_create(
        links(planningdocument_id=document.pk, task_id=task.pk) for document in documents for task in tasks
    )
    return documents


def _requests(operation, count, task=None, actor=None):
    return MCDARequest.objects.bulk_create(
        MCDARequest(
            operation=operation, requested=f"Request {n:03d}", asset="Mi-8", purpose="Relief", time_critical=True,
            requested_on=datetime.date(2026, 1, 5), decision="approved" if n % 2 else "pending",
            decided_on=datetime.date(2026, 1, 10) if n % 2 else None, task=task, asset_actor=actor,
            sensitivity=LEVELS[n % 3],
        )
        for n in range(count)
    )  # fmt: skip


url = in_operation("planning")


@pytest.mark.parametrize("standing", ["officer", "hct", "hq"])
def test_list_budgets(world, login, django_assert_max_num_queries, standing):
    tasks = _tasks(world, 3)
    _documents(world.operation, 300, tasks)
    _requests(world.operation, 300, task=tasks[0])
    client = login(world.by_role(standing))
    with django_assert_max_num_queries(12):
        response = client.get(url("document-list"))
    assert response.text.count('data-testid="document-row"') == 50
    with django_assert_max_num_queries(12):
        response = client.get(url("mcda-list"))
    assert response.text.count('data-testid="mcda-row"') == 50
    with django_assert_max_num_queries(12):
        response = client.get(url("mcda-list") + "?decision=approved&justification=time_critical&page=last")
    assert response.status_code == 200


def test_detail_and_form_budgets(world, login, django_assert_max_num_queries):
    tasks = _tasks(world, 200)
    actor = ActorFactory(operation=world.operation)
    document = _documents(world.operation, 1, tasks)[0]
    request = _requests(world.operation, 1, task=tasks[0], actor=actor)[0]
    client = login(world.officer)
    for address in (url("document-detail", pk=document.pk), url("document-edit", pk=document.pk),
                    url("mcda-detail", pk=request.pk), url("mcda-edit", pk=request.pk)):  # fmt: skip
        with django_assert_max_num_queries(16):
            assert client.get(address).status_code == 200, address


@pytest.mark.parametrize("standing", ["officer", "hct"])
def test_checklist_page_budget(world, login, django_assert_max_num_queries, standing):
    checklist_copy(world.operation)
    ChecklistItem.objects.update(owner=world.officer, notes="Notes", sensitivity=UNCLASSIFIED)
    client = login(world.by_role(standing))
    with django_assert_max_num_queries(11):
        response = client.get(url("checklist"))
    assert response.text.count('data-testid="checklist-item"') == 15


def test_api_budgets(world, login, django_assert_max_num_queries):
    tasks = _tasks(world, 3)
    actor = ActorFactory(operation=world.operation)
    _documents(world.operation, 300, tasks)
    _requests(world.operation, 300, task=tasks[0], actor=actor)
    client = login(world.hq)
    with django_assert_max_num_queries(8):
        documents = client.get("/api/v1/planning-documents/?page_size=200").json()
    with django_assert_max_num_queries(9):
        requests = client.get("/api/v1/mcda-requests/?page_size=200").json()
    assert len(documents["results"]) == len(requests["results"]) == 200
    assert documents["results"][0]["tasks"] == sorted(task.reference for task in tasks)


def _panel_queries(builder, request, subject):
    with CaptureQueriesContext(connection) as queries:
        builder(request, subject)
    return len(queries)


@pytest.fixture
def request_of(rf):
    def make(user):
        request = rf.get("/")
        request.user = user
        return request

    return make


def test_dashboard_panels_cost_the_same_for_3_and_300_records(world, request_of):
    request = request_of(world.hct)
    _documents(world.operation, 3)
    _requests(world.operation, 3)
    checklist_copy(world.operation)
    builders = (operation_dashboard_planning, operation_dashboard_checklist)
    access_for(world.hct)  # the reader's standings, read once per request whatever the panels
    few = [_panel_queries(builder, request, world.operation) for builder in builders]
    _documents(world.operation, 300)
    _requests(world.operation, 300)
    many = [_panel_queries(builder, request_of(world.hct), world.operation) for builder in builders]
    assert few == many
    assert many == [2, 1]  # the documents by kind and status with the flag, the MCDA requests; the checklist


def test_dashboard_page_costs_the_same_for_3_and_300_records(world, login):
    client = login(world.hq)
    address = reverse("operations:detail", kwargs={"code": "CAF"})
    _documents(world.operation, 3)
    _requests(world.operation, 3)
    client.get(address)
    with CaptureQueriesContext(connection) as few:
        assert client.get(address).status_code == 200
    _documents(world.operation, 300)
    _requests(world.operation, 300)
    with CaptureQueriesContext(connection) as many:
        assert client.get(address).status_code == 200
    assert len(few) == len(many)


def test_hq_panel_is_one_query_for_any_number_of_operations(world, request_of, django_assert_num_queries):
    operations = [world.operation, world.other_operation]
    for code in ["SD", "SS", "CD", "YE", "SO", "AF", "NE", "BF", "TD", "NG", "CM", "LY", "IQ", "SY", "LB", "HT"]:
        operation = CountryOperationFactory(country=code)
        _documents(operation, 20)
        operations.append(operation)
    scope = CrossCountryScope(operations=operations, start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31))
    access_for(world.hq)  # the reader's standings, read once per request whatever the panels
    with django_assert_num_queries(1):
        panel = crosscountry_assessment_flags(request_of(world.hq), scope)
    assert panel.context["shown"] == 18


@pytest.mark.parametrize("key", ["planning-reviews", "mcda-decisions"])
def test_digest_section_budgets(world, django_assert_max_num_queries, key):
    _documents(world.operation, 300)
    _requests(world.operation, 300)
    scope = DigestScope(
        operation=world.operation,
        access=audience_access(world.operation, "hct"),
        start=datetime.datetime(2026, 1, 1, tzinfo=UTC),
        end=datetime.datetime(2026, 2, 1, tzinfo=UTC),
        next_end=datetime.datetime(2026, 3, 1, tzinfo=UTC),
    )
    with django_assert_max_num_queries(3):
        data = get_section(key).build(scope)
    assert data
