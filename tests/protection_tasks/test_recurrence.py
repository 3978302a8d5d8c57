"""Recurring tasks: rules from friendly choices and back, and the job that creates the next occurrences.

The clock is fixed at 2026-11-21 11:30 UTC (a Saturday; the CAF operation works in Africa/Bangui, UTC+1), and
occurrences are created up to TASK_RECURRENCE_LEAD_DAYS (7) ahead: up to 2026-11-28.
"""

from datetime import UTC, date, datetime, timedelta

import pytest

from cmcoord.core.choices import Role, Sensitivity
from protection_tasks import recurrence, services
from protection_tasks.choices import EntryKind, TaskStatus
from protection_tasks.models import Task, TimelineEntry
from protection_tasks.tasks import create_recurring_occurrences
from tests.factories import MembershipFactory, ProtectionPriorityFactory, TaskFactory, reserve_references
from tests.support import following_references, task_log_url, task_url

from .conftest import create_data, edit_data

NOW = datetime(2026, 11, 21, 11, 30, tzinfo=UTC)

# --- Rules and words ---------------------------------------------------------------------------------

RULES = [
    # (friendly choices, RRULE, words)
    (
        {"frequency": "MONTHLY", "monthly_mode": "weekday", "ordinal": "1", "weekday": "MO"},
        "FREQ=MONTHLY;BYDAY=1MO",
        "Monthly on the first Monday",
    ),
    (
        {"frequency": "MONTHLY", "monthly_mode": "weekday", "ordinal": "-1", "weekday": "FR"},
        "FREQ=MONTHLY;BYDAY=-1FR",
        "Monthly on the last Friday",
    ),
    ({"frequency": "WEEKLY", "weekdays": ["TH", "MO"]}, "FREQ=WEEKLY;BYDAY=MO,TH", "Weekly on Monday, Thursday"),
    ({"frequency": "WEEKLY", "interval": 2}, "FREQ=WEEKLY;INTERVAL=2", "Every 2 weeks"),
    (
        {"frequency": "MONTHLY", "until": date(2027, 6, 30)},
        "FREQ=MONTHLY;UNTIL=20270630",
        "Monthly until 2027-06-30",
    ),
    (
        {"frequency": "WEEKLY", "interval": 2, "weekdays": ["WE"], "until": date(2027, 1, 31)},
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;UNTIL=20270131",
        "Every 2 weeks on Wednesday until 2027-01-31",
    ),
    ({"frequency": "DAILY"}, "FREQ=DAILY", "Daily"),
    ({"frequency": "YEARLY", "interval": 3}, "FREQ=YEARLY;INTERVAL=3", "Every 3 years"),
]


@pytest.mark.parametrize(("choices", "rule", "words"), RULES, ids=[r[1] for r in RULES])
def test_build_describe_split(choices, rule, words):
    assert recurrence.build_rule(**choices) == rule
    assert recurrence.describe(rule) == words
    # split gives back choices that rebuild the same rule.
    assert recurrence.build_rule(**recurrence.split(rule)) == rule


def test_split_of_the_first_monday():
    assert recurrence.split("FREQ=MONTHLY;BYDAY=1MO") == {
        "frequency": "MONTHLY",
        "interval": 1,
        "monthly_mode": "weekday",
        "ordinal": "1",
        "weekday": "MO",
    }
    assert recurrence.split("FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20270131") == {
        "frequency": "WEEKLY",
        "interval": 1,
        "weekdays": ["MO", "TH"],
        "until": date(2027, 1, 31),
    }


def test_no_repetition():
    assert recurrence.build_rule(frequency="") == ""
    assert recurrence.describe("") == ""
    assert recurrence.split("") == {"frequency": ""}


def test_dates_of_the_first_monday_of_each_month():
    # 2026-11-02 is the first Monday of November 2026.
    rule = "FREQ=MONTHLY;BYDAY=1MO"
    dates = recurrence.dates_between(rule, date(2026, 11, 2), date(2026, 11, 2), date(2027, 2, 28))
    assert dates == [date(2026, 12, 7), date(2027, 1, 4), date(2027, 2, 1)]
    # The end is inclusive: 2027-03-01 is the first Monday of March.
    assert recurrence.dates_between(rule, date(2026, 11, 2), date(2027, 2, 1), date(2027, 3, 1)) == [date(2027, 3, 1)]


