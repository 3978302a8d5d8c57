"""One permission and sensitivity matrix for every record type of the kit, from its declaration: anonymous, another
operation (through either address), each standing by each level, on the list, the detail, the forms, the API, the
export and the navigation; who may not change a record posts in vain, and a closed operation is read, not changed.

Behaviour of one record type (its dashboard panel, its digest section, its workflow) is tested in its app. The
expectations are those of tests/support.py, written by hand from the README's "Who sees what".
"""

import json

import pytest
from django.urls import reverse

from cmcoord.records import record_types
from tests.exports.support import content_of, export_url
from tests.support import (
    API_LEVELS,
    CONFIDENTIAL,
    EDITORS,
    EXPORT_LEVELS,
    IN_OPERATION,
    STANDINGS,
    STRICTLY_CONFIDENTIAL,
    UNCLASSIFIED,
    VIEW_LEVELS,
    expected_status,
)

from .kinds import KINDS, make

LEVELS = (UNCLASSIFIED, CONFIDENTIAL, STRICTLY_CONFIDENTIAL)
MALI_READERS = {"hq", "hq_limited", "other_officer"}  # the API reads across the reader's operations
TYPES = record_types()


def _id(record_type):
    return record_type.model._meta.label_lower


def page(record_type, name, code="CAF", record=None):
    """A page of the type in operation ``code``; of ``record`` (by the type's key) for its detail and edit pages."""
    kwargs = {"code": code}
    if record is not None:
        kwargs[record_type.key] = getattr(record, record_type.key)
    return reverse(record_type.url_name(name), kwargs=kwargs)


@pytest.fixture
def records_at_levels(world, request):
    """One record of the type per level in CAF, and one Unclassified in Mali, each marked with a unique text."""
    record_type = request.param
    made = {
        level: make(record_type, operation=world.operation, sensitivity=level, marker=f"Matrix marker {level}")
        for level in LEVELS
    }
    made["mali"] = make(record_type, operation=world.other_operation, sensitivity=UNCLASSIFIED, marker="Mali marker")
    return record_type, made


def marker(level):
    return f"Matrix marker {level}"


def test_every_record_type_is_in_the_matrix():
    assert {t.model._meta.label_lower for t in TYPES} <= set(KINDS)
    assert "recordkit.sitevisit" in {t.model._meta.label_lower for t in TYPES}


@pytest.mark.parametrize("records_at_levels", TYPES, ids=_id, indirect=True)
def test_anonymous_is_sent_to_sign_in(client, records_at_levels):
    record_type, made = records_at_levels
    public = made[UNCLASSIFIED]
    addresses = [page(record_type, "list"), page(record_type, "detail", record=public)]
    if record_type.form is not None:
        addresses += [page(record_type, "create"), page(record_type, "edit", record=public)]
    for address in addresses:
        for method in (client.get, client.post):
            response = method(address)
            assert response.status_code == 302 and response["Location"].startswith(reverse("login")), address
            assert marker(UNCLASSIFIED) not in response.content.decode()
    if record_type.api_prefix:
        for api in (
            reverse(f"{record_type.api_basename}-list"),
            reverse(f"{record_type.api_basename}-detail", kwargs={"pk": public.pk}),
        ):
            response = client.get(api)
            assert response.status_code in (401, 403), api
            assert marker(UNCLASSIFIED) not in response.content.decode()
    assert record_type.model.objects.count() == len(made)  # nothing was created
    public.refresh_from_db()
    assert public.sensitivity == UNCLASSIFIED


@pytest.mark.parametrize("standing", STANDINGS)
@pytest.mark.parametrize("records_at_levels", TYPES, ids=_id, indirect=True)
def test_pages_by_standing_and_level(world, login, records_at_levels, standing):
    record_type, made = records_at_levels
    client = login(world.by_role(standing))
    listing = client.get(page(record_type, "list"))
    assert listing.status_code == (200 if standing in IN_OPERATION else 404)
    assert "Mali marker" not in listing.text
    for level in LEVELS:
        readable = level in VIEW_LEVELS[standing]
        assert (made[level].get_absolute_url() in listing.text) is readable, (standing, level)
        if not readable:
            assert marker(level) not in listing.text, (standing, level)
        detail = client.get(page(record_type, "detail", record=made[level]))
        assert detail.status_code == (200 if readable else 404), (standing, level)
        assert (marker(level) in detail.text) is readable
    if standing not in IN_OPERATION:  # the 404 does not tell a stranger the operation exists
        assert world.operation.name not in listing.text
    if record_type.key != "pk":  # a hidden record's reference is not shown either
        for level in LEVELS:
            reference = str(getattr(made[level], record_type.key))
            assert (reference in listing.text) is (level in VIEW_LEVELS[standing]), (standing, level)
    # A record is found through its own operation's address only, and there by who reads that operation only.
    assert client.get(page(record_type, "detail", code="MLI", record=made[UNCLASSIFIED])).status_code == 404
    mali = made["mali"]
    for code in ("CAF", "MLI"):
        reads = code == "MLI" and standing in MALI_READERS
        detail = client.get(page(record_type, "detail", code=code, record=mali))
        assert detail.status_code == (200 if reads else 404), (standing, code)
        assert ("Mali marker" in detail.text) is reads
        if record_type.form is not None and not reads:
            # CAF's editors look for it in CAF and do not find it; CAF's readers may not edit there at all.
            refused = 404 if code == "MLI" or standing in EDITORS else expected_status(standing, EDITORS)
            edit = page(record_type, "edit", code=code, record=mali)
            assert client.get(edit).status_code == refused, (standing, code)
            assert client.post(edit, {"sensitivity": STRICTLY_CONFIDENTIAL}).status_code == refused, (standing, code)
    mali.refresh_from_db()
    assert mali.sensitivity == UNCLASSIFIED
    if record_type.form is not None:
        assert client.get(page(record_type, "create")).status_code == expected_status(standing, EDITORS)
        for level in LEVELS:
            edit = client.get(page(record_type, "edit", record=made[level]))
            assert edit.status_code == expected_status(standing, EDITORS), (standing, level)
            assert (marker(level) in edit.text) is (standing in EDITORS)
    nav = listing.text if standing in IN_OPERATION else client.get(reverse("home")).text
    assert (f'href="{page(record_type, "list")}"' in nav) is (standing in IN_OPERATION)


