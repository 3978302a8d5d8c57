"""Loads the demo deployment described by the YAML files in ``data/`` (``manage.py seed_demo``).

The files are read and checked first (:mod:`.schema`); then :data:`STEPS` write the records in that order, inside
one transaction, so a mistake anywhere loads nothing. Records are written through the apps' service functions where
they exist and validated with ``full_clean`` elsewhere, so demo data meets the same rules as what users type.

Running it again creates nothing new: operations are matched by country, people by username, priorities by title
and tasks by title within their operation, actors by name within their operation, missions by acronym; the records
of the operation's work by their natural key within their operation (``schema.NATURAL_KEYS``: an engagement by its
summary, a notification by its reference …), attachments by file name on their record, digest schedules by name.
What belongs to an existing record is left alone (an actor's assessments, an engagement's follow-ups, a schedule's
archive, a checklist item someone has edited), and missing links between existing records are restored.

Nothing here is imported when the site starts: only the command loads this module.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from actors.models import Actor, TaskActor
from cmcoord.gazetteer.services import GazetteerFileError, gazetteer_import
from cmcoord.operations.calendar import operation_today
from cmcoord.operations.models import CountryOperation, HeadquartersAccess, Membership
from deconfliction.models import Notification
from digests.models import DigestSchedule
from engagements.models import Engagement, KeyMessage
from incidents.models import AccessIncident
from missions import services as mission_services
from missions.choices import PRESENT_PHASES
from missions.models import (
    Mission,
    TaskMission,
)
from planning import services as planning_services
from planning.models import ChecklistItem, MCDARequest, PlanningDocument
from protection_tasks.models import Activity, ProtectionPriority, Task
from trainings.models import Training

from . import field as field_records
from . import office
from .records import (
    _add_component,
    _add_liaison_officer,
    _create_actor,
    _create_mission,
    _create_task,
    _people,
    _recorders,
    _relate,
    _save,
    _user,
)
from .schema import ATTACHED, DATA_DIR, NATURAL_KEYS, CountryFile, Demo, DemoDataError, entry_name, read_demo


@dataclass
class _Country:
    """One country file and what has been loaded from it so far."""

    file: CountryFile
    operation: object = None
    people: dict = field(default_factory=dict)  # slot -> user
    activities: dict = field(default_factory=dict)  # code -> Guidance Note activity
    priorities: dict = field(default_factory=dict)  # key -> ProtectionPriority
    actors: dict = field(default_factory=dict)  # key -> Actor
    mission: object = None  # the mission present in the operation (active, drawdown or transition), if any
    tasks: dict = field(default_factory=dict)  # title -> Task
    catalogue: dict = field(default_factory=dict)  # code -> shipped Guidance Note activity (follow-ups name any)
    records: dict = field(default_factory=dict)  # section -> {natural key -> record} (schema.NATURAL_KEYS)
    engagements: dict = field(default_factory=dict)  # key -> Engagement, as key messages name them

    @property
    def source(self) -> str:
        return self.file.source

    @property
    def data(self) -> dict:
        return self.file.data


@dataclass
class _Run:
    demo: Demo
    countries: list[_Country]
    data_dir: Path = DATA_DIR
    users: dict = field(default_factory=dict)  # username -> user, in the order the files name them

    def active(self):
        """The countries whose operation is open: a closed operation keeps its records as they are."""
        return [country for country in self.countries if country.operation.is_active]


@contextmanager
def _entry(where: str):
    """Report any failure while writing an entry with the file and entry it comes from."""
    try:
        yield
    except DemoDataError:
        raise
    except Exception as error:  # re-raised with the entry named; the original is chained
        detail = getattr(error, "message_dict", None) or getattr(error, "messages", None) or str(error)
        raise DemoDataError(f"{where}: {detail}") from error


# --- The steps, in order ------------------------------------------------------------------------------------


def operations_and_people(run: _Run) -> None:
    """Operations, their people and memberships; the HQ readers and the site administrator."""
    for country in run.countries:
        spec = country.data["operation"]
        with _entry(f"{country.source}, operation"):
            operation = CountryOperation.objects.filter(country=spec["country"]).first()
            if operation is None:
                operation = CountryOperation(**spec)
                operation.full_clean()
                operation.save()
            elif not operation.region:  # loaded before operations had a region: the one field filled in later
                CountryOperation.objects.filter(pk=operation.pk).update(region=spec["region"])
                operation.region = spec["region"]
        country.operation = operation
        for index, person in enumerate(country.data["people"]):
            with _entry(entry_name(f"{country.source}, people", index, person)):
                user = run.users.get(person["username"]) or _user(run.demo.password, person)
                run.users[person["username"]] = user
                Membership.objects.get_or_create(user=user, operation=operation, defaults={"role": person["role"]})
    for index, person in enumerate(run.demo.headquarters_readers):
        with _entry(entry_name("deployment.yaml, headquarters_readers", index, person)):
            user = _user(run.demo.password, person)
            HeadquartersAccess.objects.get_or_create(user=user, defaults={"all_operations": True})
            run.users[person["username"]] = user
    admin = run.demo.site_administrator
    with _entry("deployment.yaml, site_administrator"):
        run.users[admin["username"]] = _user(run.demo.password, admin, is_staff=True, is_superuser=True)
    for country in run.countries:
        country.people = _people(country.operation, run.users)


def catalogue(run: _Run) -> None:
    """The Guidance Note activities the tasks use, from the catalogue the data migration ships."""
    shipped = {activity.code: activity for activity in Activity.objects.filter(operation__isnull=True)}
    for country in run.active():
        country.catalogue = shipped
        for index, task in enumerate(country.data["tasks"]):
            if task["activity"] not in shipped:
                where = entry_name(f"{country.source}, tasks", index, task)
                raise DemoDataError(f"{where}: unknown activity code {task['activity']!r} (not in the catalogue)")
            country.activities[task["activity"]] = shipped[task["activity"]]


def priorities(run: _Run) -> None:
    """The HCT's protection priorities, numbered in the order the file lists them."""
    for country in run.active():
        for index, spec in enumerate(country.data["priorities"]):
            with _entry(entry_name(f"{country.source}, priorities", index, spec)):
                priority = ProtectionPriority.objects.filter(operation=country.operation, title=spec["title"]).first()
                if priority is None:
                    priority = ProtectionPriority(
                        operation=country.operation,
                        title=spec["title"],
                        description=spec["description"],
                        period_start=spec["period_start"],
                        period_end=spec["period_end"],
                        status=spec["status"],
                        order=(index + 1) * 10,
                    )
                    priority.full_clean()
                    priority.save()
            country.priorities[spec["key"]] = priority


