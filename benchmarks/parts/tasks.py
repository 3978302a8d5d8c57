"""Tasks, their timelines and their links to priorities, collaborators and missions."""

from __future__ import annotations

from ..deployment import (
    BUSY_OPEN_TASKS,
    COLLABORATOR_PERCENT,
    PRIORITIES,
    PRIORITY_LINK_PER_MILLE,
    TIMELINE_ENTRIES_MAX,
)
from ..sql import copy_to_history, model, next_id


class TaskSteps:
    """Steps of :class:`benchmarks.loader.Loader` (it provides ``cursor``, ``scale``, ``run`` and the plan)."""

    def load_tasks(self) -> None:
        """Every task in one statement. Ids follow creation time across operations (as a live system's would),
        references number each operation's tasks per year; due dates spread over two years around today."""
        self.task_first_id = next_id(self.cursor, "protection_tasks.Task")
        shaped = """
            SELECT d.*,
              CASE
                WHEN d.due IS NULL THEN CASE WHEN d.s < 50 THEN 'planned' ELSE 'in_progress' END
                WHEN d.due < %(today)s::date THEN CASE WHEN d.s < 62 THEN 'completed' WHEN d.s < 69 THEN 'cancelled'
                  WHEN d.s < 84 THEN 'in_progress' WHEN d.s < 94 THEN 'planned' ELSE 'on_hold' END
                ELSE CASE WHEN d.s < 45 THEN 'planned' WHEN d.s < 88 THEN 'in_progress' WHEN d.s < 95 THEN 'on_hold'
                  ELSE 'completed' END
              END AS status,
              (least(coalesce(d.start, %(today)s::date), %(today)s::date) - d.lag)::timestamp AT TIME ZONE 'UTC'
                + make_interval(mins => 420 + pg_temp.r(d.k, 7, 600)) AS created
            FROM (
              SELECT o.ord, o.id AS operation_id, o.alpha3, o.country, o.peace, o.first_user, b.k, b.due,
                     b.due - 14 - pg_temp.r(b.k, 4, 107) AS start,
                     pg_temp.r(b.k, 3, 100) AS s, 1 + pg_temp.r(b.k, 5, 30) AS lag
              FROM bench_op o
              CROSS JOIN LATERAL (
                SELECT o.ord::bigint * 100000000 + n AS k,
                       CASE WHEN pg_temp.r(o.ord::bigint * 100000000 + n, 1, 100) < 3 THEN NULL
                         ELSE %(today)s::date - 540 + pg_temp.r(o.ord::bigint * 100000000 + n, 2, 730) END AS due
                FROM generate_series(1, o.n_tasks) AS n
              ) b
            ) d
        """
        source = f"""
            FROM (
              SELECT x.*,
                %(first)s - 1 + row_number() OVER (ORDER BY x.created, x.k) AS id,
                row_number() OVER (PARTITION BY x.ord, extract(year FROM x.created AT TIME ZONE 'UTC')
                                   ORDER BY x.created, x.k) AS number,
                CASE WHEN x.status = 'completed'
                  THEN greatest(least(x.due + pg_temp.r(x.k, 9, 30) - 10, %(today)s::date),
                                (x.created AT TIME ZONE 'UTC')::date) END AS completed,
                1 + pg_temp.r(x.k, 15, 12) AS a1, 1 + pg_temp.r(x.k, 16, 8) AS a2
              FROM ({shaped}) x
            ) t CROSS JOIN bench_activity act
        """  # noqa: S608 - the SQL above, no input
        pick = "(%(array)s::text[])[1 + pg_temp.r(t.k, {salt}, cardinality(%(array)s::text[]))]"
        self.run(
            "tasks",
            model("protection_tasks.Task"),
            {
                "id": "t.id",
                "operation_id": "t.operation_id",
                "reference": "t.alpha3 || '-' || extract(year FROM t.created AT TIME ZONE 'UTC') || '-'"
                " || lpad(t.number::text, greatest(4, length(t.number::text)), '0')",
                "activity_id": "(CASE WHEN t.peace THEN act.every ELSE act.plain END)"
                "[1 + pg_temp.r(t.k, 13, cardinality(CASE WHEN t.peace THEN act.every ELSE act.plain END))]",
                "title": pick.replace("%(array)s", "%(title_phrases)s").format(salt=14)
                + " || ' ' || (%(districts)s::text[])[t.a2] || ' (' || (%(regions)s::text[])[t.a1] || ')'",
                "description": pick.replace("%(array)s", "%(descriptions)s").format(salt=17)
                + " || ' ' || "
                + pick.replace("%(array)s", "%(descriptions)s").format(salt=18),
                "status": "t.status",
                "urgency": "CASE WHEN pg_temp.r(t.k, 19, 100) < 15 THEN 1 WHEN pg_temp.r(t.k, 19, 100) < 60 THEN 2"
                " WHEN pg_temp.r(t.k, 19, 100) < 88 THEN 3 ELSE 4 END",
                "owner_id": "t.first_user + pg_temp.r(t.k, 11, %(officers)s)",
                "assigned_by_id": "CASE WHEN pg_temp.r(t.k, 12, 100) < 30 THEN t.first_user + %(officers)s END",
                "start_date": "t.start",
                "due_date": "t.due",
                "completed_on": "t.completed",
                "admin1_name": "CASE WHEN pg_temp.r(t.k, 20, 10) = 0 THEN '' ELSE (%(regions)s::text[])[t.a1] END",
                "admin1_pcode": "CASE WHEN pg_temp.r(t.k, 20, 10) = 0 THEN '' ELSE t.country || (10 + t.a1) END",
                "admin2_name": "CASE WHEN pg_temp.r(t.k, 20, 10) = 0 THEN '' ELSE (%(districts)s::text[])[t.a2] END",
                "admin2_pcode": "CASE WHEN pg_temp.r(t.k, 20, 10) = 0 THEN ''"
                " ELSE t.country || (10 + t.a1) || lpad(t.a2::text, 2, '0') END",
                "outcome": "CASE WHEN t.status = 'completed' THEN "
                + pick.replace("%(array)s", "%(outcomes)s").format(salt=21)
                + " ELSE '' END",
                "recurrence_rule": "CASE WHEN pg_temp.r(t.k, 22, 1000) < 5 THEN 'FREQ=MONTHLY;BYDAY=1MO' ELSE '' END",
                "series_id": "NULL",
                "version": "1 + pg_temp.r(t.k, 23, 6)",
                "sensitivity": "CASE WHEN pg_temp.r(t.k, 24, 100) < 50 THEN 1 WHEN pg_temp.r(t.k, 24, 100) < 85 THEN 2"
                " ELSE 3 END",
                "created_at": "t.created",
                "updated_at": "CASE WHEN t.completed IS NOT NULL THEN greatest(t.created, t.completed::timestamptz)"
                " ELSE t.created + (now() - t.created) * (pg_temp.r(t.k, 25, 100) / 100.0) END",
            },
            source,
            first=self.task_first_id,
        )
        self.run(
            "task reference counters",
            model("protection_tasks.TaskReferenceCounter"),
            {"operation_id": "t.operation_id", "year": "t.year", "last_number": "t.n"},
            "FROM (SELECT operation_id, extract(year FROM created_at AT TIME ZONE 'UTC')::int AS year, count(*) AS n"
            " FROM protection_tasks_task WHERE id >= %(first)s GROUP BY 1, 2) t",
            first=self.task_first_id,
        )
        self.run(
            "timeline entries",
            model("protection_tasks.TimelineEntry"),
            {
                "task_id": "t.id",
                "author_id": "t.owner_id",
                "created_at": f"t.created_at + (t.updated_at - t.created_at) * (n - 1) / {TIMELINE_ENTRIES_MAX}",
                "kind": "CASE WHEN n = 1 THEN 'created' WHEN mod(n + t.id, 3) = 0 THEN 'status' ELSE 'note' END",
                "text": "CASE WHEN n > 1 AND mod(n + t.id, 3) <> 0 THEN (%(notes)s::text[])"
                "[1 + pg_temp.r(t.id * 8 + n, 26, cardinality(%(notes)s::text[]))] ELSE '' END",
                "old_value": "CASE WHEN n > 1 AND mod(n + t.id, 3) = 0 THEN 'Planned' ELSE '' END",
                "new_value": "CASE WHEN n = 1 THEN 'Planned' WHEN mod(n + t.id, 3) = 0 THEN 'In progress' ELSE '' END",
            },
            "FROM protection_tasks_task t"
            f" CROSS JOIN LATERAL generate_series(1, 1 + pg_temp.r(t.id, 27, {TIMELINE_ENTRIES_MAX})) AS n"
            " WHERE t.id >= %(first)s",
            first=self.task_first_id,
        )

    def load_busy_officer(self) -> None:
        """One more officer of the largest operation who owns half of its open tasks, up to ``BUSY_OPEN_TASKS``
        (10,000 at full size): the tasks change owner, so every other figure keeps its number of tasks."""
        self.busy_user_id = self.hq_user_id + 1
        self.run(
            "users",
            model("auth.User"),
            {
                "id": "%(busy)s",
                "username": "'busy.' || lower(o.alpha3)",
                "password": "'!benchmark'",
                "first_name": "'Busy'",
                "last_name": "'Officer'",
                "email": "'busy@example.org'",
                "is_active": "true",
                "is_staff": "false",
                "is_superuser": "false",
                "date_joined": "(%(today)s::date - 800)::timestamptz",
            },
            "FROM bench_op o WHERE o.ord = 0",
            busy=self.busy_user_id,
        )
        self.run(
            "memberships",
            model("operations.Membership"),
            {
                "user_id": "%(busy)s",
                "operation_id": "o.id",
                "role": "'officer'",
                "created_at": "(%(today)s::date - 800)::timestamptz",
            },
            "FROM bench_op o WHERE o.ord = 0",
            busy=self.busy_user_id,
        )
        copy_to_history(self.cursor, "operations.Membership", "user_id = %(busy)s", {"busy": self.busy_user_id})
        self.cursor.execute(
            "UPDATE protection_tasks_task SET owner_id = %(busy)s WHERE id IN (SELECT t.id FROM protection_tasks_task t"
            " JOIN bench_op o ON o.id = t.operation_id AND o.ord = 0 WHERE t.id >= %(first)s"
            " AND t.status IN ('planned', 'in_progress', 'on_hold') AND pg_temp.r(t.id, 40, 2) = 0"
            " ORDER BY t.id LIMIT %(limit)s)",
            {"busy": self.busy_user_id, "first": self.task_first_id, "limit": BUSY_OPEN_TASKS},
        )
        self.counts["busy officer's open tasks"] = self.cursor.rowcount

    def load_task_links(self) -> None:
        """Collaborators (another officer of the operation) and protection priorities the tasks serve."""
        Task = model("protection_tasks.Task")  # noqa: N806
        tasks = "FROM protection_tasks_task t JOIN bench_op o ON o.id = t.operation_id WHERE t.id >= %(first)s"
        self.run(
            "collaborators",
            Task.collaborators.through,
            {
                "task_id": "t.id",
                "user_id": "o.first_user + mod(t.owner_id - o.first_user + 1 + pg_temp.r(t.id, 30, %(officers)s - 1),"
                " %(officers)s)",
            },
            f"{tasks} AND pg_temp.r(t.id, 31, 100) < {COLLABORATOR_PERCENT}",
            first=self.task_first_id,
        )
        self.run(
            "task priorities",
            Task.protection_priorities.through,
            {"task_id": "t.id", "protectionpriority_id": f"o.first_priority + pg_temp.r(t.id, 33, {PRIORITIES})"},
            f"{tasks} AND pg_temp.r(t.id, 32, 1000) < {PRIORITY_LINK_PER_MILLE}",
            first=self.task_first_id,
        )
        self.run(
            "task missions",
            model("missions.TaskMission"),
            {"task_id": "t.id", "mission_id": "o.mission_id"},
            f"{tasks} AND o.mission_id IS NOT NULL AND pg_temp.r(t.id, 34, 1000) < o.mission_per_mille",
            first=self.task_first_id,
        )

    # --- actors -----------------------------------------------------------------------------------------------
