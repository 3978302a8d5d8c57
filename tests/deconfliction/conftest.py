"""Fixtures of the notification tests: one CAF notification per sensitivity level, each notified to one party."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cmcoord.core.choices import Sensitivity
from tests.factories import ActorFactory, NotificationFactory

# Distinct words per level, so that a page can be searched for each title without false hits.
TITLES = {
    Sensitivity.UNCLASSIFIED: "Bangassou food warehouse",
    Sensitivity.CONFIDENTIAL: "Kaga-Bandoro convoy route",
    Sensitivity.STRICTLY_CONFIDENTIAL: "Ndele clinic compound",
}
REFERENCES = {
    Sensitivity.UNCLASSIFIED: "HNS-CAF-2026-0001",
    Sensitivity.CONFIDENTIAL: "HNS-CAF-2026-0002",
    Sensitivity.STRICTLY_CONFIDENTIAL: "HNS-CAF-2026-0003",
}


@pytest.fixture
def party(world):
    """An Unclassified party to the conflict of CAF, so that it never hides a notification's answer by itself."""
    return ActorFactory(
        operation=world.operation, name="Armed group of the north", category="non_state_armed", sensitivity=1
    )


@pytest.fixture
def level_notifications(world, party):
    """One CAF notification per level, submitted 80 hours ago (past the 72-hour default), none answered yet."""
    submitted = timezone.now() - timedelta(hours=80)
    return {
        level: NotificationFactory(
            operation=world.operation,
            sensitivity=level,
            title=TITLES[level],
            reference=REFERENCES[level],
            submitted_at=submitted,
            parties=[party],
        )
        for level in Sensitivity
    }


def notifications_url(name="notification-list", code="CAF", **kwargs):
    """A page of the notifications of the operation ``code``, e.g. ``notifications_url("notification-create")``."""
    return reverse(f"deconfliction:{name}", kwargs={"code": code, **kwargs})


def notification_url(notification, name="notification-detail", code=None, **kwargs):
    """A page of ``notification``; ``code`` reaches it through another operation's address, as a probe would."""
    return reverse(
        f"deconfliction:{name}",
        kwargs={"code": code or notification.operation.code, "reference": notification.reference, **kwargs},
    )


def create_data(party, **changes):
    """What the "New notification" form posts for a plain static site; ``changes`` override or add fields."""
    data = {
        "reference": "HNS-CAF-2026-0100",
        "kind": "static_site",
        "title": "WFP warehouse Bambari",
        "notifying_organisation": "WFP",
        "description": "",
        "submitted_at": timezone.localtime(timezone.now() - timedelta(hours=1), party.operation.time_zone).strftime(
            "%Y-%m-%dT%H:%M"
        ),
        "valid_from": "2026-01-01",
        "valid_to": "2026-12-31",
        "parties": [party.pk],
        "sensitivity": Sensitivity.CONFIDENTIAL,
        "admin1": "Ouaka (CF61)",
        "admin2": "Bambari (CF611)",
        "latitude": "5.756700",
        "longitude": "20.673200",
        "origin": "",
        "destination": "",
        "route": "",
        "tasks": "",
        "mission": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}
