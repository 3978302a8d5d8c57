"""Actors, their assessments, contacts and relationships, and their links to tasks and missions."""

from __future__ import annotations

from django.db import connection

from ..deployment import (
    ACTOR_LINK_PERCENT,
    RELATIONSHIPS_PER_ACTOR,
)
from ..sql import model


class ActorSteps:
    """Steps of :class:`benchmarks.loader.Loader` (it provides ``cursor``, ``scale``, ``run`` and the plan)."""

    def load_actors(self) -> None:
        """Actors of every category, some under a parent, with dated assessments and liaison contacts."""
        profile = "pg_temp.r(a.id, 40, cardinality(%(actor_types)s::text[]))"
        self.run(
            "actors",
            model("actors.Actor"),
            {
                "id": "a.id",
                "operation_id": "a.operation_id",
                "name": f"(%(actor_names)s::text[])[1 + {profile}] || ' ' || a.i",
                "acronym": "CASE WHEN pg_temp.r(a.id, 41, 3) = 0 THEN upper(left(a.alpha3, 2)) || 'A' || a.i"
                " ELSE '' END",
                "category": f"(%(actor_categories)s::text[])[1 + {profile}]",
                "actor_type": f"(%(actor_types)s::text[])[1 + {profile}]",
                "party_to_conflict": f"(%(actor_parties)s::boolean[])[1 + {profile}]",
                "parent_id": "CASE WHEN a.i > 5 AND pg_temp.r(a.id, 42, 10) = 0"
                " THEN a.first_actor + pg_temp.r(a.id, 43, a.i - 1) END",
                "areas": "a.country || (11 + pg_temp.r(a.id, 44, 12)) || CASE WHEN pg_temp.r(a.id, 45, 2) = 0"
                " THEN ', ' || a.country || (11 + pg_temp.r(a.id, 46, 12)) ELSE '' END",
                "aliases": "''",
                "description": "'Recorded from liaison meetings and partner reports.'",
                "sensitivity": f"CASE WHEN (%(actor_parties)s::boolean[])[1 + {profile}]"
                " THEN CASE WHEN pg_temp.r(a.id, 47, 100) < 15 THEN 3 WHEN pg_temp.r(a.id, 47, 100) < 25 THEN 1"
                " ELSE 2 END"
                " ELSE CASE WHEN pg_temp.r(a.id, 47, 100) < 15 THEN 2 ELSE 1 END END",
                "created_at": "(%(today)s::date - 1 - pg_temp.r(a.id, 48, 700))::timestamptz",
                "updated_at": "(%(today)s::date - 1 - pg_temp.r(a.id, 49, 30))::timestamptz",
            },
            "FROM (SELECT o.first_actor + i - 1 AS id, o.id AS operation_id, o.alpha3, o.country, o.first_actor, i"
            " FROM bench_op o CROSS JOIN LATERAL generate_series(1, o.n_actors) AS i) a",
        )
        pick = "(%({})s::text[])[1 + pg_temp.r(a.id * 4 + n, {}, cardinality(%({})s::text[]))]"
        actors = (
            "FROM actors_actor a JOIN bench_op o ON o.id = a.operation_id"
            " CROSS JOIN LATERAL generate_series(1, {}) AS n"
        )
        self.run(
            "assessments",
            model("actors.ActorAssessment"),
            {
                "actor_id": "a.id",
                "operation_id": "a.operation_id",
                "sensitivity": "a.sensitivity",
                "assessed_on": "%(today)s::date - 20 - 180 * (n - 1) - pg_temp.r(a.id, 50, 90)",
                "stance": pick.format("stances", 51, "stances"),
                "influence": "1 + pg_temp.r(a.id * 4 + n, 52, 5)",
                "interest": "1 + pg_temp.r(a.id * 4 + n, 53, 5)",
                "access_attitude": pick.format("attitudes", 54, "attitudes"),
                "protection_attitude": pick.format("attitudes", 55, "attitudes"),
                "strategy": pick.format("strategies", 56, "strategies"),
                "assessor_id": "o.first_user + pg_temp.r(a.id, 57, %(officers)s)",
                "notes": "'Based on the last liaison meeting.'",
                "created_at": "(%(today)s::date - 20 - 180 * (n - 1))::timestamptz",
                "updated_at": "(%(today)s::date - 20 - 180 * (n - 1))::timestamptz",
            },
            actors.format("1 + pg_temp.r(a.id, 58, 2)"),
        )
        # Targets lean towards each operation's first actors (the cube of a uniform draw), giving hubs as in a
        # real conflict; the two relationships of an actor have different types, so they never repeat.
        target = "a.first_actor + floor(a.n_actors * power(pg_temp.r(a.id * 4 + n, 60, 1000) / 1000.0, 3))::int"
        self.run(
            "relationships",
            model("actors.ActorRelationship"),
            {
                "operation_id": "a.operation_id",
                "source_id": "a.id",
                "target_id": f"CASE WHEN {target} = a.id THEN a.first_actor + mod(a.id - a.first_actor + 1, a.n_actors)"
                f" ELSE {target} END",
                "relationship_type": "(%(relationship_types)s::text[])[1 + mod(pg_temp.r(a.id, 61, 7)"
                " + (n - 1) * (1 + pg_temp.r(a.id, 62, 6)), 7)]",
                "confidence": pick.format("confidences", 63, "confidences"),
                "sensitivity": "CASE WHEN pg_temp.r(a.id * 4 + n, 64, 100) < 60 THEN 1 ELSE 2 END",
                "start_date": "%(today)s::date - 400 - pg_temp.r(a.id * 4 + n, 65, 700)",
                "created_at": "(%(today)s::date - 30)::timestamptz",
                "updated_at": "(%(today)s::date - 30)::timestamptz",
            },
            "FROM (SELECT a.*, o.first_actor, o.n_actors FROM actors_actor a JOIN bench_op o ON o.id = a.operation_id)"
            " a CROSS JOIN generate_series(1, %(per_actor)s) AS n",
            per_actor=RELATIONSHIPS_PER_ACTOR,
        )
        self.run(
            "liaison contacts",
            model("actors.LiaisonContact"),
            {
                "actor_id": "a.id",
                "operation_id": "a.operation_id",
                "name": pick.format("first_names", 66, "first_names")
                + " || ' ' || "
                + pick.format("last_names", 67, "last_names"),
                "function": "'Liaison officer'",
                "phone": "'+000 ' || (100000 + a.id)",
                "email": "'contact' || a.id || '@example.org'",
                "sensitivity": "3",
                "created_at": "(%(today)s::date - 60)::timestamptz",
                "updated_at": "(%(today)s::date - 60)::timestamptz",
            },
            actors.format(1) + " WHERE pg_temp.r(a.id, 68, 2) = 0",
        )

    def load_actor_links(self) -> None:
        """Actors of tasks (leaning towards each operation's first actors), and mission components and liaison
        officers in the operations each mission covers."""
        target = "o.first_actor + floor(o.n_actors * power(pg_temp.r(t.id, 71, 1000) / 1000.0, 3))::int"
        self.run(
            "task actors",
            model("actors.TaskActor"),
            {
                "task_id": "t.id",
                "actor_id": target,
                "role": "(%(task_actor_roles)s::text[])[1 + pg_temp.r(t.id, 72, 3)]",
            },
            "FROM protection_tasks_task t JOIN bench_op o ON o.id = t.operation_id"
            f" WHERE t.id >= %(first)s AND pg_temp.r(t.id, 70, 100) < {ACTOR_LINK_PERCENT}",
            first=self.task_first_id,
        )
        Mission = model("missions.Mission")  # noqa: N806
        coverage = connection.ops.quote_name(Mission.operations.through._meta.db_table)
        covered = f"FROM {coverage} c JOIN bench_op o ON o.id = c.countryoperation_id"
        self.run(
            "mission components",
            model("missions.MissionComponent"),
            {
                "mission_id": "c.mission_id",
                "actor_id": "o.first_actor + k",
                "kind": "(ARRAY['military', 'civilian'])[k + 1]",
            },
            f"{covered} CROSS JOIN generate_series(0, 1) AS k",
        )
        self.run(
            "mission liaison officers",
            model("missions.MissionLiaisonOfficer"),
            {
                "mission_id": "c.mission_id",
                "operation_id": "o.id",
                "name": "'Liaison officer ' || o.alpha3",
                "function": "'Humanitarian liaison officer'",
                "email": "'hlo.' || lower(o.alpha3) || '@example.org'",
                "phone": "''",
                "sensitivity": "3",
                "created_at": "(%(today)s::date - 90)::timestamptz",
                "updated_at": "(%(today)s::date - 90)::timestamptz",
            },
            covered,
        )
