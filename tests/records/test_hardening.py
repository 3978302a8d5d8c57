"""Hostile input on every record type's pages, from its declaration: each filter of its list and of its API route, and
each field of its create and edit forms (posted alone among valid values, and all at once), fed the values that once
broke pages elsewhere, answers a page, the form again or a clear 4xx, never a 5xx.

The URL patterns themselves are fuzzed by ``tests/core/test_hardening.py``; the pages an app adds beside the kit's (a
notification's answers, the set-up checklist) are fuzzed in that app.
"""

import pytest
from django import forms
from django.urls import reverse

from tests.core.test_hardening import POSTED_VALUES, filter_requests, server_errors
from tests.support import UNCLASSIFIED, form_values

from .kinds import make
from .test_matrix import TYPES, _id, page

# Posted alone among otherwise valid values: a NUL, an overflow, a digit that is no ASCII digit, a negative number, a
# date Python holds and the database may not.
POSTED_ALONE = ["\x00", "9" * 5000, "²", "-1", "0001-01-01"]


def alone_values(form_class, name):
    """The values to post in field ``name`` alone: free text takes any text (a "-1" or a "²" is just saved, at the
    cost of a save), so it gets the NUL and the overflow only; a choice (of records or of values) refuses every
    value that is not one of its keys by the same path, so it gets those and the "-1" (a key's shape); every other
    field (dates, numbers) gets them all."""
    field = form_class.base_fields.get(name)
    if isinstance(field, forms.CharField):
        return POSTED_ALONE[:2]
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField | forms.ModelMultipleChoiceField):
        return [*POSTED_ALONE[:2], "-1"]
    return POSTED_ALONE


@pytest.fixture
def typed_record(world, request):
    record_type = request.param
    record = make(record_type, operation=world.operation, sensitivity=UNCLASSIFIED, marker="Fuzzed record")
    return record_type, record


@pytest.mark.parametrize("standing", ["officer", "hq"])
@pytest.mark.parametrize("typed_record", TYPES, ids=_id, indirect=True)
def test_no_filter_of_the_list_or_the_api_answers_5xx(client, world, typed_record, standing):
    record_type, _record = typed_record
    client.force_login(world.by_role(standing))
    names = list(record_type.filterset.base_filters)
    requests = filter_requests(page(record_type, "list"), [*names, "page", "sort"], record_type.filterset)
    if record_type.api_prefix:
        # The API reads the same FilterSet: each filter alone is walked on the page, the API's own parameters here.
        own = ["cursor", "page_size", "operation"]
        api_list = reverse(f"{record_type.api_basename}-list")
        requests += filter_requests(api_list, [*names, *own], record_type.filterset, alone=own)
    failures = server_errors(client, requests)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("typed_record", [t for t in TYPES if t.form], ids=_id, indirect=True)
def test_no_form_answers_5xx(client, world, typed_record):
    """Every field with every hostile value at once, on the create and the edit page; and each field alone among
    otherwise valid values with the values of its kind (``alone_values``), these taking turns between the two pages
    (one form class serves both: each value reaches each field's rules once)."""
    record_type, record = typed_record
    client.force_login(world.head)
    client.raise_request_exception = False
    failures, turn = [], 0
    addresses = (page(record_type, "create"), page(record_type, "edit", record=record))
    shown = {address: client.get(address) for address in addresses}
    for address, answer in shown.items():
        assert answer.status_code == 200, address
    valid = {address: form_values(answer.text) for address, answer in shown.items()}
    posts = []
    for address in addresses:
        fields = set(valid[address]) - {"csrfmiddlewaretoken"}
        assert len(fields) >= 3, address
        posts += [(address, dict.fromkeys(fields, value)) for value in POSTED_VALUES]
    for name in sorted((set(valid[addresses[0]]) | set(valid[addresses[1]])) - {"csrfmiddlewaretoken"}):
        for value in alone_values(record_type.form, name):
            offered = [address for address in addresses if name in valid[address]]
            address = offered[turn % len(offered)]
            turn += 1
            posts.append((address, {**valid[address], name: value}))
    for address, data in posts:
        # Posted alone among otherwise valid values, a field reaches the form's and the model's own rules; the
        # version is the stored one, so that an edit that saves does not turn the next ones into conflicts.
        if "version" in valid[address] and data.get("version") == valid[address]["version"]:
            data["version"] = str(record_type.model.objects.get(pk=record.pk).version)
        answer = client.post(address, data)
        if answer.status_code >= 500:
            failures.append(f"{answer.status_code} POST {address} {str(data)[:100]}")
    assert not failures, "\n".join(failures)