def test_dates_stop_at_until():
    dates = recurrence.dates_between(
        "FREQ=WEEKLY;INTERVAL=2;UNTIL=20261220", date(2026, 11, 2), date(2026, 11, 2), date(2027, 3, 1)
    )
    assert dates == [date(2026, 11, 16), date(2026, 11, 30), date(2026, 12, 14)]


# --- The occurrence job --------------------------------------------------------------------------------


@pytest.fixture
def series(world, fix_now):
    """A CAF task due Thursday 2026-11-19, repeating on Mondays and Thursdays; next due: 23rd and 26th."""
    fix_now(NOW)
    priority = ProtectionPriorityFactory(operation=world.operation, title="Freedom of movement")
    # Collaborators who read the series at its level (Confidential): the head and a second officer.
    world.second_officer = MembershipFactory(operation=world.operation, role=Role.OFFICER).user
    task = TaskFactory(
        operation=world.operation,
        owner=world.officer,
        assigned_by=world.head,
        title="Civil-military liaison meeting",
        description="Twice-weekly meeting with the force's liaison cell",
        sensitivity=Sensitivity.CONFIDENTIAL,
        urgency=3,
        start_date=date(2026, 11, 17),
        due_date=date(2026, 11, 19),
        admin1_name="Ouaka",
        admin1_pcode="CF63",
        recurrence_rule="FREQ=WEEKLY;BYDAY=MO,TH",
        protection_priorities=[priority],
        collaborators=[world.head, world.second_officer],
    )
    task.priority_record = priority
    return task


def test_creates_the_occurrences_within_the_lead_days(world, series):
    assert services.recurring_tasks_create_occurrences() == 2
    occurrences = list(Task.objects.filter(series=series).order_by("due_date"))
    assert [o.due_date for o in occurrences] == [date(2026, 11, 23), date(2026, 11, 26)]
    # The series' span from start to due date is kept.
    assert [o.start_date for o in occurrences] == [date(2026, 11, 21), date(2026, 11, 24)]
    # The next numbers of the operation's year, after the series' own.
    assert [o.reference for o in occurrences] == following_references(series.reference, 2)
    for occurrence in occurrences:
        assert occurrence.operation == world.operation
        assert occurrence.owner == world.officer
        assert occurrence.assigned_by == world.head
        assert occurrence.title == series.title
        assert occurrence.description == series.description
        assert occurrence.sensitivity == Sensitivity.CONFIDENTIAL
        assert occurrence.urgency == 3
        assert (occurrence.admin1_name, occurrence.admin1_pcode) == ("Ouaka", "CF63")
        assert occurrence.status == TaskStatus.PLANNED
        assert occurrence.recurrence_rule == ""  # an occurrence does not repeat itself
        assert set(occurrence.collaborators.all()) == {world.head, world.second_officer}
        assert list(occurrence.protection_priorities.all()) == [series.priority_record]
        entry = TimelineEntry.objects.get(task=occurrence)
        assert entry.kind == EntryKind.CREATED
        assert entry.author is None
        assert entry.text == f"Created from the recurring task {series.reference}."


def test_running_twice_creates_nothing_more(series):
    assert services.recurring_tasks_create_occurrences() == 2
    assert services.recurring_tasks_create_occurrences() == 0
    assert Task.objects.filter(series=series).count() == 2
    assert TimelineEntry.objects.count() == 2


def test_the_next_day_brings_the_next_occurrence(series, fix_now):
    assert services.recurring_tasks_create_occurrences() == 2
    fix_now(NOW + timedelta(days=2))  # Monday 23rd: the horizon reaches Monday 30th
    assert services.recurring_tasks_create_occurrences() == 1
    due_dates = [date(2026, 11, 23), date(2026, 11, 26), date(2026, 11, 30)]
    assert list(Task.objects.filter(series=series).order_by("due_date").values_list("due_date", "reference")) == list(
        zip(due_dates, following_references(series.reference, 3), strict=True)
    )


