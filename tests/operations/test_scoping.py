"""restrict(user, action): the matrix of standings by sensitivity levels by actions, on records and operations."""

import pytest
from django.contrib.auth.models import AnonymousUser

from cmcoord.core.access import Action
from cmcoord.core.choices import Sensitivity
from cmcoord.core.scoping import OutOfScope, save_within_scope
from cmcoord.operations.models import CountryOperation, Membership
from tests.scopedapp.models import Note, NoteComment
from tests.support import CONFIDENTIAL, STRICTLY_CONFIDENTIAL, UNCLASSIFIED


@pytest.fixture
def notes(world):
    """One note per level in each operation, titled '<country> <level>'."""
    made = {}
    for operation in (world.operation, world.other_operation):
        for level in Sensitivity:
            note = Note.objects.create(operation=operation, sensitivity=level, title=f"{operation.country} {level}")
            NoteComment.objects.create(note=note, text=f"comment on {note.title}")
            made[(operation.country.code, level)] = note
    return made


def titles(queryset):
    return {note.title for note in queryset}


# (standing, action) -> the notes visible, as (country, level) pairs. CF is the world's operation, ML the other.
EXPECTED = {
    ("officer", Action.VIEW): {("CF", UNCLASSIFIED), ("CF", CONFIDENTIAL), ("CF", STRICTLY_CONFIDENTIAL)},
    ("head", Action.VIEW): {("CF", UNCLASSIFIED), ("CF", CONFIDENTIAL), ("CF", STRICTLY_CONFIDENTIAL)},
    ("hct", Action.VIEW): {("CF", UNCLASSIFIED)},
    ("hq", Action.VIEW): {("CF", UNCLASSIFIED), ("CF", CONFIDENTIAL), ("ML", UNCLASSIFIED), ("ML", CONFIDENTIAL)},
    ("hq_limited", Action.VIEW): {("ML", UNCLASSIFIED), ("ML", CONFIDENTIAL)},
    ("other_officer", Action.VIEW): {("ML", UNCLASSIFIED), ("ML", CONFIDENTIAL), ("ML", STRICTLY_CONFIDENTIAL)},
    ("outsider", Action.VIEW): set(),
    ("admin", Action.VIEW): set(),
    ("officer", Action.CHANGE): {("CF", UNCLASSIFIED), ("CF", CONFIDENTIAL), ("CF", STRICTLY_CONFIDENTIAL)},
    ("head", Action.CHANGE): {("CF", UNCLASSIFIED), ("CF", CONFIDENTIAL), ("CF", STRICTLY_CONFIDENTIAL)},
    ("hct", Action.CHANGE): set(),
    ("hq", Action.CHANGE): set(),
    ("outsider", Action.CHANGE): set(),
    ("officer", Action.EXPORT): {("CF", UNCLASSIFIED), ("CF", CONFIDENTIAL)},
    ("hct", Action.EXPORT): {("CF", UNCLASSIFIED)},
    ("hq", Action.EXPORT): {("CF", UNCLASSIFIED), ("ML", UNCLASSIFIED)},
    ("officer", Action.API): {("CF", UNCLASSIFIED), ("CF", CONFIDENTIAL)},
    ("hq", Action.API): {("CF", UNCLASSIFIED), ("CF", CONFIDENTIAL), ("ML", UNCLASSIFIED), ("ML", CONFIDENTIAL)},
    ("hct", Action.API): {("CF", UNCLASSIFIED)},
    ("officer", Action.DIGEST): {("CF", UNCLASSIFIED)},
    ("hq", Action.DIGEST): {("CF", UNCLASSIFIED), ("ML", UNCLASSIFIED)},
    ("hct", Action.COUNT): {("CF", UNCLASSIFIED), ("CF", CONFIDENTIAL), ("CF", STRICTLY_CONFIDENTIAL)},
    ("hq_limited", Action.COUNT): {("ML", UNCLASSIFIED), ("ML", CONFIDENTIAL), ("ML", STRICTLY_CONFIDENTIAL)},
    ("outsider", Action.COUNT): set(),
}


