"""Fixtures of the digest tests: schedules of the ``world``'s operation (CAR, Africa/Bangui) and a way to run
what the services queue once their transaction commits (tasks run in-process without a broker)."""

from datetime import UTC, date, datetime

import pytest

from cmcoord.core.choices import Standing
from digests.choices import Audience, Frequency
from digests.models import DigestSchedule
from digests.sections import available


@pytest.fixture
def make_schedule(world):
    """``make_schedule(**fields)``: an active schedule of CAR, by default a daily HCT digest at 07:00 local sent
    to the HCT members, with every section, produced for periods ending after 2026-03-01."""

    def _make(**fields):
        values = {
            "operation": world.operation,
            "name": "HCT digest",
            "audience": Audience.HCT,
            "frequency": Frequency.DAILY,
            "hour": 7,
            "recipient_roles": [Standing.HCT],
            "sections": [section.key for section in available()],
            "dispatch_from": datetime(2026, 3, 1, tzinfo=UTC),
            "starts_on": date(2026, 3, 1),
        }
        values.update(fields)
        return DigestSchedule.objects.create(**values)

    return _make


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed(): ...`` runs the tasks queued inside once the block ends, as a commit would."""

    def _committed():
        return django_capture_on_commit_callbacks(execute=True)

    return _committed