@pytest.mark.parametrize("standing", STANDINGS)
@pytest.mark.parametrize("records_at_levels", TYPES, ids=_id, indirect=True)
def test_api_and_export_by_standing_and_level(world, login, records_at_levels, standing):
    record_type, made = records_at_levels
    client = login(world.by_role(standing))
    if record_type.api_prefix:
        response = client.get(reverse(f"{record_type.api_basename}-list"))
        assert response.status_code == 200
        ids = {row["id"] for row in response.json()["results"]}
        expected = {made[level].pk for level in API_LEVELS[standing]}
        assert ids == expected | ({made["mali"].pk} if standing in MALI_READERS else set()), standing
        for level in LEVELS:
            detail = client.get(reverse(f"{record_type.api_basename}-detail", kwargs={"pk": made[level].pk}))
            assert detail.status_code == (200 if level in API_LEVELS[standing] else 404), (standing, level)
        detail = client.get(reverse(f"{record_type.api_basename}-detail", kwargs={"pk": made["mali"].pk}))
        assert detail.status_code == (200 if standing in MALI_READERS else 404), standing
    if record_type.export_name:
        response = client.get(export_url(record_type.export_name, "json"))
        if standing not in IN_OPERATION:
            assert response.status_code == 404
            return
        assert response.status_code == 200
        rows = json.loads(content_of(response))
        assert {row["id"] for row in rows} == {made[level].pk for level in EXPORT_LEVELS[standing]}, standing
        csv = content_of(client.get(export_url(record_type.export_name, "csv"))).decode()
        assert csv.splitlines()[1].startswith("#")  # the HXL row
        field = KINDS[record_type.model._meta.label_lower][1]
        marked = any(column.exported and column.value == field for column in record_type.table.columns)
        for level in LEVELS:
            assert (marker(level) in csv) is (marked and level in EXPORT_LEVELS[standing]), (standing, level)
        assert "Mali marker" not in csv


@pytest.mark.parametrize("standing", sorted(set(STANDINGS) - EDITORS))
@pytest.mark.parametrize("records_at_levels", [t for t in TYPES if t.form], ids=_id, indirect=True)
def test_who_may_not_change_cannot_post(world, login, records_at_levels, standing):
    record_type, made = records_at_levels
    model = record_type.model
    client = login(world.by_role(standing))
    before = model.objects.count()
    response = client.post(page(record_type, "create"), {"sensitivity": UNCLASSIFIED})
    assert response.status_code == expected_status(standing, EDITORS)
    edit = client.post(page(record_type, "edit", record=made[UNCLASSIFIED]), {"sensitivity": STRICTLY_CONFIDENTIAL})
    assert edit.status_code == expected_status(standing, EDITORS)
    assert marker(UNCLASSIFIED) not in edit.content.decode()
    assert model.objects.count() == before
    made[UNCLASSIFIED].refresh_from_db()
    assert made[UNCLASSIFIED].sensitivity == UNCLASSIFIED


@pytest.mark.parametrize("records_at_levels", TYPES, ids=_id, indirect=True)
def test_a_closed_operation_is_read_not_changed(world, login, records_at_levels):
    record_type, made = records_at_levels
    world.operation.is_active = False
    world.operation.save()
    client = login(world.officer)
    assert client.get(page(record_type, "list")).status_code == 200
    for level in LEVELS:
        assert client.get(page(record_type, "detail", record=made[level])).status_code == 200, level
    if record_type.form is not None:
        before = record_type.model.objects.count()
        assert client.get(page(record_type, "create")).status_code == 403
        assert client.post(page(record_type, "create"), {"sensitivity": UNCLASSIFIED}).status_code == 403
        edit = page(record_type, "edit", record=made[CONFIDENTIAL])
        assert client.get(edit).status_code == 403
        assert client.post(edit, {"sensitivity": STRICTLY_CONFIDENTIAL}).status_code == 403
        assert record_type.model.objects.count() == before
        made[CONFIDENTIAL].refresh_from_db()
        assert made[CONFIDENTIAL].sensitivity == CONFIDENTIAL
