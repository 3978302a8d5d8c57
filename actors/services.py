"""Writes of the actor registry and mission contexts."""

from __future__ import annotations

from django.db import transaction

from cmcoord.operations.models import CountryOperation
from cmcoord.operations.scoping import save_within_scope

from .choices import PRESENT_PHASES, default_actor_sensitivity
from .models import Mission, MissionPhaseChange


def actor_apply_defaults(actor) -> None:
    """An actor saved without a sensitivity takes its category's default (armed actors: Confidential)."""
    if not actor.sensitivity:
        actor.sensitivity = default_actor_sensitivity(actor.category)


def operations_refresh_peace_flag(operation_ids) -> None:
    """Recompute ``has_peace_operation`` of these operations from the missions covering them.

    The flag is derived data kept on the operation so the task catalogue can read it without a join; every
    change to a mission's phase or coverage calls this.
    """
    for operation_id in set(operation_ids):
        present = Mission.objects.filter(operations=operation_id, phase__in=PRESENT_PHASES).exists()
        CountryOperation.objects.filter(pk=operation_id).exclude(has_peace_operation=present).update(
            has_peace_operation=present
        )


def mission_save(*, user, mission: Mission, save=None) -> Mission:
    """Save a mission (and, through ``save``, its covered operations) and refresh the operations' flag."""
    with transaction.atomic():
        before = set(mission.operations.values_list("pk", flat=True)) if mission.pk else set()
        result = save_within_scope(user, mission, save=save)
        after = set(mission.operations.values_list("pk", flat=True))
        operations_refresh_peace_flag(before | after)
    return result


def mission_add_phase(*, user, change: MissionPhaseChange) -> MissionPhaseChange:
    """Record a phase change; the mission's current phase becomes the latest entry of its history."""
    with transaction.atomic():
        save_within_scope(user, change)
        mission = change.mission
        latest = mission.phase_changes.order_by("-started_on", "-pk").first()
        Mission.objects.filter(pk=mission.pk).update(phase=latest.phase)
        mission.phase = latest.phase
        operations_refresh_peace_flag(mission.operations.values_list("pk", flat=True))
    return change
