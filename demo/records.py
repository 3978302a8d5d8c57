"""How the demo writes each kind of record: through the apps' services where they have one, validated like user
input everywhere."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from actors.models import Actor, ActorAssessment, ActorRelationship, LiaisonContact
from actors.services import actor_apply_defaults
from cmcoord.core.choices import Role, Sensitivity
from cmcoord.operations.models import Membership
from missions import services as mission_services
from missions.models import (
    CoordinationPlatform,
    Mission,
    MissionComponent,
    MissionLiaisonOfficer,
    MissionPhaseChange,
)
from protection_tasks import services as task_services
from protection_tasks.choices import TaskStatus
from protection_tasks.models import Task
from protection_tasks.recurrence import build_rule

from .field import summarise

if TYPE_CHECKING:
    from .loader import _Country


# --- Helpers --------------------------------------------------------------------------------------------------


def _save(record):
    record.full_clean()
    record.save()
    return record


def _user(password: str, person: dict, **extra):
    user, created = get_user_model().objects.get_or_create(
        username=person["username"],
        defaults={
            "first_name": person["first_name"],
            "last_name": person["last_name"],
            "email": f"{person['username']}@example.org",
            **extra,
        },
    )
    if created:
        user.password = _hashed(password)
        user.save(update_fields=["password"])
    return user


@lru_cache(maxsize=2)
def _hashed(password: str) -> str:
    """The demo's one password, hashed once for all its accounts: the deployment's hasher takes half a second a
    hash, ten of the demo's twenty seconds. One salt for all is no loss here: the password is printed for all."""
    return make_password(password)


def _by_role(operation, users) -> dict[str, list]:
    """The operation's people by role, in the order they joined; the run's user objects are reused, so each
    one's access profile is computed once."""
    by_role: dict[str, list] = {}
    for membership in Membership.objects.filter(operation=operation).select_related("user").order_by("pk"):
        by_role.setdefault(membership.role, []).append(users.get(membership.user.username, membership.user))
    return by_role


def _recorders(operation, users) -> list:
    """Who records the operation's assessments and missions: its officers, or its heads of office if none."""
    by_role = _by_role(operation, users)
    return by_role.get(Role.OFFICER) or by_role.get(Role.HEAD, [])


def _people(operation, users) -> dict:
    """The operation's people by the slots tasks name them by (officer, officer2, head, hct)."""
    by_role = _by_role(operation, users)
    officers, heads, hct = by_role.get(Role.OFFICER, []), by_role.get(Role.HEAD, []), by_role.get(Role.HCT, [])
    head = heads[0] if heads else officers[0]
    return {
        "officer": officers[0] if officers else head,
        "officer2": officers[1] if len(officers) > 1 else head,
        "head": head,
        "hct": hct[0] if hct else None,
    }


def _create_actor(country: _Country, spec: dict, assessor, today: date):
    actor = Actor(
        operation=country.operation,
        name=spec["name"],
        acronym=spec["acronym"],
        aliases=spec["aliases"],
        category=spec["category"],
        actor_type=spec["type"],
        parent=country.actors[spec["parent"]] if spec["parent"] else None,
        party_to_conflict=spec["party_to_conflict"],
        areas=spec["areas"],
        description=spec["description"],
        sensitivity=spec["sensitivity"],
    )
    actor_apply_defaults(actor)
    _save(actor)
    for item in spec["assessments"]:
        assessment = _save(
            ActorAssessment(
                operation=country.operation,
                actor=actor,
                assessed_on=today - relativedelta(months=item["months_ago"]),
                stance=item["stance"],
                influence=item["influence"],
                interest=item["interest"],
                access_attitude=item["access"],
                protection_attitude=item["protection"],
                strategy=item["strategy"],
                assessor=assessor,
                notes=item["notes"],
                sensitivity=max(actor.sensitivity, Sensitivity.CONFIDENTIAL),  # as the assessment form proposes
            )
        )
        summarise(country, assessment, item)
    for item in spec["contacts"]:
        _save(
            LiaisonContact(
                operation=country.operation,
                actor=actor,
                name=item["name"],
                function=item["function"],
                phone=item["phone"],
                preferred_channel=item["channel"],
                sensitivity=Sensitivity.STRICTLY_CONFIDENTIAL,  # personal data
            )
        )
    return actor


def _relate(country: _Country, spec: dict, today: date) -> None:
    source, target = country.actors[spec["source"]], country.actors[spec["target"]]
    if ActorRelationship.objects.filter(source=source, relationship_type=spec["type"], target=target).exists():
        return
    since = spec["since_months_ago"]
    _save(
        ActorRelationship(
            operation=country.operation,
            source=source,
            relationship_type=spec["type"],
            target=target,
            confidence=spec["confidence"],
            source_note=spec["note"],
            start_date=today - relativedelta(months=since) if since is not None else None,
            sensitivity=spec["sensitivity"] or max(Sensitivity.CONFIDENTIAL, source.sensitivity, target.sensitivity),
        )
    )


