"""Hostile input on the lists, the API and the forms of planning and preparedness: 4xx or a form error, never 5xx.
(The URL patterns themselves are fuzzed by ``tests/core/test_hardening.py``.)"""

import pytest

from planning.filtersets import MCDARequestFilterSet, PlanningDocumentFilterSet
from planning.models import MCDARequest, PlanningDocument
from tests.core.test_hardening import HOSTILE_VALUES, server_errors
from tests.factories import ChecklistItemFactory, MCDARequestFactory, PlanningDocumentFactory
from tests.support import in_operation

url = in_operation("planning")


@pytest.mark.parametrize("standing", ["officer", "hq"])
def test_no_filter_answers_5xx_to_hostile_values(client, world, standing):
    PlanningDocumentFactory(operation=world.operation)
    MCDARequestFactory(operation=world.operation)
    client.force_login(world.by_role(standing))
    lists = [
        (url("document-list"), [*PlanningDocumentFilterSet.base_filters, "page"]),
        (url("mcda-list"), [*MCDARequestFilterSet.base_filters, "page"]),
        ("/api/v1/planning-documents/", [*PlanningDocumentFilterSet.base_filters, "cursor", "page_size"]),
        ("/api/v1/mcda-requests/", [*MCDARequestFilterSet.base_filters, "cursor", "page_size"]),
    ]
    requests = [
        ("get", address, {name: value}) for address, names in lists for name in names for value in HOSTILE_VALUES
    ]
    assert not server_errors(client, requests)


def test_no_form_answers_5xx_to_hostile_values(client, world):
    document = PlanningDocumentFactory(operation=world.operation)
    request = MCDARequestFactory(operation=world.operation)
    item = ChecklistItemFactory(operation=world.operation)
    client.force_login(world.officer)
    forms = {
        url("document-create"): ["kind", "title", "status", "effective_date", "review_due", "mission", "sensitivity",
                                  "notes", "task_references"],
        url("document-edit", pk=document.pk): ["title", "version", "task_references"],
        url("mcda-create"): ["requested", "asset", "asset_actor", "asset_mission", "purpose", "justification",
                             "requested_on", "decision", "decided_on", "task_reference", "sensitivity"],
        url("mcda-edit", pk=request.pk): ["version", "decided_on"],
        url("checklist-item-edit", pk=item.pk): ["status", "owner", "notes", "sensitivity", "version"],
        url("checklist-item-status", pk=item.pk): ["status", "version"],
    }  # fmt: skip
    requests = [
        ("post", address, {name: value})
        for address, names in forms.items()
        for name in names
        for value in HOSTILE_VALUES
    ]
    assert not server_errors(client, requests)
    assert PlanningDocument.objects.count() == 1
    assert MCDARequest.objects.count() == 1
