"""Schedule arithmetic: send instants in the operation's local time, across daylight-saving changes, month ends
and outages. Expected instants are written out by hand in UTC."""

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from digests.choices import Frequency, Weekday
from digests.periods import Cadence, due_periods, next_period, next_send, previous_send, sends_between

PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")
SANTIAGO = ZoneInfo("America/Santiago")
BANGUI = ZoneInfo("Africa/Bangui")


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def sends(cadence, after, until):
    return list(sends_between(cadence, after, until))


def test_daily_at_a_local_hour_in_another_time_zone():
    cadence = Cadence(Frequency.DAILY, hour=7, time_zone=BANGUI)  # UTC+1, no daylight saving
    assert sends(cadence, utc(2026, 5, 1), utc(2026, 5, 3, 12)) == [
        utc(2026, 5, 1, 6),
        utc(2026, 5, 2, 6),
        utc(2026, 5, 3, 6),
    ]


def test_a_period_runs_from_the_previous_send_to_this_one():
    cadence = Cadence(Frequency.WEEKLY, hour=8, time_zone=BANGUI, weekday=Weekday.MONDAY)
    assert next_period(cadence, utc(2026, 5, 6, 12)) == (utc(2026, 5, 4, 7), utc(2026, 5, 11, 7))
    assert previous_send(cadence, utc(2026, 5, 11, 7)) == utc(2026, 5, 4, 7)
    assert next_send(cadence, utc(2026, 5, 11, 7)) == utc(2026, 5, 18, 7)  # strictly after


def test_clocks_going_forward_in_paris_keep_the_local_hour():
    """Last Sunday of March 2026 (29th): 07:00 is 06:00 UTC before, 05:00 UTC after; that period lasts 23 hours."""
    cadence = Cadence(Frequency.DAILY, hour=7, time_zone=PARIS)
    found = sends(cadence, utc(2026, 3, 27), utc(2026, 3, 31))
    assert found == [utc(2026, 3, 27, 6), utc(2026, 3, 28, 6), utc(2026, 3, 29, 5), utc(2026, 3, 30, 5)]
    assert found[2] - found[1] == timedelta(hours=23)
    assert all(moment.astimezone(PARIS).hour == 7 for moment in found)


def test_clocks_going_back_in_paris_keep_the_local_hour():
    """Last Sunday of October 2026 (25th): that period lasts 25 hours."""
    cadence = Cadence(Frequency.DAILY, hour=7, time_zone=PARIS)
    found = sends(cadence, utc(2026, 10, 23), utc(2026, 10, 27))
    assert found == [utc(2026, 10, 23, 5), utc(2026, 10, 24, 5), utc(2026, 10, 25, 6), utc(2026, 10, 26, 6)]
    assert found[2] - found[1] == timedelta(hours=25)


def test_an_hour_skipped_by_daylight_saving_sends_once_an_hour_later():
    """02:00 does not exist in Paris on 2026-03-29: the digest goes at 03:00 summer time (01:00 UTC), once."""
    cadence = Cadence(Frequency.DAILY, hour=2, time_zone=PARIS)
    found = sends(cadence, utc(2026, 3, 28), utc(2026, 3, 30, 12))
    assert found == [utc(2026, 3, 28, 1), utc(2026, 3, 29, 1), utc(2026, 3, 30, 0)]
    assert found[1].astimezone(PARIS).hour == 3


def test_an_hour_lived_twice_sends_once():
    """02:00 happens twice in Paris on 2026-10-25: one digest, at the first 02:00 (00:00 UTC)."""
    cadence = Cadence(Frequency.DAILY, hour=2, time_zone=PARIS)
    found = sends(cadence, utc(2026, 10, 23, 12), utc(2026, 10, 26, 12))
    assert found == [utc(2026, 10, 24, 0), utc(2026, 10, 25, 0), utc(2026, 10, 26, 1)]


def test_weekly_across_both_changes_in_new_york():
    """US changes: 2026-03-08 (second Sunday of March) and 2026-11-01 (first Sunday of November)."""
    cadence = Cadence(Frequency.WEEKLY, hour=9, time_zone=NEW_YORK, weekday=Weekday.MONDAY)
    spring = sends(cadence, utc(2026, 3, 1), utc(2026, 3, 17))
    assert spring == [utc(2026, 3, 2, 14), utc(2026, 3, 9, 13), utc(2026, 3, 16, 13)]
    autumn = sends(cadence, utc(2026, 10, 25), utc(2026, 11, 10))
    assert autumn == [utc(2026, 10, 26, 13), utc(2026, 11, 2, 14), utc(2026, 11, 9, 14)]


