"""Writes of the actor registry."""

from __future__ import annotations

from .choices import default_actor_sensitivity


def actor_apply_defaults(actor) -> None:
    """An actor saved without a sensitivity takes its category's default (armed actors: Confidential)."""
    if not actor.sensitivity:
        actor.sensitivity = default_actor_sensitivity(actor.category)
