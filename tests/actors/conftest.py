"""Fixtures of the actor-registry tests: one task of CAF that actors and missions can be linked to."""

import pytest

from tests.factories import TaskFactory
from tests.support import UNCLASSIFIED


@pytest.fixture
def caf_task(world):
    """An Unclassified task of CAF, readable by every standing in CAF (HCT included)."""
    return TaskFactory(
        operation=world.operation,
        owner=world.officer,
        title="Stakeholder mapping of the Ouham",
        sensitivity=UNCLASSIFIED,
    )