def test_midnight_that_does_not_exist_in_santiago():
    """Chile moves its clocks at midnight (2026-09-06 00:00 becomes 01:00): one digest that day, at 01:00."""
    cadence = Cadence(Frequency.DAILY, hour=0, time_zone=SANTIAGO)
    found = sends(cadence, utc(2026, 9, 4, 12), utc(2026, 9, 7, 12))
    days = [moment.astimezone(SANTIAGO).date() for moment in found]
    assert days == [date(2026, 9, 5), date(2026, 9, 6), date(2026, 9, 7)]
    assert found[1].astimezone(SANTIAGO).hour == 1
    assert found[1] == utc(2026, 9, 6, 4)


def test_monthly_on_the_31st_falls_on_each_month_end():
    cadence = Cadence(Frequency.MONTHLY, hour=7, time_zone=BANGUI, day_of_month=31)
    found = sends(cadence, utc(2026, 1, 1), utc(2026, 5, 31, 12))
    assert [moment.date() for moment in found] == [
        date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30), date(2026, 5, 31)
    ]  # fmt: skip
    leap = sends(cadence, utc(2028, 2, 1), utc(2028, 3, 1))
    assert [moment.date() for moment in leap] == [date(2028, 2, 29)]
    # The period closed on 31 March started on the last day of February.
    assert next_period(cadence, utc(2026, 3, 10)) == (utc(2026, 2, 28, 6), utc(2026, 3, 31, 6))


def test_fortnightly_counts_weeks_from_its_first_day():
    cadence = Cadence(Frequency.FORTNIGHTLY, hour=7, time_zone=BANGUI, weekday=Weekday.FRIDAY, anchor=date(2026, 5, 4))
    found = sends(cadence, utc(2026, 5, 1), utc(2026, 6, 30))
    days = [moment.date() for moment in found]
    assert days == [date(2026, 5, 8), date(2026, 5, 22), date(2026, 6, 5), date(2026, 6, 19)]


def test_a_dispatcher_down_for_a_day_gets_each_missed_period_once_in_order():
    cadence = Cadence(Frequency.DAILY, hour=7, time_zone=PARIS)
    last_produced = utc(2026, 3, 27, 6)  # the 27th's digest went out; then nothing ran until the 29th noon
    due = due_periods(cadence, after=last_produced, now=utc(2026, 3, 29, 12), limit=14)
    assert due == [
        (utc(2026, 3, 27, 6), utc(2026, 3, 28, 6)),
        (utc(2026, 3, 28, 6), utc(2026, 3, 29, 5)),
    ]
    # Contiguous: each period starts where the previous ended; running again finds nothing new.
    assert due_periods(cadence, after=due[-1][1], now=utc(2026, 3, 29, 12), limit=14) == []


def test_after_a_long_outage_only_the_latest_periods_are_produced():
    cadence = Cadence(Frequency.DAILY, hour=7, time_zone=BANGUI)
    due = due_periods(cadence, after=utc(2025, 1, 1), now=utc(2026, 3, 20, 12), limit=3)
    assert [end for _, end in due] == [utc(2026, 3, 18, 6), utc(2026, 3, 19, 6), utc(2026, 3, 20, 6)]
    assert due_periods(cadence, after=utc(2026, 3, 1), now=utc(2026, 3, 20), limit=0) == []


@pytest.mark.parametrize("frequency", list(Frequency))
@pytest.mark.parametrize("zone", [PARIS, NEW_YORK, SANTIAGO, BANGUI, ZoneInfo("Asia/Kathmandu")])
def test_a_year_of_periods_is_contiguous_and_each_at_the_local_hour(frequency, zone):
    cadence = Cadence(frequency, hour=2, time_zone=zone, weekday=Weekday.SUNDAY, day_of_month=30)
    found = sends(cadence, utc(2026, 1, 1), utc(2027, 1, 1))
    assert found == sorted(set(found))  # in order, no instant twice
    local_days = [moment.astimezone(zone).date() for moment in found]
    assert len(local_days) == len(set(local_days))  # one send per local day at most
    assert all(moment.astimezone(zone).hour in (2, 3) for moment in found)  # 3 only where 02:00 does not exist
    for earlier, later in pairwise(found):
        assert previous_send(cadence, later) == earlier
