"""Load a deployment of any size into PostgreSQL with set-based SQL (``INSERT … SELECT generate_series``).

A million tasks through the ORM would take hours; one statement per table takes minutes. Values are drawn from a
deterministic hash of each row's key (``pg_temp.r(key, salt, n)``: 0 to n-1), so that two loads of one scale are
identical and correlated columns (status, due and completion dates) agree without a second pass.

Every column of every table is written: those a statement does not name get the model field's default, and a new
required column without a default stops the load with its name (:class:`LoadError`) rather than with SQL noise.
Runs inside the caller's transaction; the caller analyses the tables afterwards.
"""

from __future__ import annotations

import json

from django.core.management.color import no_style
from django.db import connection
from django.utils import timezone
from django_countries import countries

from .deployment import BUSY_OPEN_TASKS, OFFICERS, Scale, officer_username
from .parts.actors import ActorSteps
from .parts.operations import OperationSteps
from .parts.records import RecordSteps, record_labels
from .parts.tasks import TaskSteps
from .sql import HASH_FUNCTION, insert, model
from .vocabulary import VOCABULARY


class Loader(OperationSteps, TaskSteps, ActorSteps, RecordSteps):
    """Writes one deployment of ``scale``; :meth:`load` runs every step in order and returns rows per table."""

    def __init__(self, cursor, scale: Scale, today=None):
        self.cursor = cursor
        self.scale = scale
        self.today = today or timezone.now().date()
        self.counts: dict[str, int] = {}
        self.params = {"today": self.today, "officers": OFFICERS, **VOCABULARY}

    def run(self, label: str, target, values: dict[str, str], source: str, **params) -> None:
        written = insert(self.cursor, target, values, source, {**self.params, **params})
        self.counts[label] = self.counts.get(label, 0) + written

    def load(self) -> dict[str, int]:
        self.cursor.execute("SET LOCAL work_mem = '256MB'")
        self.cursor.execute("SET LOCAL synchronous_commit = off")
        self.cursor.execute("DROP FUNCTION IF EXISTS pg_temp.r(bigint, int, int)")
        self.cursor.execute(HASH_FUNCTION)
        self.plan_operations()
        self.load_operations()
        self.load_people()
        self.load_priorities()
        self.load_missions()
        self.load_tasks()
        self.load_busy_officer()
        self.load_task_links()
        self.load_actors()
        self.load_actor_links()
        self.load_records()
        self.reset_sequences()
        return self.counts

    def reset_sequences(self) -> None:
        """Identity sequences past the explicit ids, so that the application's own inserts keep working."""
        touched = []
        for label in (
            "auth.User",
            "operations.CountryOperation",
            "operations.Membership",
            "operations.HeadquartersAccess",
            "protection_tasks.ProtectionPriority",
            "protection_tasks.Task",
            "protection_tasks.TaskReferenceCounter",
            "protection_tasks.TimelineEntry",
            "missions.Mission",
            "missions.MissionPhaseChange",
            "missions.CoordinationPlatform",
            "missions.MissionComponent",
            "missions.MissionLiaisonOfficer",
            "missions.TaskMission",
            "actors.Actor",
            "actors.ActorAssessment",
            "actors.ActorRelationship",
            "actors.LiaisonContact",
            "actors.TaskActor",
            *record_labels(),
        ):
            touched.append(model(label))
        for statement in connection.ops.sequence_reset_sql(no_style(), touched):
            self.cursor.execute(statement)


def load(scale: Scale, today=None) -> dict[str, int]:
    """Load a deployment of ``scale`` through the default connection; returns the rows written per table."""
    with connection.cursor() as cursor:
        return Loader(cursor, scale, today).load()


def scale_key(scale: Scale) -> str:
    """What a loaded database records of its deployment; one loaded before the busy officer differs, and reloads."""
    return json.dumps(
        {**scale.as_dict(), "busy_open_tasks": BUSY_OPEN_TASKS, "records_per_type": scale.records_per_type},
        sort_keys=True,
    )


def officer_of_largest(scale: Scale) -> str:
    return officer_username(countries.alpha3(scale.countries[0]))
