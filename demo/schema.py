"""Reading and checking the demo's YAML files, before anything is written.

Each entry is checked for the fields it may have, the choices of the model field each value fills, and the keys it
refers to in the same file, so a mistake is reported with the file and the entry it is in. What only the database
can tell (the Guidance Note's activity codes, the models' own validation) is checked while loading, inside the
loader's transaction, and reported the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from cmcoord.core.choices import Role, Sensitivity, Standing
from digests.choices import Weekday
from engagements.choices import EngagementTopic
from planning.choices import Justification
from protection_tasks.choices import Urgency
from trainings.choices import TrainingTopic

from .checks import (
    REQUIRED,
    DemoDataError,
    choice,
    clock,
    day,
    entries,
    entry_name,
    exactly,
    flag,
    keyed,
    mapping,
    members,
    named_level,
    one_of,
    point,
    slots,
    text,
    texts,
    whole,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
# PyYAML's safe loader, in C where libyaml is installed: five times faster on the country files.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DEPLOYMENT_FILE = "deployment.yaml"

# Tasks name their owner and collaborators by slot in the operation (see the country files' comments).
OWNER_SLOTS = ("officer", "officer2", "head")
SLOTS = (*OWNER_SLOTS, "hct")
RECURRENCE = "monthly, first Monday"  # the one rule demo tasks repeat by

sensitivity = named_level(Sensitivity)
task_urgency = named_level(Urgency)


@dataclass(frozen=True)
class CountryFile:
    source: str  # the file's name, for messages
    data: dict


@dataclass(frozen=True)
class Demo:
    password: str
    headquarters_readers: list[dict]
    site_administrator: dict
    countries: list[CountryFile]


# --- The files' shape -----------------------------------------------------------------------------------------

ACCOUNT = {"username": (text, REQUIRED), "first_name": (text, REQUIRED), "last_name": (text, REQUIRED)}

DEPLOYMENT = {
    "password": (text, REQUIRED),
    "countries": (texts, REQUIRED),
    "headquarters_readers": (entries(ACCOUNT), ()),
    "site_administrator": (mapping(ACCOUNT), REQUIRED),
}

OPERATION = {
    "country": (text, REQUIRED),
    "name": (text, REQUIRED),
    "time_zone": (text, REQUIRED),
    "strategy": (choice("operations.CountryOperation", "strategy"), REQUIRED),
    "region": (choice("operations.CountryOperation", "region"), REQUIRED),
}
PERSON = {**ACCOUNT, "role": (choice("operations.Membership", "role"), REQUIRED)}
PLACE = {
    "admin1": (text, REQUIRED),
    "admin1_pcode": (text, REQUIRED),
    "admin2": (text, REQUIRED),
    "admin2_pcode": (text, REQUIRED),
}
PRIORITY = {
    "key": (text, REQUIRED),
    "title": (text, REQUIRED),
    "status": (choice("protection_tasks.ProtectionPriority", "status"), REQUIRED),
    "period_start": (day, REQUIRED),
    "period_end": (day, REQUIRED),
    "description": (text, ""),
}
ASSESSMENT = {
    "months_ago": (whole, REQUIRED),
    "stance": (choice("actors.ActorAssessment", "stance"), REQUIRED),
    "influence": (whole, REQUIRED),
    "interest": (whole, REQUIRED),
    "access": (choice("actors.ActorAssessment", "access_attitude"), REQUIRED),
    "protection": (choice("actors.ActorAssessment", "protection_attitude"), REQUIRED),
    "strategy": (choice("actors.ActorAssessment", "strategy"), REQUIRED),
    "notes": (text, ""),
    "hct_summary": (text, ""),  # an Unclassified summary for the HCT (summaries)
    "hct_summary_cleared": (flag, True),  # written by the head of office (cleared), else by an officer (waiting)
}
CONTACT = {
    "name": (text, REQUIRED),
    "function": (text, ""),
    "phone": (text, ""),
    "channel": (choice("actors.LiaisonContact", "preferred_channel"), REQUIRED),
}
ACTOR = {
    "key": (text, REQUIRED),
    "name": (text, REQUIRED),
    "acronym": (text, ""),
    "aliases": (text, ""),
    "category": (choice("actors.Actor", "category"), REQUIRED),
    "type": (choice("actors.Actor", "actor_type"), REQUIRED),
    "parent": (text, ""),
    "party_to_conflict": (flag, False),
    "sensitivity": (sensitivity, None),  # None: the category's default
    "component": (choice("missions.MissionComponent", "kind"), ""),
    "areas": (text, REQUIRED),
    "description": (text, ""),
    "assessments": (entries(ASSESSMENT), ()),
    "contacts": (entries(CONTACT), ()),
}
RELATIONSHIP = {
    "source": (text, REQUIRED),
    "type": (choice("actors.ActorRelationship", "relationship_type"), REQUIRED),
    "target": (text, REQUIRED),
    "confidence": (choice("actors.ActorRelationship", "confidence"), REQUIRED),
    "since_months_ago": (whole, None),
    "sensitivity": (sensitivity, None),  # None: Confidential, or the stricter level of the two actors
    "note": (text, ""),
}
PHASE = {
    "started_on": (day, REQUIRED),
    "phase": (choice("missions.MissionPhaseChange", "phase"), REQUIRED),
    "note": (text, ""),
}
PLATFORM = {
    "name": (text, REQUIRED),
    "chair": (text, ""),
    "meets": (text, ""),
    "ocha_attends": (flag, False),
    "notes": (text, ""),
}
MISSION = {
    "acronym": (text, REQUIRED),
    "name": (text, REQUIRED),
    "kind": (choice("missions.Mission", "kind"), REQUIRED),
    "poc_mandate": (flag, False),
    "resolution": (text, ""),
    "mandate_start": (day, None),
    "mandate_end": (day, None),
    "predecessor": (text, ""),
    "mandate_text": (text, ""),
    "phases": (entries(PHASE), REQUIRED),
    "platforms": (entries(PLATFORM), ()),
}
LIAISON_OFFICER = {
    "name": (text, REQUIRED),
    "function": (text, ""),
    "email": (text, ""),
    "phone": (text, ""),
}
TASK_ACTOR = {"actor": (text, REQUIRED), "role": (choice("actors.TaskActor", "role"), REQUIRED)}
TASK = {
    "title": (text, REQUIRED),
    "activity": (text, REQUIRED),
    "status": (choice("protection_tasks.Task", "status"), REQUIRED),
    "owner": (one_of(OWNER_SLOTS), REQUIRED),
    "assigned_by_head": (flag, False),
    "recurring": (exactly(RECURRENCE), ""),
    "start_in_days": (whole, None),
    "due_in_days": (whole, None),
    "place": (text, None),
    "priorities": (texts, ()),
    "urgency": (task_urgency, REQUIRED),
    "sensitivity": (sensitivity, REQUIRED),
    "collaborators": (slots(SLOTS), ()),
    "description": (text, ""),
    "notes": (texts, ()),
    "outcome": (text, ""),
    "linked_actors": (entries(TASK_ACTOR), ()),
    "linked_to_mission": (flag, False),
}

# --- The records of the operation's work (demo/field.py and demo/office.py) ------------------------------------
# Dates are relative to the day the demo is loaded: days_ago (0 is today), months_ago, in_days (negative: past).

ATTACHMENT = {
    "file": (text, REQUIRED),  # a file of data/attachments/
    "description": (text, ""),
}
FOLLOW_UP = {
    "text": (text, REQUIRED),
    "activity": (text, REQUIRED),
    "owner": (one_of(OWNER_SLOTS), None),
    "due_in_days": (whole, None),
}
ENGAGEMENT = {
    "key": (text, REQUIRED),  # how key messages name it in the file
    "summary": (text, REQUIRED),  # what identifies it in the operation when the demo is loaded again
    "days_ago": (whole, REQUIRED),
    "at": (clock, (10, 0)),
    "mode": (choice("engagements.Engagement", "mode"), REQUIRED),
    "recorded_by": (one_of(OWNER_SLOTS), "officer"),
    "actors": (texts, ()),
    "participants": (slots(OWNER_SLOTS), ()),
    "other_participants": (text, ""),
    "topics": (members(EngagementTopic.values), ()),
    "place": (text, None),
    "with_mission": (flag, False),
    "tasks": (texts, ()),
    "outcome": (text, ""),
    "sensitivity": (sensitivity, REQUIRED),
    "follow_ups": (entries(FOLLOW_UP), ()),
    "attachments": (entries(ATTACHMENT), ()),
    "hct_summary": (text, ""),  # an Unclassified summary for the HCT (summaries)
    "hct_summary_cleared": (flag, True),  # written by the head of office (cleared), else by an officer (waiting)
}
KEY_MESSAGE = {
    "title": (text, REQUIRED),
    "text": (text, REQUIRED),
    "issue": (choice("engagements.KeyMessage", "issue"), REQUIRED),
    "status": (one_of(("draft", "agreed", "retired")), REQUIRED),  # "delivered" follows from delivered_at
    "endorsed_months_ago": (whole, None),
    "targets": (texts, ()),
    "delivered_at": (texts, ()),  # keys of engagements
    "sensitivity": (sensitivity, REQUIRED),
}
PARTY = {
    "actor": (text, REQUIRED),
    "answer": (one_of(("acknowledged", "rejected", "no_response")), None),  # none: still awaited
    "after_hours": (whole, None),
    "note": (text, ""),
}
NOTIFICATION = {
    "reference": (text, REQUIRED),
    "kind": (choice("deconfliction.Notification", "kind"), REQUIRED),
    "title": (text, REQUIRED),
    "organisation": (text, REQUIRED),
    "days_ago": (whole, REQUIRED),
    "valid_days": (whole, 0),
    "place": (text, None),
    "coordinates": (point, None),
    "origin": (text, ""),
    "destination": (text, ""),
    "route": (text, ""),
    "with_mission": (flag, False),
    "description": (text, ""),
    "sensitivity": (sensitivity, REQUIRED),
    "parties": (entries(PARTY), REQUIRED),
    "hct_summary": (text, ""),  # an Unclassified summary for the HCT (summaries)
    "hct_summary_cleared": (flag, True),  # written by the head of office (cleared), else by an officer (waiting)
}
INCIDENT = {
    "title": (text, REQUIRED),
    "days_ago": (whole, REQUIRED),
    "category": (choice("incidents.AccessIncident", "category"), REQUIRED),
    "actor": (text, None),
    "place": (text, None),
    "people_affected": (whole, None),
    "activities_suspended": (whole, None),
    "days_affected": (whole, None),
    "source": (choice("incidents.AccessIncident", "source"), REQUIRED),
    "verified": (flag, False),
    "description": (text, ""),
    "sensitivity": (sensitivity, REQUIRED),
    "attachments": (entries(ATTACHMENT), ()),
    "hct_summary": (text, ""),  # an Unclassified summary for the HCT (summaries)
    "hct_summary_cleared": (flag, True),  # written by the head of office (cleared), else by an officer (waiting)
}
PARTICIPANTS = {"female": (whole, 0), "male": (whole, 0), "other": (whole, 0)}
ORGANISATIONS = dict.fromkeys(("military", "police", "nsag", "authorities", "humanitarian", "other"), (whole, 0))
TRAINING = {
    "title": (text, REQUIRED),
    "days_ago": (whole, REQUIRED),  # the first day
    "days": (whole, 1),
    "topics": (members(TrainingTopic.values), ()),
    "audience": (texts, ()),
    "partners": (text, ""),
    "place": (text, None),
    "participants": (mapping(PARTICIPANTS), REQUIRED),
    "from": (mapping(ORGANISATIONS), None),
    "pre_test": (whole, None),
    "post_test": (whole, None),
    "notes": (text, ""),
    "sensitivity": (sensitivity, REQUIRED),
    "attachments": (entries(ATTACHMENT), ()),
}
DOCUMENT = {
    "title": (text, REQUIRED),
    "kind": (choice("planning.PlanningDocument", "kind"), REQUIRED),
    "status": (choice("planning.PlanningDocument", "status"), REQUIRED),
    "effective_months_ago": (whole, None),
    "review_in_days": (whole, None),  # negative: past its review date
    "with_mission": (flag, False),
    "notes": (text, ""),
    "sensitivity": (sensitivity, REQUIRED),
    "attachments": (entries(ATTACHMENT), ()),
}
MCDA = {
    "requested": (text, REQUIRED),
    "asset": (text, REQUIRED),
    "asset_actor": (text, None),
    "from_mission": (flag, False),
    "purpose": (text, REQUIRED),
    "justifications": (members(Justification.values), REQUIRED),
    "justification_notes": (text, ""),
    "days_ago": (whole, REQUIRED),
    "decision": (choice("planning.MCDARequest", "decision"), REQUIRED),
    "decided_after_days": (whole, None),
    "task": (text, None),
    "sensitivity": (sensitivity, REQUIRED),
}
CHECKLIST_ITEM = {
    "code": (text, REQUIRED),
    "status": (choice("planning.ChecklistItem", "status"), REQUIRED),
    "owner": (one_of(OWNER_SLOTS), None),
    "notes": (text, ""),
}
DIGEST = {
    "name": (text, REQUIRED),
    "audience": (choice("digests.DigestSchedule", "audience"), REQUIRED),
    "frequency": (choice("digests.DigestSchedule", "frequency"), REQUIRED),
    "weekday": (named_level(Weekday), Weekday.MONDAY),
    "day_of_month": (whole, 1),
    "hour": (whole, 7),
    "recipients": (members(Standing.values), REQUIRED),
    "extra_recipients": (texts, ()),
    "archived": (whole, 0),  # how many past periods are produced and sent when the schedule is created
}

COUNTRY = {
    "operation": (mapping(OPERATION), REQUIRED),
    "people": (entries(PERSON), REQUIRED),
    "places": (keyed(PLACE), {}),
    "priorities": (entries(PRIORITY), ()),
    "actors": (entries(ACTOR), ()),
    "relationships": (entries(RELATIONSHIP), ()),
    "missions": (entries(MISSION), ()),
    "liaison_officer": (mapping(LIAISON_OFFICER), None),
    "tasks": (entries(TASK), ()),
    "engagements": (entries(ENGAGEMENT), ()),
    "key_messages": (entries(KEY_MESSAGE), ()),
    "notifications": (entries(NOTIFICATION), ()),
    "incidents": (entries(INCIDENT), ()),
    "trainings": (entries(TRAINING), ()),
    "planning_documents": (entries(DOCUMENT), ()),
    "mcda_requests": (entries(MCDA), ()),
    "checklist": (entries(CHECKLIST_ITEM), ()),
    "digests": (entries(DIGEST), ()),
}


# --- Reading --------------------------------------------------------------------------------------------------


def read_demo(data_dir: Path = DATA_DIR) -> Demo:
    """Read and check ``deployment.yaml`` and the country files it lists, in its order."""
    deployment = mapping(DEPLOYMENT)(_load(data_dir, DEPLOYMENT_FILE), DEPLOYMENT_FILE)
    countries, acronyms = [], set()
    for name in deployment["countries"]:
        source = f"{name}.yaml"
        data = mapping(COUNTRY)(_load(data_dir, source), source)
        _check_references(source, data, acronyms)
        _check_files(source, data, Path(data_dir) / "attachments")
        countries.append(CountryFile(source, data))
    return Demo(
        password=deployment["password"],
        headquarters_readers=list(deployment["headquarters_readers"]),
        site_administrator=deployment["site_administrator"],
        countries=countries,
    )


def _load(data_dir: Path, source: str):
    try:
        return yaml.load((data_dir / source).read_text(encoding="utf-8"), Loader=SAFE_LOADER)  # noqa: S506 - safe
    except FileNotFoundError as error:
        raise DemoDataError(f"{source}: no such file in {data_dir}") from error
    except yaml.YAMLError as error:
        raise DemoDataError(f"{source}: not valid YAML: {error}") from error


def _unique(source: str, section: str, items, field: str) -> set:
    seen = set()
    for index, item in enumerate(items):
        if item[field] in seen:
            where = entry_name(f"{source}, {section}", index, item)
            raise DemoDataError(f"{where}: {field} {item[field]!r} is used twice")
        seen.add(item[field])
    return seen


def _check_references(source: str, data: dict, acronyms: set) -> None:
    """Keys each entry refers to exist in the file (missions: in this file or one loaded before)."""
    _unique(source, "people", data["people"], "username")
    if not any(person["role"] in (Role.OFFICER, Role.HEAD) for person in data["people"]):
        raise DemoDataError(f"{source}, people: an officer or a head of office is needed to own the records")
    priorities = _unique(source, "priorities", data["priorities"], "key")
    _unique(source, "tasks", data["tasks"], "title")

    actors: set = set()
    for index, actor in enumerate(data["actors"]):
        where = entry_name(f"{source}, actors", index, actor)
        if actor["key"] in actors:
            raise DemoDataError(f"{where}: key {actor['key']!r} is used twice")
        if actor["parent"] and actor["parent"] not in actors:
            raise DemoDataError(f"{where}: parent {actor['parent']!r} is not an actor listed before it")
        if actor["component"] and not data["missions"]:
            raise DemoDataError(f"{where}: a component needs a mission in this file")
        actors.add(actor["key"])
    for index, relationship in enumerate(data["relationships"]):
        for end in ("source", "target"):
            if relationship[end] not in actors:
                where = entry_name(f"{source}, relationships", index, relationship)
                raise DemoDataError(f"{where}: {end} {relationship[end]!r} is not an actor of this file")

    for index, mission in enumerate(data["missions"]):
        where = entry_name(f"{source}, missions", index, mission)
        if mission["acronym"] in acronyms:
            raise DemoDataError(f"{where}: acronym {mission['acronym']!r} is used twice")
        if mission["predecessor"] and mission["predecessor"] not in acronyms:
            raise DemoDataError(f"{where}: predecessor {mission['predecessor']!r} is not a mission loaded before it")
        acronyms.add(mission["acronym"])
    if data["liaison_officer"] and not data["missions"]:
        raise DemoDataError(f"{source}, liaison_officer: needs a mission in this file")

    for index, task in enumerate(data["tasks"]):
        where = entry_name(f"{source}, tasks", index, task)
        if task["place"] is not None and task["place"] not in data["places"]:
            raise DemoDataError(f"{where}: place {task['place']!r} is not one of the file's places")
        for key in task["priorities"]:
            if key not in priorities:
                raise DemoDataError(f"{where}: priority {key!r} is not one of the file's priorities")
        for link in task["linked_actors"]:
            if link["actor"] not in actors:
                raise DemoDataError(f"{where}: linked actor {link['actor']!r} is not an actor of this file")
        if task["linked_to_mission"] and not data["missions"]:
            raise DemoDataError(f"{where}: linked_to_mission needs a mission in this file")
    _check_work(source, data, actors)


def _refers(where: str, what: str, value, known) -> None:
    if value is not None and value not in known:
        raise DemoDataError(f"{where}: {what} {value!r} is not one of the file's")


# The sections naming the actors, places and tasks of the file, and the field each uses.
_ACTOR_FIELDS = {
    "engagements": "actors", "key_messages": "targets", "incidents": "actor", "trainings": "audience",
    "mcda_requests": "asset_actor",
}  # fmt: skip
_MISSION_FIELDS = {
    "engagements": "with_mission", "notifications": "with_mission", "planning_documents": "with_mission",
    "mcda_requests": "from_mission",
}  # fmt: skip
# The sections whose entries carry files (``attachments``).
ATTACHED = ("engagements", "incidents", "trainings", "planning_documents")
# What identifies an entry of each section in its operation, so a second load finds it instead of adding it.
NATURAL_KEYS = {
    "engagements": "summary", "key_messages": "title", "notifications": "reference", "incidents": "title",
    "trainings": "title", "planning_documents": "title", "mcda_requests": "requested", "checklist": "code",
    "digests": "name",
}  # fmt: skip


def _check_work(source: str, data: dict, actors: set) -> None:
    """The records of the operation's work name actors, places, tasks, engagements and missions of the file."""
    for section, field in NATURAL_KEYS.items():
        _unique(source, section, data[section], field)
    engagements = _unique(source, "engagements", data["engagements"], "key")
    tasks = {task["title"] for task in data["tasks"]}
    for section in NATURAL_KEYS:
        for index, entry in enumerate(data[section]):
            where = entry_name(f"{source}, {section}", index, entry)
            named = entry.get(_ACTOR_FIELDS.get(section, ""))
            for actor in named if isinstance(named, tuple) else (named,):
                _refers(where, "actor", actor, actors)
            for party in entry.get("parties", ()):
                _refers(where, "party", party["actor"], actors)
                if (party["answer"] is None) != (party["after_hours"] is None):
                    raise DemoDataError(f"{where}: party {party['actor']!r} needs both answer and after_hours")
            _refers(where, "place", entry.get("place"), data["places"])
            for task in entry.get("tasks", ()) + ((entry["task"],) if entry.get("task") else ()):
                _refers(where, "task", task, tasks)
            for key in entry.get("delivered_at", ()):
                _refers(where, "engagement", key, engagements)
            if entry.get(_MISSION_FIELDS.get(section, "")) and not data["missions"]:
                raise DemoDataError(f"{where}: {_MISSION_FIELDS[section]} needs a mission in this file")


def _check_files(source: str, data: dict, folder: Path) -> None:
    """The files the entries attach are in the demo's ``attachments`` folder."""
    for section in ATTACHED:
        for index, entry in enumerate(data[section]):
            for item in entry["attachments"]:
                if not (folder / item["file"]).is_file():
                    where = entry_name(f"{source}, {section}", index, entry)
                    raise DemoDataError(f"{where}: attachment {item['file']!r} is not in {folder.name}/")