def _create_mission(operation, spec: dict, user) -> None:
    mission = Mission(
        acronym=spec["acronym"],
        name=spec["name"],
        kind=spec["kind"],
        poc_mandate=spec["poc_mandate"],
        mandate_text=spec["mandate_text"],
        resolution=spec["resolution"],
        mandate_start=spec["mandate_start"],
        mandate_end=spec["mandate_end"],
        predecessor=Mission.objects.filter(acronym=spec["predecessor"]).first() if spec["predecessor"] else None,
    )
    mission.full_clean()
    mission_services.mission_save(user=user, mission=mission, operations=[operation])
    for phase in spec["phases"]:
        change = MissionPhaseChange(
            mission=mission, phase=phase["phase"], started_on=phase["started_on"], note=phase["note"]
        )
        change.full_clean()
        mission_services.mission_add_phase(user=user, change=change)
    for platform in spec["platforms"]:
        _save(
            CoordinationPlatform(
                mission=mission,
                name=platform["name"],
                chair=platform["chair"],
                frequency=platform["meets"],
                ocha_attends=platform["ocha_attends"],
                notes=platform["notes"],
            )
        )


def _add_component(mission, kind: str, actor) -> None:
    if not MissionComponent.objects.filter(mission=mission, actor=actor).exists():
        _save(MissionComponent(mission=mission, kind=kind, actor=actor))


def _add_liaison_officer(operation, mission, spec: dict) -> None:
    if not MissionLiaisonOfficer.objects.filter(mission=mission, operation=operation, name=spec["name"]).exists():
        _save(
            MissionLiaisonOfficer(
                mission=mission,
                operation=operation,
                name=spec["name"],
                function=spec["function"],
                email=spec["email"],
                phone=spec["phone"],
            )
        )


def _first_monday_of_next_month(today: date) -> date:
    first = today.replace(day=1) + relativedelta(months=1)
    return first + timedelta(days=(7 - first.weekday()) % 7)


# The workflow steps (protection_tasks.choices.TRANSITIONS) that bring a new, planned task to each status.
STATUS_PATHS = {
    TaskStatus.PLANNED: (),
    TaskStatus.IN_PROGRESS: (TaskStatus.IN_PROGRESS,),
    TaskStatus.ON_HOLD: (TaskStatus.IN_PROGRESS, TaskStatus.ON_HOLD),
    TaskStatus.COMPLETED: (TaskStatus.IN_PROGRESS, TaskStatus.COMPLETED),
    TaskStatus.CANCELLED: (TaskStatus.CANCELLED,),
}
_NO_PLACE = {"admin1": "", "admin1_pcode": "", "admin2": "", "admin2_pcode": ""}


def _create_task(country: _Country, spec: dict, today: date):
    operation, people = country.operation, country.people
    activity = country.activities[spec["activity"]]
    if activity.peacekeeping_only and not operation.has_peace_operation:
        raise ValueError(f"activity {activity.code} is for peace operations only; no mission is present here")
    owner = people[spec["owner"]]
    author = people["head"] if spec["assigned_by_head"] else owner
    place = country.data["places"][spec["place"]] if spec["place"] is not None else _NO_PLACE
    start = today + timedelta(days=spec["start_in_days"]) if spec["start_in_days"] is not None else None
    due = today + timedelta(days=spec["due_in_days"]) if spec["due_in_days"] is not None else None
    rule = ""
    if spec["recurring"]:
        due = _first_monday_of_next_month(today)
        start = due - timedelta(days=3)
        rule = build_rule(frequency="MONTHLY", monthly_mode="weekday", ordinal="1", weekday="MO")
    task = Task(
        operation=operation,
        activity=activity,
        title=spec["title"],
        description=spec["description"],
        urgency=spec["urgency"],
        owner=owner,
        sensitivity=spec["sensitivity"],
        start_date=start,
        due_date=due,
        admin1_name=place["admin1"],
        admin1_pcode=place["admin1_pcode"],
        admin2_name=place["admin2"],
        admin2_pcode=place["admin2_pcode"],
        recurrence_rule=rule,
    )
    collaborators = [people[slot] for slot in spec["collaborators"] if people.get(slot) and people[slot] != owner]
    linked = [country.priorities[key] for key in spec["priorities"]]

    task = task_services.task_create(user=author, task=task, collaborators=collaborators, protection_priorities=linked)

    # The last note tells how the task came to its present status, so it follows the last status change.
    path, notes = STATUS_PATHS[spec["status"]], list(spec["notes"])
    earlier_notes, last_notes = (notes[:-1], notes[-1:]) if path else (notes, [])
    for new_status in path[:-1]:
        task = task_services.task_change_status(
            user=owner, task=task, new_status=new_status, expected_version=task.version
        )
    for text in earlier_notes:
        task_services.task_add_note(user=owner, task=task, text=text)
    if spec["outcome"]:
        task.outcome = spec["outcome"]
    if path:
        task = task_services.task_change_status(
            user=owner, task=task, new_status=path[-1], expected_version=task.version
        )
    elif spec["outcome"]:
        task = task_services.task_edit(user=owner, task=task, expected_version=task.version)
    for text in last_notes:
        task_services.task_add_note(user=owner, task=task, text=text)
    return task
