"""Reads of mission contexts. Each takes the user and reads through ``restrict``."""

from __future__ import annotations

from cmcoord.core.access import Action
from cmcoord.operations.models import CountryOperation

from .models import (
    Mission,
)


def visible_operations(user):
    return CountryOperation.objects.visible_to(user).order_by("name")


def may_record_missions(user) -> bool:
    """Officers and heads of an active operation record missions (for the operations they work in)."""
    return CountryOperation.objects.restrict(user, Action.CHANGE).exists()


def succession_chain(mission, user) -> list[Mission]:
    """The missions before and after this one, oldest first, limited to those the user may see."""
    visible = {m.pk: m for m in Mission.objects.visible_to(user).select_related("predecessor")}
    chain, current, seen = [mission], mission, {mission.pk}
    while current.predecessor_id in visible and current.predecessor_id not in seen:
        current = visible[current.predecessor_id]
        seen.add(current.pk)
        chain.insert(0, current)
    successors = {m.predecessor_id: m for m in visible.values() if m.predecessor_id}
    current = mission
    while current.pk in successors and successors[current.pk].pk not in seen:
        current = successors[current.pk]
        seen.add(current.pk)
        chain.append(current)
    return chain
