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

from cmcoord.core.choices import Role

from .checks import (
    DemoDataError,
    entry_name,
    mapping,
)
from .entries import (
    COUNTRY,
    DEPLOYMENT,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
# PyYAML's safe loader, in C where libyaml is installed: five times faster on the country files.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DEPLOYMENT_FILE = "deployment.yaml"


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
