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

from cmcoord.core.choices import Role, Sensitivity
from protection_tasks.choices import Urgency

from .checks import (
    REQUIRED,
    DemoDataError,
    choice,
    day,
    entries,
    entry_name,
    exactly,
    flag,
    keyed,
    mapping,
    named_level,
    one_of,
    slots,
    text,
    texts,
    whole,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
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
        countries.append(CountryFile(source, data))
    return Demo(
        password=deployment["password"],
        headquarters_readers=list(deployment["headquarters_readers"]),
        site_administrator=deployment["site_administrator"],
        countries=countries,
    )


def _load(data_dir: Path, source: str):
    try:
        return yaml.safe_load((data_dir / source).read_text(encoding="utf-8"))
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
