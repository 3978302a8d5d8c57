"""Reads of mission contexts. Each takes the user and reads through ``restrict``."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from cmcoord.core.access import Action
from cmcoord.operations.models import CountryOperation

from .choices import MissionPhase
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


# The order in which a covering mission decides an operation's phase: the most present mission wins.
PHASE_ORDER = (MissionPhase.ACTIVE, MissionPhase.DRAWDOWN, MissionPhase.TRANSITION, MissionPhase.CLOSED)


@dataclass
class PhaseGroup:
    """The operations whose peace operation is in one phase (``phase`` empty: no mission covers them)."""

    phase: str
    label: str
    entries: list = field(default_factory=list)  # (operation, [missions in that phase, by acronym])


def operations_by_phase(user, operations) -> list[PhaseGroup]:
    """Each operation once, under the phase of its most present mission (active, then drawdown, then transition,
    then closed), or under "no peace operation"; one query whatever the number of operations and missions.

    Missions are read through ``restrict``: a mission covering an operation the reader sees is one they may see.
    """
    links = (
        Mission.operations.through.objects.filter(
            countryoperation__in=[operation.pk for operation in operations],
            mission__in=Mission.objects.visible_to(user),
        )
        .select_related("mission")
        .order_by("mission__acronym")
    )
    missions_of: dict[int, list[Mission]] = {}
    for link in links if operations else ():
        missions_of.setdefault(link.countryoperation_id, []).append(link.mission)
    groups = {phase: PhaseGroup(phase, MissionPhase(phase).label) for phase in PHASE_ORDER}
    groups[""] = PhaseGroup("", _("No peace operation"))
    for operation in operations:
        missions = missions_of.get(operation.pk, [])
        phase = min((PHASE_ORDER.index(m.phase) for m in missions), default=None)
        if phase is None:
            groups[""].entries.append((operation, []))
            continue
        current = PHASE_ORDER[phase]
        groups[current].entries.append((operation, [m for m in missions if m.phase == current]))
    return list(groups.values())
