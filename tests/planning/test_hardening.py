"""Hostile input on the set-up checklist's forms: 4xx or a form error, never 5xx. (The URL patterns are fuzzed by
``tests/core/test_hardening.py``; the documents' and MCDA requests' lists, API and forms by
``tests/records/test_hardening.py``, from their declarations.)"""

from tests.core.test_hardening import HOSTILE_VALUES, server_errors
from tests.factories import ChecklistItemFactory
from tests.support import in_operation

url = in_operation("planning")


def test_no_checklist_form_answers_5xx_to_hostile_values(client, world):
    item = ChecklistItemFactory(operation=world.operation)
    client.force_login(world.officer)
    forms = {
        url("checklist-item-edit", pk=item.pk): ["status", "owner", "notes", "sensitivity", "version"],
        url("checklist-item-status", pk=item.pk): ["status", "version"],
    }
    requests = [
        ("post", address, {name: value})
        for address, names in forms.items()
        for name in names
        for value in HOSTILE_VALUES
    ]
    assert not server_errors(client, requests)
