"""Reads every record type shares: how many records an operation holds for a reader and how many they may open."""

from __future__ import annotations

from cmcoord.core.access import Action
from cmcoord.core.counts import RestrictedCount, counting, sees_everything_counted


def restricted_total(model, user, operation) -> RestrictedCount | None:
    """How many ``model`` records ``operation`` holds for the user's counts, and how many of them the user may
    open; None when the user opens every record they count (an operation's officers: no line to show)."""
    if sees_everything_counted(model, user):
        return None
    row = model.objects.restrict(user, Action.COUNT).filter(operation=operation).aggregate(**counting(model, user))
    return RestrictedCount.of(row, "n")
