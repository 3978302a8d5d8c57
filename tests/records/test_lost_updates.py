"""No lost update on any record type, from its declaration, nor on an actor: of two people who opened the same edit
form, the second to save is refused (409) with what the first changed listed and their own input kept, and the
record keeps the first save until the second person saves again knowingly."""

import pytest
from django.test import Client

from tests.factories import ActorFactory
from tests.support import UNCLASSIFIED, actors_url, form_values, section

from .kinds import KINDS, make
from .test_matrix import TYPES, _id, page


def two_editors(world, address):
    """The head and an officer, each with the edit form at ``address`` open: (clients, the values each form holds)."""
    head, officer = Client(), Client()
    head.force_login(world.head)
    officer.force_login(world.officer)
    forms = [form_values(client.get(address).text) for client in (head, officer)]
    return (head, officer), forms


def assert_second_save_refused(world, address, field, record):
    (head, officer), (head_form, officer_form) = two_editors(world, address)
    assert head_form["version"] == officer_form["version"] == [str(record.version)]
    saved = head.post(address, {**head_form, field: "Changed by the head of office"})
    assert saved.status_code == 302, saved.context["form"].errors if saved.context else saved.status_code
    refused = officer.post(address, {**officer_form, field: "Changed by the officer"})
    assert refused.status_code == 409
    assert "Changed by the head of office" in section(refused.text, "conflict")
    assert "Changed by the officer" in refused.text  # the officer's input kept on the form
    record.refresh_from_db()
    assert getattr(record, field) == "Changed by the head of office" and record.version == 2
    # Saving again from the refused page is knowing: it carries the version the conflict showed.
    again = officer.post(address, form_values(refused.text))
    assert again.status_code == 302
    record.refresh_from_db()
    assert getattr(record, field) == "Changed by the officer" and record.version == 3


@pytest.mark.parametrize("record_type", [t for t in TYPES if t.form], ids=_id)
def test_the_second_of_two_concurrent_edits_is_refused(world, record_type):
    record = make(record_type, operation=world.operation, sensitivity=UNCLASSIFIED, marker="As first recorded")
    field = KINDS[record_type.model._meta.label_lower][1]
    assert_second_save_refused(world, page(record_type, "edit", record=record), field, record)


def test_the_second_of_two_concurrent_actor_edits_is_refused(world):
    actor = ActorFactory(operation=world.operation, sensitivity=UNCLASSIFIED, description="As first recorded")
    assert_second_save_refused(world, actors_url("actor-edit", pk=actor.pk), "description", actor)
