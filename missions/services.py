"""Writes of mission contexts. Views change missions only through these functions."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from cmcoord.core.access import Action
from cmcoord.core.scoping import save_within_scope
from cmcoord.core.versioning import save_versioned
from cmcoord.operations.models import CountryOperation

from .choices import PRESENT_PHASES
from .models import Mission, MissionPhaseChange, TaskMission


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


def mission_save(*, user, mission: Mission, operations, expected_version: int | None = None, fields=()) -> Mission:
    """Save a mission with the operations the user chose among those they work in, and refresh the flags.

    ``operations`` replaces the mission's coverage only among the operations where ``user`` may change
    records; coverage of the others (which the user may not even see) is kept as it is.

    Every edit moves the mission's version on. An edit that names the version it starts from (the API's) is saved
    only if nobody saved the mission since (else ``ConcurrentEdit``, listing what changed among ``fields``).
    """
    if mission.pk is not None and expected_version is not None:
        return save_versioned(
            user=user,
            instance=mission,
            expected_version=expected_version,
            write=lambda: _mission_write(user, mission, operations),
            fields=fields,
        )
    with transaction.atomic():
        if mission.pk is not None:  # the page's edit: an API client's older version is then stale
            Mission.objects.filter(pk=mission.pk).update(version=F("version") + 1)
            mission.version = Mission.objects.values_list("version", flat=True).get(pk=mission.pk)
        return _mission_write(user, mission, operations)


def _mission_write(user, mission: Mission, operations) -> Mission:
    with transaction.atomic():
        before = set(mission.operations.values_list("pk", flat=True)) if mission.pk else set()
        save_within_scope(
            user, mission, save=lambda: mission_set_coverage(user=user, mission=mission, operations=operations)
        )
        after = set(mission.operations.values_list("pk", flat=True))
        operations_refresh_peace_flag(before | after)
    return mission


def mission_set_coverage(*, user, mission: Mission, operations) -> None:
    """Save ``mission`` and set its coverage to ``operations`` within the operations ``user`` works in."""
    mission.save()
    workable = set(CountryOperation.objects.restrict(user, Action.CHANGE).values_list("pk", flat=True))
    chosen = {operation.pk for operation in operations} & workable
    current = set(mission.operations.values_list("pk", flat=True))
    mission.operations.remove(*((current & workable) - chosen))
    mission.operations.add(*(chosen - current))


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


def task_mission_link(*, user, form) -> TaskMission:
    """Set the mission a task concerns (a valid ``TaskMissionForm``, on the task's link if it has one), checked
    against the task within the transaction: the task's page and the API set it through here."""
    return save_within_scope(user, form.instance, save=form.save)


def task_mission_unlink(*, user, task) -> bool:
    """Clear the mission of a task the user may change; whether there was one."""
    link = TaskMission.objects.restrict(user, Action.CHANGE).filter(task=task).first()
    if link is None:
        return False
    link.delete()
    return True
