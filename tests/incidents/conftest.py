"""Fixtures of the access-incident tests: one CAF incident per sensitivity level, with distinct titles."""

import pytest

from tests.factories import AccessIncidentFactory
from tests.support import CONFIDENTIAL, STRICTLY_CONFIDENTIAL, UNCLASSIFIED

# Distinct words per level, so that a page can be searched for each title without false hits.
TITLES = {
    UNCLASSIFIED: "Bridge at Kabo washed away",
    CONFIDENTIAL: "Convoy stopped at Batangafo checkpoint",
    STRICTLY_CONFIDENTIAL: "Driver detained near Ndele",
}


@pytest.fixture
def level_incidents(world):
    """One CAF incident per level, all in the current month (so that the dashboard counts them)."""
    from cmcoord.operations.calendar import operation_today

    today = operation_today(world.operation)
    return {
        level: AccessIncidentFactory(operation=world.operation, title=title, sensitivity=level, occurred_on=today)
        for level, title in TITLES.items()
    }


@pytest.fixture
def mali_incident(world):
    return AccessIncidentFactory(operation=world.other_operation, title="Mali ferry closed", sensitivity=UNCLASSIFIED)
