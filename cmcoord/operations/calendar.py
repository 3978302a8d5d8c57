"""Dates as an operation sees them: its own today (in its time zone, not on the server's clock) and the months
leading up to it, for every app that judges "overdue", "this month" or "the last twelve months"."""

from __future__ import annotations

import datetime

from django.utils import timezone


def operation_today(operation) -> datetime.date:
    """Today's date where the operation works (not on the server's clock)."""
    return timezone.localtime(timezone.now(), operation.time_zone).date()


def months_back(today: datetime.date, count: int = 12) -> list[datetime.date]:
    """The first days of the ``count`` months up to ``today``'s, oldest first."""
    year, month = today.year, today.month
    firsts = []
    for _step in range(count):
        firsts.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return firsts[::-1]
