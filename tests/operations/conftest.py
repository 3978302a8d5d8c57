"""Fixtures of the operations tests: the tasks the cross-country dashboard and its export count."""

import pytest

from cmcoord.core.choices import Sensitivity
from protection_tasks.choices import TaskStatus
from tests.factories import TaskFactory

from .hq_support import CONFIDENTIAL_TITLE, SECRET_TITLE, activity, days_ago


@pytest.fixture
def crosscountry_tasks(world):
    """CAF: Analysis has 3 open tasks (2 overdue; one Strictly confidential, one Confidential), Dialogue one task
    completed 5 days ago and one 100 days ago, Advocacy a cancelled task, Capacity Building one completed 100 days
    ago, Planning nothing. Mali: one open Analysis task, one Capacity Building task completed 3 days ago."""
    caf, mli = world.operation, world.other_operation

    def task(operation, code, title, level=Sensitivity.UNCLASSIFIED, status=TaskStatus.PLANNED, **fields):
        owner = world.officer if operation == caf else world.other_officer
        return TaskFactory(
            operation=operation, owner=owner, activity=activity(code), title=title, sensitivity=level, status=status,
            **fields,
        )  # fmt: skip

    task(caf, "AN-1", "Bangassou convoy notification")
    task(caf, "AN-1", SECRET_TITLE, Sensitivity.STRICTLY_CONFIDENTIAL, TaskStatus.IN_PROGRESS, due_date=days_ago(10))
    task(caf, "AN-2", CONFIDENTIAL_TITLE, Sensitivity.CONFIDENTIAL, TaskStatus.ON_HOLD, due_date=days_ago(10))
    task(caf, "DI-1", "Recent dialogue", status=TaskStatus.COMPLETED, completed_on=days_ago(5))
    task(caf, "DI-1", "Old dialogue", Sensitivity.CONFIDENTIAL, TaskStatus.COMPLETED, completed_on=days_ago(100))
    task(caf, "AD-1", "Cancelled advocacy", status=TaskStatus.CANCELLED)
    task(caf, "CB-1", "Old training", status=TaskStatus.COMPLETED, completed_on=days_ago(100))
    task(mli, "AN-1", "Gao water point liaison")
    task(mli, "CB-1", "Mopti workshop", status=TaskStatus.COMPLETED, completed_on=days_ago(3))
