"""Fixtures of the engagement tests: actors of CAF (an armed group and a civilian), one engagement and one key
message per sensitivity level, each with words of its own so that a page can be searched for them."""

import pytest
from django.urls import reverse

from tests.factories import ActorFactory, EngagementFactory, KeyMessageFactory
from tests.support import CONFIDENTIAL, STRICTLY_CONFIDENTIAL, UNCLASSIFIED

LEVELS = [UNCLASSIFIED, CONFIDENTIAL, STRICTLY_CONFIDENTIAL]
# Distinct words per level: the summary of each engagement, the title of each key message.
SUMMARIES = {
    UNCLASSIFIED: "Bossangoa market access briefing",
    CONFIDENTIAL: "Kaga-Bandoro checkpoint extortion talk",
    STRICTLY_CONFIDENTIAL: "Ndele commander hostage discussion",
}
TITLES = {
    UNCLASSIFIED: "Schools are not military bases",
    CONFIDENTIAL: "No recruitment of minors at checkpoints",
    STRICTLY_CONFIDENTIAL: "Release the abducted nurses",
}
# Actor names by level (the actors themselves carry that level).
ACTOR_NAMES = {
    UNCLASSIFIED: "Bossangoa Traders Union",
    CONFIDENTIAL: "Ouham Patriotic Front",
    STRICTLY_CONFIDENTIAL: "Ndele Shadow Brigade",
}


def engagements_url(name, code="CAF", **kwargs):
    return reverse(f"engagements:{name}", kwargs={"code": code, **kwargs})


@pytest.fixture
def level_actors(world):
    """A civilian actor (Unclassified), an armed group (Confidential) and a hidden armed group (Strictly
    confidential), all of CAF."""
    return {
        UNCLASSIFIED: ActorFactory(operation=world.operation, name=ACTOR_NAMES[UNCLASSIFIED], sensitivity=UNCLASSIFIED),
        CONFIDENTIAL: ActorFactory(
            operation=world.operation, name=ACTOR_NAMES[CONFIDENTIAL], category="nsag", actor_type="rebel_group",
            sensitivity=CONFIDENTIAL,
        ),
        STRICTLY_CONFIDENTIAL: ActorFactory(
            operation=world.operation, name=ACTOR_NAMES[STRICTLY_CONFIDENTIAL], category="nsag",
            actor_type="rebel_group", sensitivity=STRICTLY_CONFIDENTIAL,
        ),
    }  # fmt: skip


@pytest.fixture
def level_engagements(world, level_actors):
    """One CAF engagement per level, each with every actor (so names of hidden actors are on every page's data)."""
    return {
        level: EngagementFactory(
            operation=world.operation, sensitivity=level, summary=SUMMARIES[level], actors=list(level_actors.values())
        )
        for level in LEVELS
    }


@pytest.fixture
def level_messages(world, level_actors, level_engagements):
    """One CAF key message per level, delivered at every engagement and aimed at every actor."""
    return {
        level: KeyMessageFactory(
            operation=world.operation,
            sensitivity=level,
            title=TITLES[level],
            status="agreed",
            engagements=list(level_engagements.values()),
            target_actors=list(level_actors.values()),
        )
        for level in LEVELS
    }