def actors(run: _Run) -> None:
    """The actor registry: actors with their assessments and liaison contacts, then their relationships."""
    today = timezone.localdate()
    for country in run.active():
        assessors = _recorders(country.operation, run.users)
        for index, spec in enumerate(country.data["actors"]):
            with _entry(entry_name(f"{country.source}, actors", index, spec)):
                actor = Actor.objects.filter(operation=country.operation, name=spec["name"]).first()
                if actor is None:
                    actor = _create_actor(country, spec, assessors[index % len(assessors)], today)
            country.actors[spec["key"]] = actor
        for index, spec in enumerate(country.data["relationships"]):
            with _entry(entry_name(f"{country.source}, relationships", index, spec)):
                _relate(country, spec, today)


def missions(run: _Run) -> None:
    """Missions with their phases and platforms, then each operation's present mission, components, liaison officer.

    Afterwards each operation's ``has_peace_operation`` says whether a mission covering it is active, in drawdown
    or in transition: the tasks step relies on it for the peacekeeping-only activities.
    """
    for country in run.active():
        owner = _recorders(country.operation, run.users)[0]
        for index, spec in enumerate(country.data["missions"]):
            if not Mission.objects.filter(acronym=spec["acronym"]).exists():
                with _entry(entry_name(f"{country.source}, missions", index, spec)):
                    _create_mission(country.operation, spec, owner)
    mission_services.operations_refresh_peace_flag([country.operation.pk for country in run.countries])
    for country in run.countries:
        country.operation.refresh_from_db(fields=["has_peace_operation"])
    for country in run.active():
        missions_here = Mission.objects.filter(operations=country.operation, phase__in=PRESENT_PHASES)
        country.mission = missions_here.order_by("acronym").first()
        if country.mission is None:
            continue
        for index, spec in enumerate(country.data["actors"]):
            if spec["component"]:
                with _entry(entry_name(f"{country.source}, actors", index, spec)):
                    _add_component(country.mission, spec["component"], country.actors[spec["key"]])
        officer = country.data["liaison_officer"]
        if officer:
            with _entry(f"{country.source}, liaison_officer"):
                _add_liaison_officer(country.operation, country.mission, officer)


def tasks(run: _Run) -> None:
    """The officers' tasks, logged through the task services: references, timelines and history as in real use."""
    for country in run.active():
        today = operation_today(country.operation)
        for index, spec in enumerate(country.data["tasks"]):
            task = Task.objects.filter(operation=country.operation, series__isnull=True, title=spec["title"]).first()
            if task is None:
                with _entry(entry_name(f"{country.source}, tasks", index, spec)):
                    task = _create_task(country, spec, today)
            country.tasks[spec["title"]] = task


def links(run: _Run) -> None:
    """Links of tasks to the actors they concern and to the operation's present mission."""
    for country in run.active():
        for index, spec in enumerate(country.data["tasks"]):
            task = country.tasks[spec["title"]]
            with _entry(entry_name(f"{country.source}, tasks", index, spec)):
                for link in spec["linked_actors"]:
                    actor = country.actors[link["actor"]]
                    if not TaskActor.objects.filter(task=task, actor=actor, role=link["role"]).exists():
                        _save(TaskActor(task=task, actor=actor, role=link["role"]))
                mission = country.mission if spec["linked_to_mission"] else None
                if mission is not None and not TaskMission.objects.filter(task=task).exists():
                    _save(TaskMission(task=task, mission=mission))


