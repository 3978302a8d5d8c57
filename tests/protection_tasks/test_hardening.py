"""The task log against odd input: recurring tasks never flood the log, dates stay within reason, titles keep no
bidirectional controls, activity codes fit an address."""

from datetime import date, timedelta

import pytest
from django.conf import settings

from cmcoord.operations.calendar import operation_today
from protection_tasks import services
from protection_tasks.models import Activity, Task, TaskArea
from tests.factories import TaskFactory
from tests.support import task_log_url

from .conftest import create_data

CREATE = task_log_url("task-create")


# --- Recurring tasks: bounded backfill -------------------------------------------------------------------


def daily_series(world, due):
    task = TaskFactory(operation=world.operation, owner=world.officer, recurrence_rule="FREQ=DAILY")
    Task.objects.filter(pk=task.pk).update(due_date=due)  # as stored before forms refused such dates
    return Task.objects.get(pk=task.pk)


def test_a_daily_series_due_in_year_one_creates_no_occurrences(world, fix_now):
    fix_now()
    series = daily_series(world, date(1, 1, 1))
    for _hour in range(3):
        assert services.recurring_tasks_create_occurrences() == 0
    assert not series.occurrences.exists()


def test_a_series_that_started_long_ago_gets_only_its_recent_occurrences(world, fix_now):
    fix_now()
    today = operation_today(world.operation)
    series = daily_series(world, today - timedelta(days=300))
    created = services.recurring_tasks_create_occurrences()
    dates = sorted(series.occurrences.values_list("due_date", flat=True))
    earliest = today - timedelta(days=settings.TASK_RECURRENCE_BACKFILL_DAYS)
    assert dates[0] == earliest
    assert dates[-1] == today + timedelta(days=settings.TASK_RECURRENCE_LEAD_DAYS)
    assert created == len(dates) == settings.TASK_RECURRENCE_BACKFILL_DAYS + settings.TASK_RECURRENCE_LEAD_DAYS + 1
    assert services.recurring_tasks_create_occurrences() == 0  # the next hour brings nothing more


def test_the_backfill_window_is_a_setting(world, fix_now, settings):
    fix_now()
    settings.TASK_RECURRENCE_BACKFILL_DAYS = 0
    settings.TASK_RECURRENCE_LEAD_DAYS = 0
    today = operation_today(world.operation)
    series = daily_series(world, today - timedelta(days=40))
    assert services.recurring_tasks_create_occurrences() == 1
    assert list(series.occurrences.values_list("due_date", flat=True)) == [today]


# --- Dates within reason -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("due_date", "0001-01-01"),
        ("due_date", "2101-01-01"),
        ("start_date", "1999-12-31"),
        ("repeat_until", "9999-12-31"),
    ],
)
def test_a_date_outside_2000_to_2100_is_refused_with_a_clear_message(world, login, field, value):
    data = create_data(world.officer, repeat="DAILY", **{"due_date": "2026-11-30", field: value})
    response = login(world.officer).post(CREATE, data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == ["Choose a date between 2000-01-01 and 2100-12-31."]
    assert response.context["form"]["title"].value() == "Notify the convoy to Bambari"  # the input is kept
    assert not Task.objects.exists()


def test_full_clean_refuses_a_date_outside_the_range(world):
    task = TaskFactory.build(operation=world.operation, owner=world.officer, reference="CAF-2026-0001")
    task.due_date = date(1, 1, 1)
    with pytest.raises(Exception, match="Choose a date between"):
        task.full_clean()


# --- Titles keep no bidirectional controls --------------------------------------------------------------


def test_a_task_title_posted_with_a_right_to_left_override_is_stored_without_it(world, login):
    title = "Convoy \u202eilabmaB\u202c to Bambari \u2067x\u2069"
    response = login(world.officer).post(CREATE, create_data(world.officer, title=title))
    assert response.status_code == 302
    assert Task.objects.get().title == "Convoy ilabmaB to Bambari x"


# --- Activity codes fit an address --------------------------------------------------------------------------


def local_activity(code):
    return {"area": TaskArea.objects.get(number=1).pk, "code": code, "name": "Brief the county", "description": "-"}


@pytest.mark.parametrize("code", ["CAF 1/2", "CAF?1", "CAF-1-", "CAF/1", "ÇAF-1", "CAF&X=1"])
def test_a_local_activity_code_that_cannot_be_part_of_an_address_is_refused(world, login, code):
    response = login(world.head).post(task_log_url("activity-create"), local_activity(code))
    assert response.status_code == 200
    assert "Use capital letters and digits" in " ".join(response.context["form"].errors["code"])
    assert not Activity.objects.filter(operation=world.operation).exists()


def test_the_log_a_task_link_of_a_local_activity_preselects_it(world, login):
    client = login(world.head)
    assert client.post(task_log_url("activity-create"), local_activity("caf-2.1")).status_code == 302
    local = Activity.objects.get(operation=world.operation)
    assert local.code == "CAF-2.1"
    assert f"?activity={local.code}" in client.get(task_log_url("catalogue")).text
    page = client.get(CREATE, {"activity": local.code})
    assert page.context["form"].initial["activity"] == local.pk


@pytest.mark.parametrize("url", [CREATE, task_log_url("task-list"), task_log_url("catalogue")])
def test_a_nul_byte_in_the_activity_link_is_a_clear_400(world, login, url):
    response = login(world.officer).get(url, {"activity": "AN-1\x00"})
    assert response.status_code == 400
    assert "contains a character that cannot be used" in response.text