@pytest.mark.parametrize(("standing", "action"), EXPECTED.keys())
def test_records_matrix(world, notes, standing, action):
    expected = {notes[key].title for key in EXPECTED[(standing, action)]}
    user = world.by_role(standing)
    assert titles(Note.objects.restrict(user, action)) == expected
    # Child records follow their parent's operation and sensitivity through the same mechanism.
    comments = {c.text.removeprefix("comment on ") for c in NoteComment.objects.restrict(user, action)}
    assert comments == expected


def test_anonymous_reaches_nothing(world, notes):
    for action in Action:
        assert not Note.objects.restrict(AnonymousUser(), action).exists()
        assert not CountryOperation.objects.restrict(AnonymousUser(), action).exists()


@pytest.mark.parametrize(
    ("standing", "view", "change", "manage"),
    [
        ("officer", {"CF"}, {"CF"}, set()),
        ("head", {"CF"}, {"CF"}, {"CF"}),
        ("hct", {"CF"}, set(), set()),
        ("hq", {"CF", "ML"}, set(), set()),
        ("hq_limited", {"ML"}, set(), set()),
        ("other_officer", {"ML"}, {"ML"}, set()),
        ("outsider", set(), set(), set()),
        ("admin", set(), set(), set()),
    ],
)
def test_operations_matrix(world, standing, view, change, manage):
    """Change: work on the operation's records (officers, heads). Manage: its set-up, members first (heads)."""
    user = world.by_role(standing)
    assert {op.country.code for op in CountryOperation.objects.restrict(user, Action.VIEW)} == view
    assert {op.country.code for op in CountryOperation.objects.restrict(user, Action.CHANGE)} == change
    assert {op.country.code for op in CountryOperation.objects.restrict(user, Action.MANAGE)} == manage
    assert {m.operation.country.code for m in Membership.objects.restrict(user, Action.VIEW)} == view
    assert {m.operation.country.code for m in Membership.objects.restrict(user, Action.CHANGE)} == manage


def test_closed_operation_records_cannot_be_changed(world, notes):
    world.operation.is_active = False
    world.operation.save()
    assert not Note.objects.restrict(world.officer, Action.CHANGE).exists()
    assert Note.objects.restrict(world.officer, Action.VIEW).count() == 3


def test_save_moving_a_record_out_of_scope_is_rolled_back(world, notes):
    note = notes[("CF", UNCLASSIFIED)]
    note.operation = world.other_operation
    note.title = "moved"
    with pytest.raises(OutOfScope):
        save_within_scope(world.officer, note)
    note.refresh_from_db()
    assert note.operation == world.operation
    assert note.title == "CF 1"


def test_save_within_scope_keeps_a_valid_change(world, notes):
    note = notes[("CF", STRICTLY_CONFIDENTIAL)]
    note.title = "renamed"
    save_within_scope(world.officer, note)
    note.refresh_from_db()
    assert note.title == "renamed"


def test_hct_member_cannot_save_even_an_unclassified_record(world, notes):
    note = notes[("CF", UNCLASSIFIED)]
    note.title = "edited by HCT"
    with pytest.raises(OutOfScope):
        save_within_scope(world.hct, note)
    note.refresh_from_db()
    assert note.title == "CF 1"


def test_restrict_is_one_query_whatever_the_number_of_operations(world, django_assert_max_num_queries):
    from tests.factories import COUNTRIES, CountryOperationFactory, MembershipFactory

    for code in COUNTRIES[2:]:
        operation = CountryOperationFactory(country=code)
        MembershipFactory(operation=operation, user=world.officer)
        Note.objects.create(operation=operation, sensitivity=STRICTLY_CONFIDENTIAL, title=code)
    world.officer.refresh_from_db()
    with django_assert_max_num_queries(3):  # two to read the profile, one for the notes
        assert len(list(Note.objects.restrict(world.officer, Action.VIEW))) == len(COUNTRIES) - 2


