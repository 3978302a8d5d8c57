"""Fixtures of the planning tests: one planning document and one MCDA request of CAF per sensitivity level, with
distinct words so that a page can be searched for each without false hits."""

import datetime

import pytest

from tests.factories import MCDARequestFactory, PlanningDocumentFactory, TaskFactory
from tests.support import CONFIDENTIAL, STRICTLY_CONFIDENTIAL, UNCLASSIFIED

DOCUMENT_TITLES = {
    UNCLASSIFIED: "Bangui civil-military guidelines",
    CONFIDENTIAL: "Ouham contingency plan",
    STRICTLY_CONFIDENTIAL: "Vakaga evacuation arrangements",
}
MCDA_TITLES = {
    UNCLASSIFIED: "Airlift of vaccines to Birao",
    CONFIDENTIAL: "Engineering company for the Kaga bridge",
    STRICTLY_CONFIDENTIAL: "Armed escort for the Ndele convoy",
}


@pytest.fixture
def caf_task(world):
    """An Unclassified task of CAF, readable by every standing in CAF (HCT included)."""
    return TaskFactory(operation=world.operation, owner=world.officer, title="Contingency planning for the rains",
                       sensitivity=UNCLASSIFIED)  # fmt: skip


@pytest.fixture
def level_documents(world, caf_task):
    """One CAF planning document per level, all linked to ``caf_task``."""
    documents = {}
    for level, title in DOCUMENT_TITLES.items():
        documents[level] = PlanningDocumentFactory(
            operation=world.operation,
            title=title,
            sensitivity=level,
            kind="contingency",
            status="in_force",
            effective_date=datetime.date(2026, 1, 1),
            review_due=datetime.date(2026, 2, 1),
        )
        documents[level].tasks.add(caf_task)
    return documents


@pytest.fixture
def level_requests(world, caf_task):
    """One CAF MCDA request per level, all serving ``caf_task``, decided on 2026-01-10."""
    return {
        level: MCDARequestFactory(
            operation=world.operation,
            requested=title,
            sensitivity=level,
            task=caf_task,
            decision="approved",
            decided_on=datetime.date(2026, 1, 10),
        )
        for level, title in MCDA_TITLES.items()
    }
