"""What every record type's import shares: who may import it, and where its list offers it."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tests.imports.conftest import csv_bytes, start_import

# Each type: the list its import is offered on, and a file of one row it would take.
KINDS = {
    "engagements": ("engagements:engagement-list", [["Date", "Summary"], ["2026-03-02", "x"]]),
    "incidents": ("incidents:list", [["Summary"], ["x"]]),
    "trainings": ("trainings:list", [["Title"], ["x"]]),
}


@pytest.mark.parametrize("role", ["hct", "hq", "other_officer", "outsider"])
@pytest.mark.parametrize("kind", KINDS)
def test_who_may_not_import(world, kind, role):
    data = csv_bytes(KINDS[kind][1])
    with pytest.raises(PermissionDenied):
        start_import(world, data, f"{kind}.csv", kind=kind, user=world.by_role(role))


@pytest.mark.parametrize("kind", KINDS)
def test_the_list_offers_the_import_to_who_may_change_it(world, client, kind):
    url = reverse("imports:upload", kwargs={"code": world.operation.code, "kind": kind})
    list_url = reverse(KINDS[kind][0], kwargs={"code": world.operation.code})
    client.force_login(world.officer)
    assert url.encode() in client.get(list_url).content
    assert client.get(url).status_code == 200
    client.force_login(world.hct)
    assert url.encode() not in client.get(list_url).content
    assert client.get(url).status_code == 403