def test_celery_task_is_idempotent(series):
    assert create_recurring_occurrences.apply().get() == 2
    assert create_recurring_occurrences.apply().get() == 0
    assert Task.objects.filter(series=series).count() == 2


def test_cancelled_series_creates_nothing(series):
    Task.objects.filter(pk=series.pk).update(status=TaskStatus.CANCELLED)
    assert services.recurring_tasks_create_occurrences() == 0
    series.refresh_from_db()
    assert services.recurring_series_create_occurrences(series) == []
    assert not Task.objects.filter(series=series).exists()


def test_closed_operation_creates_nothing(world, series):
    world.operation.is_active = False
    world.operation.save()
    assert create_recurring_occurrences.apply().get() == 0
    assert not Task.objects.filter(series=series).exists()


def test_one_off_task_creates_nothing(world, fix_now):
    fix_now(NOW)
    TaskFactory(operation=world.operation, owner=world.officer, due_date=date(2026, 11, 19))
    assert services.recurring_tasks_create_occurrences() == 0
    assert Task.objects.count() == 1


def test_until_in_the_past_creates_nothing(series):
    Task.objects.filter(pk=series.pk).update(recurrence_rule="FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20261120")
    assert services.recurring_tasks_create_occurrences() == 0


def test_a_long_running_series_keeps_producing_occurrences(world, series):
    """A weekly series that started 64 weeks ago and has had every occurrence created on time must still get
    the next one. (Occurrences are recomputed from the series' first date at every run.)"""
    first = date(2025, 9, 4)  # a Thursday, 64 weeks before the fixed "today"
    Task.objects.filter(pk=series.pk).update(
        recurrence_rule="FREQ=WEEKLY", start_date=first - timedelta(days=2), due_date=first
    )
    past = []
    due = first + timedelta(weeks=1)
    while due <= date(2026, 11, 19):
        past.append(due)
        due += timedelta(weeks=1)
    Task.objects.bulk_create(
        TaskFactory.build(
            operation=world.operation,
            series=series,
            reference=reference,
            activity=series.activity,
            title=series.title,
            owner=world.officer,
            due_date=day,
            status=TaskStatus.COMPLETED,
            completed_on=day,
        )
        for reference, day in zip(reserve_references(world.operation, len(past)), past, strict=True)
    )
    assert len(past) == 63
    created = services.recurring_tasks_create_occurrences()
    assert Task.objects.filter(series=series, due_date=date(2026, 11, 26)).exists()
    assert created == 1


def test_editing_a_recurring_task_keeps_its_rule(world, login, series):
    Task.objects.filter(pk=series.pk).update(recurrence_rule="FREQ=MONTHLY;BYDAY=1MO")
    client = login(world.officer)
    url = task_url(series, "task-edit")
    page = client.get(url)
    form = page.context["form"]
    assert form.initial["repeat"] == "MONTHLY"
    assert form.initial["repeat_monthly_mode"] == "weekday"
    response = client.post(url, edit_data(series, title="Monthly liaison meeting"))
    assert response.status_code == 302
    series.refresh_from_db()
    assert series.recurrence_rule == "FREQ=MONTHLY;BYDAY=1MO"
    detail = client.get(series.get_absolute_url())
    assert "Monthly on the first Monday" in detail.text


def test_recurrence_chosen_in_the_form(world, login, fix_now):
    fix_now(NOW)
    response = login(world.officer).post(
        task_log_url("task-create"),
        create_data(
            world.officer,
            due_date="2026-11-19",
            repeat="WEEKLY",
            repeat_interval=2,
            repeat_weekdays=["MO", "TH"],
            repeat_until="2027-03-31",
        ),
    )
    assert response.status_code == 302
    task = Task.objects.get()
    assert task.recurrence_rule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;UNTIL=20270331"


def test_recurrence_needs_a_date_to_count_from(world, login):
    response = login(world.officer).post(task_log_url("task-create"), create_data(world.officer, repeat="DAILY"))
    assert response.status_code == 200
    assert response.context["form"].errors["due_date"] == ["A recurring task needs a due date to count from."]
    assert not Task.objects.exists()