LEVEL_CODES = {UNCLASSIFIED: "U", CONFIDENTIAL: "C", STRICTLY_CONFIDENTIAL: "SC"}


@pytest.mark.parametrize(
    ("standing", "visible"),
    [("officer", {"U", "C", "SC"}), ("hq", {"U", "C"}), ("hct", {"U"}), ("other_officer", set())],
)
def test_a_record_showing_others_is_never_more_visible_than_they_are(world, notes, standing, visible):
    from tests.scopedapp.models import NoteLink

    source = notes[("CF", UNCLASSIFIED)]
    for level in Sensitivity:
        # Each link is itself Unclassified; the level of the note it points at decides who may see it.
        NoteLink.objects.create(
            operation=world.operation, sensitivity=UNCLASSIFIED, source=source, target=notes[("CF", level)]
        )
    links = NoteLink.objects.restrict(world.by_role(standing), Action.VIEW).select_related("target")
    assert {LEVEL_CODES[link.target.sensitivity] for link in links} == visible


# --- The re-check of many records saved in one transaction (an import), one query a chunk -----------------------


def test_a_deferred_re_check_refuses_the_chunk_holding_a_record_out_of_scope_and_the_transaction_keeps_nothing(
    world, notes
):
    from django.db import transaction

    from cmcoord.core.scoping import ScopeCheck

    inside, moved = notes[("CF", CONFIDENTIAL)], notes[("CF", UNCLASSIFIED)]
    checks = ScopeCheck(world.officer, Action.CHANGE)
    with pytest.raises(OutOfScope), transaction.atomic():
        inside.title = "kept only if the chunk passes"
        save_within_scope(world.officer, inside, checks=checks)
        moved.operation, moved.title = world.other_operation, "moved"
        save_within_scope(world.officer, moved, checks=checks)  # written: the check comes with the chunk
        assert Note.objects.get(pk=moved.pk).title == "moved"
        checks.flush()
    assert {Note.objects.get(pk=inside.pk).title, Note.objects.get(pk=moved.pk).title} == {"CF 2", "CF 1"}
    assert Note.objects.get(pk=moved.pk).operation == world.operation


def test_a_deferred_re_check_passes_what_the_single_one_passes_in_one_query_for_a_full_chunk(world, notes):
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from cmcoord.core.scoping import ScopeCheck

    checks = ScopeCheck(world.officer, Action.CHANGE, size=3)
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        for level in Sensitivity:
            note = notes[("CF", level)]
            note.title = f"renamed {level}"
            save_within_scope(world.officer, note, checks=checks)  # the third fills the chunk: checked at once
        assert len(checks) == 0
    reads = [q["sql"] for q in queries if q["sql"].startswith("SELECT") and '"scopedapp_note"' in q["sql"]]
    assert len(reads) == 1  # three records, one re-check
    assert titles(Note.objects.filter(operation=world.operation)) == {f"renamed {level}" for level in Sensitivity}


def test_a_deferred_re_check_needs_a_transaction_and_its_own_user(world, notes, monkeypatch):
    from django.db import connections, transaction

    from cmcoord.core.scoping import ScopeCheck

    note = notes[("CF", UNCLASSIFIED)]
    with monkeypatch.context() as patched, pytest.raises(RuntimeError):  # nothing could roll the write back
        patched.setattr(connections["default"], "in_atomic_block", False)
        save_within_scope(world.officer, note, checks=ScopeCheck(world.officer))
    with pytest.raises(ValueError), transaction.atomic():
        save_within_scope(world.hct, note, checks=ScopeCheck(world.officer))
    with pytest.raises(ValueError), transaction.atomic():
        save_within_scope(world.officer, note, action=Action.VIEW, checks=ScopeCheck(world.officer))
