"""When digests fall due: pure calendar arithmetic in the operation's own time zone, with :mod:`zoneinfo`.

A schedule goes out at a local hour on its *send days* (every day, one weekday, every other such weekday, one
day of the month). Each send instant closes a period that began at the previous one: the digest sent on
Monday 07:00 covers Monday 07:00 a week earlier up to that Monday 07:00. Instants are computed per local date,
then converted to UTC, so daylight saving never moves a digest off its local hour and never sends twice:

- the local hour skipped when clocks go forward (02:00 to 03:00 in Paris on the last Sunday of March) is read
  with the offset before the change (``fold=0``), so 02:30 becomes 03:30 summer time: one send, an hour late;
- the hour lived twice when clocks go back takes its first occurrence (``fold=0``): one send, not two;
- a monthly day past the end of a month (the 31st) falls on the month's last day.

No cron expression and no time zone are handed to celery beat: beat runs the dispatcher on a plain UTC
interval, and the dispatcher asks :func:`due_periods` what is due.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .choices import Frequency

# Send days are searched at most this far from a given instant (a monthly schedule needs 31 days, plus margin).
_SEARCH_DAYS = 64


@dataclass(frozen=True)
class Cadence:
    """The calendar rule of a schedule, independent of the database."""

    frequency: str
    hour: int
    time_zone: ZoneInfo
    weekday: int = 0  # weekly and fortnightly
    day_of_month: int = 1  # monthly; past the month's end it falls on the last day
    anchor: date = date(2000, 1, 3)  # fortnightly: send days are whole fortnights from the first one on or after it

    def is_send_day(self, day: date) -> bool:
        if self.frequency == Frequency.DAILY:
            return True
        if self.frequency == Frequency.WEEKLY:
            return day.weekday() == self.weekday
        if self.frequency == Frequency.FORTNIGHTLY:
            if day.weekday() != self.weekday:
                return False
            first = self.anchor + timedelta(days=(self.weekday - self.anchor.weekday()) % 7)
            return (day - first).days % 14 == 0
        if self.frequency == Frequency.MONTHLY:
            last = calendar.monthrange(day.year, day.month)[1]
            return day.day == min(self.day_of_month, last)
        raise ValueError(f"unknown frequency {self.frequency!r}")

    def instant(self, day: date) -> datetime:
        """The UTC instant of the local hour on ``day`` (``fold=0``: see the module's notes on daylight saving)."""
        local = datetime.combine(day, time(self.hour), tzinfo=self.time_zone)
        return local.astimezone(UTC)

    def local_date(self, moment: datetime) -> date:
        return moment.astimezone(self.time_zone).date()


def next_send(cadence: Cadence, after: datetime) -> datetime:
    """The first send instant strictly after ``after``."""
    day = cadence.local_date(after) - timedelta(days=1)
    for _ in range(_SEARCH_DAYS):
        if cadence.is_send_day(day) and (moment := cadence.instant(day)) > after:
            return moment
        day += timedelta(days=1)
    raise ValueError("no send day found")  # pragma: no cover - every frequency has one within 31 days


def previous_send(cadence: Cadence, before: datetime) -> datetime:
    """The last send instant strictly before ``before``."""
    day = cadence.local_date(before) + timedelta(days=1)
    for _ in range(_SEARCH_DAYS):
        if cadence.is_send_day(day) and (moment := cadence.instant(day)) < before:
            return moment
        day -= timedelta(days=1)
    raise ValueError("no send day found")  # pragma: no cover


def period_ending(cadence: Cadence, end: datetime) -> tuple[datetime, datetime]:
    """The period closed by the send instant ``end``: from the previous send instant up to ``end``."""
    return previous_send(cadence, end), end


def next_period(cadence: Cadence, now: datetime) -> tuple[datetime, datetime]:
    """The period the next digest will cover (what a preview shows)."""
    end = next_send(cadence, now)
    return period_ending(cadence, end)


def sends_between(cadence: Cadence, after: datetime, until: datetime) -> Iterator[datetime]:
    """Every send instant in ``(after, until]``, in order."""
    moment = next_send(cadence, after)
    while moment <= until:
        yield moment
        moment = next_send(cadence, moment)


def due_periods(cadence: Cadence, *, after: datetime, now: datetime, limit: int) -> list[tuple[datetime, datetime]]:
    """The periods whose send instant lies in ``(after, now]``, oldest first: those missed while the dispatcher,
    the worker or the broker was down included, but no more than the latest ``limit`` of them."""
    if limit <= 0:
        return []
    after = max(after, now - timedelta(days=31 * (limit + 1)))  # no longer walk than ``limit`` months can need
    ends = list(sends_between(cadence, after, now))[-limit:]
    return [period_ending(cadence, end) for end in ends]
