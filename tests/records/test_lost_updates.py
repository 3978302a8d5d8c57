"""No lost update and no undone change, on every record type (from its declaration), on actors and on tasks.

Of two people who opened the same edit form, the second to save is refused (409). The form comes back merged with
what the first saved: a field only the first changed now shows the saved value (so saving again never reverts a
colleague's change the second person did not touch), a field only the second changed keeps their input, and a field
both changed differently is shown side by side and waits for an explicit choice.
"""

import pytest
from django.test import Client

from tests.factories import ActorFactory, TaskFactory
from tests.support import CONFIDENTIAL, UNCLASSIFIED, actors_url, form_values, section, task_url

from .kinds import KINDS, make
from .test_matrix import TYPES, _id, page

EDITABLE = [t for t in TYPES if t.form]


def opened_by_two(world, address):
    """The head of office and an officer, each with the edit form at ``address`` open, and what each form holds."""
    head, officer = Client(), Client()
    head.force_login(world.head)
    officer.force_login(world.officer)
    return (head, officer), [form_values(client.get(address).text) for client in (head, officer)]


def refused_after_the_head_saved(world, address, head_changes, officer_changes):
    (head, officer), (head_form, officer_form) = opened_by_two(world, address)
    assert head_form["version"] == officer_form["version"]
    saved = head.post(address, {**head_form, **head_changes})
    assert saved.status_code == 302, saved.context["form"].errors if saved.context else saved.status_code
    refused = officer.post(address, {**officer_form, **officer_changes})
    assert refused.status_code == 409
    return officer, refused


def the_untouched_field_survives(world, address, record, field):
    """The head changes ``field``; the officer, from an older form, raises the level only: both changes stand."""
    officer, refused = refused_after_the_head_saved(
        world, address, {field: "Changed by the head of office"}, {"sensitivity": str(CONFIDENTIAL)}
    )
    assert "Changed by the head of office" in section(refused.text, "conflict")
    merged = form_values(refused.text)
    assert "Changed by the head of office" in merged[field][0]  # the form now shows the saved value
    assert merged["sensitivity"] == [str(CONFIDENTIAL)]  # and keeps the officer's own change
    assert 'data-testid="conflict-choices"' not in refused.text  # nothing to choose: nobody changed the same field
    assert officer.post(address, merged).status_code == 302
    record.refresh_from_db()
    assert getattr(record, field) == "Changed by the head of office" and record.sensitivity == CONFIDENTIAL


@pytest.mark.parametrize("record_type", EDITABLE, ids=_id)
def test_a_second_save_never_reverts_a_field_its_author_did_not_touch(world, record_type):
    record = make(record_type, operation=world.operation, sensitivity=UNCLASSIFIED, marker="As first recorded")
    field = KINDS[record_type.model._meta.label_lower][1]
    the_untouched_field_survives(world, page(record_type, "edit", record=record), record, field)


def test_an_actor_edit_merges_the_same_way(world):
    actor = ActorFactory(operation=world.operation, sensitivity=UNCLASSIFIED, description="As first recorded")
    the_untouched_field_survives(world, actors_url("actor-edit", pk=actor.pk), actor, "description")


def test_a_task_edit_merges_the_same_way(world):
    task = TaskFactory(operation=world.operation, owner=world.officer, sensitivity=UNCLASSIFIED, outcome="")
    the_untouched_field_survives(world, task_url(task, "task-edit"), task, "outcome")


@pytest.mark.parametrize("choice", ["mine", "theirs"])
@pytest.mark.parametrize("record_type", EDITABLE[:2], ids=_id)
def test_a_field_both_changed_waits_for_a_choice(world, record_type, choice):
    record = make(record_type, operation=world.operation, sensitivity=UNCLASSIFIED, marker="As first recorded")
    field = KINDS[record_type.model._meta.label_lower][1]
    address = page(record_type, "edit", record=record)
    officer, refused = refused_after_the_head_saved(
        world, address, {field: "Changed by the head of office"}, {field: "Changed by the officer"}
    )
    choices = section(refused.text, "conflict-choices")
    assert "Changed by the head of office" in choices and "Changed by the officer" in choices
    merged = form_values(refused.text)
    assert "Changed by the officer" in merged[field][0]  # the officer's input is kept until they choose
    undecided = officer.post(address, merged)
    assert undecided.status_code == 409 and "choose which value to keep" in undecided.text
    record.refresh_from_db()
    assert getattr(record, field) == "Changed by the head of office"
    decided = officer.post(address, {**form_values(undecided.text), f"keep-{field}": choice})
    assert decided.status_code == 302
    record.refresh_from_db()
    expected = {"mine": "Changed by the officer", "theirs": "Changed by the head of office"}[choice]
    assert getattr(record, field) == expected and record.version == 3


def test_links_someone_else_changed_survive_too(world):
    """The history keeps no links: the form carries them as it was opened, and the merge starts from those."""
    task = TaskFactory(operation=world.operation, owner=world.officer, sensitivity=UNCLASSIFIED, outcome="")
    address = task_url(task, "task-edit")
    officer, refused = refused_after_the_head_saved(
        world, address, {"collaborators": [str(world.head.pk)]}, {"outcome": "Checkpoint lifted."}
    )
    assert "Collaborators" in section(refused.text, "conflict")
    merged = form_values(refused.text)
    assert merged["collaborators"] == [str(world.head.pk)] and merged["outcome"] == ["Checkpoint lifted."]
    assert officer.post(address, merged).status_code == 302
    task.refresh_from_db()
    assert list(task.collaborators.all()) == [world.head] and task.outcome == "Checkpoint lifted."


def test_links_both_changed_wait_for_a_choice(world):
    engagement = make_engagement(world)
    address = page(engagement_type(), "edit", record=engagement)
    first, second = ActorFactory(operation=world.operation), ActorFactory(operation=world.operation)
    officer, refused = refused_after_the_head_saved(
        world, address, {"actors": [str(first.pk)]}, {"actors": [str(second.pk)]}
    )
    choices = section(refused.text, "conflict-choices")
    assert first.name in choices and second.name in choices
    decided = officer.post(address, {**form_values(refused.text), "keep-actors": "theirs"})
    assert decided.status_code == 302
    assert list(engagement.actors.all()) == [first]


def engagement_type():
    return next(t for t in TYPES if t.model._meta.label_lower == "engagements.engagement")


def make_engagement(world):
    return make(engagement_type(), operation=world.operation, sensitivity=UNCLASSIFIED, marker="As first recorded")
