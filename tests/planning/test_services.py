"""The PP-4 flag, the set-up checklist's copy into operations, and the shipped key points."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from cmcoord.operations.calendar import operation_today
from planning import keypoints
from planning.keypoints import key_points
from planning.models import ChecklistItem
from planning.selectors import AssessmentState, assessment_flags, checklist_progress, document_counts
from planning.services import checklist_copy
from tests.factories import ChecklistItemFactory, CountryOperationFactory, PlanningDocumentFactory
from tests.support import STRICTLY_CONFIDENTIAL, UNCLASSIFIED

DAY = datetime.timedelta(days=1)


def assessment(operation, review_due, **fields):
    return PlanningDocumentFactory(
        operation=operation,
        kind="assessment",
        status=fields.pop("status", "in_force"),
        effective_date=datetime.date(2025, 1, 1),
        review_due=review_due,
        **fields,
    )


def state(user, operation):
    """The operation's PP-4 state, read alike by the HQ panel and by the dashboard's count of documents."""
    found = assessment_flags(user, [operation])[operation.pk].state
    assert document_counts(user, operation).flag.state == found
    return found


def test_no_assessment_in_force_flags_the_operation(world):
    assert state(world.officer, world.operation) == AssessmentState.MISSING
    assessment(world.operation, None, status="draft")
    assessment(world.operation, None, status="superseded")
    PlanningDocumentFactory(operation=world.operation, kind="guidelines", status="in_force",
                            effective_date=datetime.date(2025, 1, 1))  # fmt: skip
    assert state(world.officer, world.operation) == AssessmentState.MISSING


def test_an_assessment_is_current_until_the_day_after_its_review_date(world):
    today = operation_today(world.operation)
    document = assessment(world.operation, today - DAY)
    assert state(world.officer, world.operation) == AssessmentState.OVERDUE
    document.review_due = today
    document.save()
    assert state(world.officer, world.operation) == AssessmentState.CURRENT
    document.review_due = None  # no review date: current
    document.save()
    assert state(world.officer, world.operation) == AssessmentState.CURRENT


def test_one_current_assessment_among_older_ones_is_enough(world):
    today = operation_today(world.operation)
    assessment(world.operation, today - 30 * DAY)
    assessment(world.operation, today + 30 * DAY)
    assert state(world.officer, world.operation) == AssessmentState.CURRENT


def test_each_operation_is_judged_by_its_own_date(world):
    """Kiritimati (UTC+14) and Pago Pago (UTC-11) are never on the same date: a review due on Pago Pago's today is
    past in Kiritimati."""
    east = CountryOperationFactory(country="KI", time_zone="Pacific/Kiritimati")
    west = CountryOperationFactory(country="AS", time_zone="Pacific/Pago_Pago")
    # 25 hours apart: one date apart, or two from 10:00 to 11:00 UTC.
    assert operation_today(west) + DAY <= operation_today(east) <= operation_today(west) + 2 * DAY
    due = operation_today(west)
    assessment(east, due)
    assessment(west, due)
    flags = assessment_flags(world.hq, [east, west])
    assert flags[east.pk].state == AssessmentState.OVERDUE
    assert flags[west.pk].state == AssessmentState.CURRENT


def test_every_standing_of_the_operation_gets_the_same_flag(world):
    """Whether a current assessment exists is a count: a Strictly confidential one clears the flag for HCT and HQ
    readers too, who cannot open it."""
    assessment(world.operation, datetime.date(2099, 1, 1), sensitivity=STRICTLY_CONFIDENTIAL)
    for user in (world.officer, world.head, world.hct, world.hq):
        assert state(user, world.operation) == AssessmentState.CURRENT
    assert assessment_flags(world.other_officer, [world.operation])[world.operation.pk].flagged  # counts nothing


# --- The set-up checklist ----------------------------------------------------------------------------------


def test_the_shipped_list_holds_the_field_guides_key_points():
    points = key_points()
    assert len(points) == 15
    assert [point.order for point in points] == list(range(1, 16))
    texts = " ".join(point.text for point in points)
    for words in ("CIMIC", "UN-CMCoord cell", "phasing out military assets", "(MCDA)", "co-existence to cooperation"):
        assert words in texts


def test_a_malformed_list_fails_loudly(tmp_path):
    path = tmp_path / "points.yaml"
    path.write_text("points:\n  - {code: A, text: one}\n  - {code: A, text: two}\n")
    with pytest.raises(ValueError, match="used twice"):
        keypoints.key_points(path)


def test_copy_is_idempotent_and_keeps_the_work_done(world):
    assert checklist_copy(world.operation) == 15
    item = ChecklistItem.objects.get(operation=world.operation, code="SU-04")
    item.status, item.notes = "done", "CIMIC cell of MINUSCA: weekly call"
    item.save()
    assert checklist_copy(world.operation) == 0
    item.refresh_from_db()
    assert (item.status, item.notes) == ("done", "CIMIC cell of MINUSCA: weekly call")
    codes = list(ChecklistItem.objects.filter(operation=world.operation).values_list("code", flat=True))
    assert codes == [point.code for point in key_points()]
    assert ChecklistItem.objects.get(code="SU-01").history.count() == 1  # audited from the start


def test_a_new_edition_adds_only_its_new_points(world, monkeypatch):
    ChecklistItemFactory(operation=world.operation, code="SU-01", text="The wording the office agreed")
    assert checklist_copy(world.operation) == 14
    assert ChecklistItem.objects.get(code="SU-01").text == "The wording the office agreed"
    extra = keypoints.KeyPoint(code="SU-99", order=99, text="A point of a later edition", source="Field guide")
    monkeypatch.setattr("planning.services.key_points", lambda: (*key_points(), extra))
    assert checklist_copy(world.operation) == 1
    assert checklist_copy(world.operation) == 0


def test_closed_operations_get_no_checklist(world):
    world.operation.is_active = False
    world.operation.save()
    assert checklist_copy(world.operation) == 0
    assert not ChecklistItem.objects.exists()


def test_the_command_copies_into_every_active_operation_once(world):
    closed = CountryOperationFactory(country="SD", is_active=False)
    out = StringIO()
    call_command("copy_setup_checklists", stdout=out)
    assert "30 key points copied" in out.getvalue()
    assert ChecklistItem.objects.filter(operation=world.other_operation).count() == 15
    assert not ChecklistItem.objects.filter(operation=closed).exists()
    call_command("copy_setup_checklists", stdout=out)
    assert ChecklistItem.objects.count() == 30


def test_progress_counts_done_of_the_points_that_apply(world):
    checklist_copy(world.operation)
    ChecklistItem.objects.update(sensitivity=UNCLASSIFIED)
    ChecklistItem.objects.filter(code__in=["SU-01", "SU-02", "SU-03"]).update(status="done")
    ChecklistItem.objects.filter(code="SU-15").update(status="not_applicable")
    ChecklistItem.objects.filter(code="SU-01").update(sensitivity=STRICTLY_CONFIDENTIAL)
    progress = checklist_progress(world.hct, world.operation)
    assert progress.started
    assert (progress.done.total, progress.done.restricted, progress.applicable) == (3, 1, 14)
    assert progress.percent == 21