def gazetteer(run: _Run) -> None:
    """The admin-1 and admin-2 units of the demo countries (``gazetteer/*.csv``), which the places below name."""
    for path in sorted((run.data_dir / "gazetteer").glob("*.csv")):
        try:
            gazetteer_import(source=path)
        except GazetteerFileError as error:
            raise DemoDataError(f"gazetteer/{path.name}: {error}") from error


# The records of the operation's work, by section of the country files: the model, matched in the operation by the
# section's natural key (schema.NATURAL_KEYS), and the writer of a new one.
RECORD_WRITERS = {
    "engagements": (Engagement, field_records.create_engagement),
    "key_messages": (KeyMessage, field_records.create_key_message),
    "notifications": (Notification, field_records.create_notification),
    "incidents": (AccessIncident, field_records.create_incident),
    "trainings": (Training, field_records.create_training),
    "planning_documents": (PlanningDocument, office.create_document),
    "mcda_requests": (MCDARequest, office.create_mcda_request),
}


def _records(run: _Run, section: str) -> None:
    """Write the section's entries the operation lacks; remember every entry's record by its natural key."""
    model, create = RECORD_WRITERS[section]
    key = NATURAL_KEYS[section]
    now = timezone.now()
    for country in run.active():
        today = operation_today(country.operation)
        found = country.records.setdefault(section, {})
        for index, spec in enumerate(country.data[section]):
            record = model.objects.filter(operation=country.operation, **{key: spec[key]}).first()
            if record is None:
                with _entry(entry_name(f"{country.source}, {section}", index, spec)):
                    record = create(country, spec, today, now)
            found[spec[key]] = record


def engagements(run: _Run) -> None:
    """Engagements with their actors, OCHA participants and agreed follow-ups, recorded by their author."""
    _records(run, "engagements")
    for country in run.active():
        found = country.records["engagements"]
        country.engagements = {spec["key"]: found[spec["summary"]] for spec in country.data["engagements"]}


def key_messages(run: _Run) -> None:
    """The HCT's key messages, delivered at the engagements they name (their status follows)."""
    _records(run, "key_messages")


def notifications(run: _Run) -> None:
    """Humanitarian notifications and the answers their parties gave; the others still awaited."""
    _records(run, "notifications")


def incidents(run: _Run) -> None:
    _records(run, "incidents")


def trainings(run: _Run) -> None:
    _records(run, "trainings")


def planning_documents(run: _Run) -> None:
    """Planning documents: the CMCoord assessment in force, or past its review date, decides the PP-4 flag."""
    _records(run, "planning_documents")


def mcda_requests(run: _Run) -> None:
    _records(run, "mcda_requests")


def checklist(run: _Run) -> None:
    """The set-up checklist copied into each operation, and the progress the file records on it."""
    for country in run.active():
        planning_services.checklist_copy(country.operation)
        items = {item.code: item for item in ChecklistItem.objects.filter(operation=country.operation)}
        for index, spec in enumerate(country.data["checklist"]):
            with _entry(entry_name(f"{country.source}, checklist", index, spec)):
                office.checklist_item(country, items, spec)


def attachments(run: _Run) -> None:
    """The files of ``data/attachments/`` the entries name, attached by the officer where not attached yet."""
    folder = run.data_dir / "attachments"
    for country in run.active():
        for section in ATTACHED:
            for index, spec in enumerate(country.data[section]):
                if spec["attachments"]:
                    record = country.records[section][spec[NATURAL_KEYS[section]]]
                    with _entry(entry_name(f"{country.source}, {section}", index, spec)):
                        field_records.attach(record, spec["attachments"], folder, country.people["officer"])


def digests(run: _Run) -> None:
    """Digest schedules, each new one with the digests of its last periods, built from everything loaded before."""
    now = timezone.now()
    for country in run.active():
        today = operation_today(country.operation)
        for index, spec in enumerate(country.data["digests"]):
            if DigestSchedule.objects.filter(operation=country.operation, name=spec["name"]).exists():
                continue
            with _entry(entry_name(f"{country.source}, digests", index, spec)):
                schedule = office.create_schedule(country, spec, today)
                office.archive_digests(schedule, spec["archived"], now)


# The order records are written in: each step needs what the steps before it wrote.
STEPS = (
    gazetteer, operations_and_people, catalogue, priorities, actors, missions, tasks, links,
    engagements, key_messages, notifications, incidents, trainings, planning_documents, mcda_requests, checklist,
    attachments, digests,
)  # fmt: skip


@transaction.atomic
def seed_demo(data_dir: Path = DATA_DIR) -> dict:
    """Create or bring up to date the demo deployment; raise :class:`DemoDataError` (nothing loaded) on a bad file.

    Returns the operations by country code and the people by username, in the order the files name them.
    """
    demo = read_demo(data_dir)
    run = _Run(demo=demo, countries=[_Country(file) for file in demo.countries], data_dir=Path(data_dir))
    for step in STEPS:
        step(run)
    return {
        "operations": {country.data["operation"]["country"]: country.operation for country in run.countries},
        "users": run.users,
        "password": demo.password,
    }
