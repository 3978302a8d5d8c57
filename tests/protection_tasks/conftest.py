"""Fixtures of the task-log tests: one CAF task per sensitivity level, and a clock fixed for the operations."""

from datetime import UTC, datetime

import pytest
from django.utils import timezone as django_timezone

from cmcoord.core.choices import Sensitivity
from tests.factories import TaskFactory

# Distinct words per level, so that a page can be searched for each title without false hits.
TITLES = {
    Sensitivity.UNCLASSIFIED: "Bangassou convoy notification",
    Sensitivity.CONFIDENTIAL: "Kaga-Bandoro convoy deconfliction",
    Sensitivity.STRICTLY_CONFIDENTIAL: "Ndele convoy armed-actor contact",
}


def make_level_tasks(world):
    """One CAF task per sensitivity level, owned by the officer, keyed by level."""
    return {
        level: TaskFactory(operation=world.operation, owner=world.officer, sensitivity=level, title=TITLES[level])
        for level in Sensitivity
    }


@pytest.fixture
def level_tasks(world):
    return make_level_tasks(world)


class _FixedClock:
    """Stands in for ``django.utils.timezone`` inside ``cmcoord.operations.calendar`` (``operation_today``)."""

    def __init__(self, moment):
        self.moment = moment

    def now(self):
        return self.moment

    def localtime(self, value=None, timezone=None):
        return django_timezone.localtime(value or self.moment, timezone)


@pytest.fixture
def fix_now(monkeypatch):
    """``fix_now(datetime)`` makes every operation's "today" derive from that UTC moment; returns the clock."""

    def _fix(moment=datetime(2026, 11, 21, 11, 30, tzinfo=UTC)):
        clock = _FixedClock(moment)
        monkeypatch.setattr("cmcoord.operations.calendar.timezone", clock)
        return clock

    return _fix


def activity(code):
    from protection_tasks.models import Activity

    return Activity.objects.get(code=code, operation__isnull=True)


def create_data(owner, **changes):
    """What the "New task" form posts for a plain task; ``changes`` override or add fields."""
    data = {
        "activity": activity("AN-1").pk,
        "title": "Notify the convoy to Bambari",
        "description": "",
        "status": "planned",
        "urgency": 2,
        "owner": owner.pk,
        "sensitivity": Sensitivity.CONFIDENTIAL,
        "start_date": "",
        "due_date": "",
        "admin1": "",
        "admin2": "",
        "outcome": "",
        "repeat": "",
        "repeat_interval": 1,
        "repeat_monthly_mode": "day",
        "repeat_ordinal": "1",
        "repeat_weekday": "MO",
        "repeat_until": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def edit_data(task, **changes):
    """What the edit form of ``task`` posts when nothing is touched, as the page renders it; plus ``changes``."""
    from cmcoord.gazetteer.forms import place_text
    from protection_tasks.forms import _recurrence_initial

    task.refresh_from_db()
    data = {
        "activity": task.activity_id,
        "title": task.title,
        "description": task.description,
        "status": task.status,
        "urgency": task.urgency,
        "owner": task.owner_id,
        "collaborators": [user.pk for user in task.collaborators.all()],
        "protection_priorities": [priority.pk for priority in task.protection_priorities.all()],
        "sensitivity": task.sensitivity,
        "start_date": task.start_date.isoformat() if task.start_date else "",
        "due_date": task.due_date.isoformat() if task.due_date else "",
        "admin1": place_text(task.admin1_name, task.admin1_pcode),
        "admin2": place_text(task.admin2_name, task.admin2_pcode),
        "outcome": task.outcome,
        "version": task.version,
    }
    for key, value in _recurrence_initial(task.recurrence_rule).items():
        data[key] = value.isoformat() if hasattr(value, "isoformat") else value
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}
