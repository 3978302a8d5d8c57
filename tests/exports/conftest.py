"""Records at every sensitivity level in CAF (and one in Mali), named so that a leak is easy to spot."""

from dataclasses import dataclass

import pytest

from tests.factories import (
    ActorAssessmentFactory,
    ActorFactory,
    LiaisonContactFactory,
    MissionFactory,
    ProtectionPriorityFactory,
    TaskFactory,
)
from tests.support import CONFIDENTIAL, STRICTLY_CONFIDENTIAL, UNCLASSIFIED

LEVELS = {"U": UNCLASSIFIED, "C": CONFIDENTIAL, "SC": STRICTLY_CONFIDENTIAL}


@dataclass
class ExportData:
    tasks: dict
    actors: dict
    contacts: dict
    priority: object
    mission: object
    mali_task: object


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def export_data(world):
    caf, mali = world.operation, world.other_operation
    priority = ProtectionPriorityFactory(operation=caf, title="Safe access to markets")
    tasks = {
        key: TaskFactory(
            operation=caf, owner=world.officer, sensitivity=level, title=f"Task-{key}-secret",
            protection_priorities=[priority],
        )
        for key, level in LEVELS.items()
    }  # fmt: skip
    actors = {
        key: ActorFactory(operation=caf, sensitivity=level, name=f"Actor-{key}-secret") for key, level in LEVELS.items()
    }
    contacts = {
        key: LiaisonContactFactory(actor=actors["U"], sensitivity=level, name=f"Contact-{key}-secret")
        for key, level in LEVELS.items()
    }
    # An Unclassified actor whose parent organisation is Strictly confidential: the parent is never named.
    ActorFactory(operation=caf, sensitivity=UNCLASSIFIED, name="Child-U", parent=actors["SC"])
    ActorAssessmentFactory(actor=actors["U"], assessor=world.officer, stance="spoiler", influence=4, interest=2)
    mission = MissionFactory(acronym="MINUSCA", name="MINUSCA mission", operations=[caf, mali])
    mali_task = TaskFactory(operation=mali, owner=world.other_officer, sensitivity=UNCLASSIFIED, title="Mali-task")
    return ExportData(tasks, actors, contacts, priority, mission, mali_task)
