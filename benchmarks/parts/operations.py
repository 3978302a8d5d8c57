"""Operations, the people who work in them, protection priorities and missions."""

from __future__ import annotations

from django_countries import countries

from ..deployment import (
    HQ_USERNAME,
    MISSION_LINK_PER_MILLE,
    MISSION_LINK_PER_MILLE_LARGEST,
    OPERATIONS,
    PEACE_PHASES,
    PRIORITIES,
)
from ..sql import USERS_PER_OPERATION, LoadError, copy_to_history, model, next_id


class OperationSteps:
    """Steps of :class:`benchmarks.loader.Loader`; ``plan_operations`` writes the plan the other steps join on."""

    def plan_operations(self) -> None:
        """One row per operation in a temporary table, with the ids and sizes every later statement joins on."""
        scale, cursor = self.scale, self.cursor
        operation_id = next_id(cursor, "operations.CountryOperation")
        user_id = next_id(cursor, "auth.User")
        actor_id = next_id(cursor, "actors.Actor")
        priority_id = next_id(cursor, "protection_tasks.ProtectionPriority")
        self.mission_ids = {}
        mission_id = next_id(cursor, "missions.Mission")
        for mission in scale.missions:
            self.mission_ids[mission[0]] = mission_id
            mission_id += 1
        rows = []
        tasks, actors = scale.tasks_per_operation, scale.actors_per_operation
        for number, (country, name, time_zone) in enumerate(OPERATIONS[: scale.operations]):
            covering = [m for m in scale.missions if country in m[3]]
            peace = any(m[4][-1] in PEACE_PHASES for m in covering)
            link_rate = MISSION_LINK_PER_MILLE_LARGEST if number == 0 else MISSION_LINK_PER_MILLE
            rows.append(
                (
                    number,
                    operation_id + number,
                    country,
                    countries.alpha3(country),
                    name,
                    time_zone,
                    peace,
                    tasks[number],
                    actors[number],
                    actor_id,
                    user_id + number * USERS_PER_OPERATION,
                    priority_id + number * PRIORITIES,
                    self.mission_ids[covering[0][0]] if covering else None,
                    link_rate if covering else 0,
                )
            )
            actor_id += actors[number]
        self.hq_user_id = user_id + scale.operations * USERS_PER_OPERATION
        cursor.execute("DROP TABLE IF EXISTS bench_op")
        cursor.execute(
            "CREATE TEMP TABLE bench_op (ord int PRIMARY KEY, id bigint, country text, alpha3 text, name text,"
            " tz text, peace boolean, n_tasks int, n_actors int, first_actor bigint, first_user int,"
            " first_priority bigint, mission_id bigint, mission_per_mille int) ON COMMIT DROP"
        )
        cursor.executemany(f"INSERT INTO bench_op VALUES ({', '.join(['%s'] * 14)})", rows)  # noqa: S608 - placeholders
        cursor.execute("DROP TABLE IF EXISTS bench_activity")
        cursor.execute(
            "CREATE TEMP TABLE bench_activity ON COMMIT DROP AS SELECT"
            " array_agg(id ORDER BY id) FILTER (WHERE NOT peacekeeping_only) AS plain, array_agg(id ORDER BY id) AS"
            " every FROM protection_tasks_activity WHERE operation_id IS NULL AND is_active"
        )
        cursor.execute("SELECT cardinality(plain) FROM bench_activity")
        if not (cursor.fetchone()[0] or 0):
            raise LoadError("the Guidance Note's catalogue is missing (run the migrations)")

    def load_operations(self) -> None:
        self.run(
            "operations",
            model("operations.CountryOperation"),
            {
                "id": "o.id",
                "country": "o.country",
                "name": "o.name",
                "time_zone": "o.tz",
                "strategy": "(ARRAY['coordination', 'coordination', 'coexistence', 'cooperation'])[1 + mod(o.ord, 4)]",
                "has_peace_operation": "o.peace",
                "is_active": "true",
                "created_at": "(%(today)s::date - 900 + o.ord)::timestamptz",
            },
            "FROM bench_op o",
        )
        copy_to_history(self.cursor, "operations.CountryOperation", "id IN (SELECT id FROM bench_op)", {})

    def load_people(self) -> None:
        """Per operation: the officers, a head of office and two HCT members; plus one HQ reader of everything."""
        self.run(
            "users",
            model("auth.User"),
            {
                "id": "o.first_user + k",
                "username": "CASE WHEN k < %(officers)s THEN 'officer' || k WHEN k = %(officers)s THEN 'head'"
                " ELSE 'hct' || (k - %(officers)s) END || '.' || lower(o.alpha3)",
                "password": "'!benchmark'",  # unusable: nobody signs in as them
                "first_name": "(%(first_names)s::text[])[1 + pg_temp.r(o.first_user + k, 1, 40)]",
                "last_name": "(%(last_names)s::text[])[1 + pg_temp.r(o.first_user + k, 2, 40)]",
                "email": "'user' || (o.first_user + k) || '@example.org'",
                "is_active": "true",
                "is_staff": "false",
                "is_superuser": "false",
                "date_joined": "(%(today)s::date - 800)::timestamptz",
            },
            f"FROM bench_op o CROSS JOIN generate_series(0, {USERS_PER_OPERATION - 1}) AS k",
        )
        self.run(
            "users",
            model("auth.User"),
            {
                "id": "%(hq)s",
                "username": "%(hq_username)s",
                "password": "'!benchmark'",
                "first_name": "'Headquarters'",
                "last_name": "'Reader'",
                "email": "'hq@example.org'",
                "is_active": "true",
                "is_staff": "false",
                "is_superuser": "false",
                "date_joined": "(%(today)s::date - 800)::timestamptz",
            },
            "",
            hq=self.hq_user_id,
            hq_username=HQ_USERNAME,
        )
        self.run(
            "memberships",
            model("operations.Membership"),
            {
                "user_id": "o.first_user + k",
                "operation_id": "o.id",
                "role": "CASE WHEN k < %(officers)s THEN 'officer' WHEN k = %(officers)s THEN 'head' ELSE 'hct' END",
                "created_at": "(%(today)s::date - 800 + k)::timestamptz",
            },
            f"FROM bench_op o CROSS JOIN generate_series(0, {USERS_PER_OPERATION - 1}) AS k",
        )
        copy_to_history(self.cursor, "operations.Membership", "operation_id IN (SELECT id FROM bench_op)", {})
        self.run(
            "HQ access",
            model("operations.HeadquartersAccess"),
            {"user_id": "%(hq)s", "all_operations": "true"},
            "",
            hq=self.hq_user_id,
        )

    def load_priorities(self) -> None:
        self.run(
            "protection priorities",
            model("protection_tasks.ProtectionPriority"),
            {
                "id": "o.first_priority + k",
                "operation_id": "o.id",
                "title": "(%(priority_titles)s::text[])[1 + mod(o.ord + k, cardinality(%(priority_titles)s::text[]))]",
                "description": "'Agreed by the HCT for the year; reviewed every quarter.'",
                "status": "CASE WHEN k = 5 THEN 'achieved' WHEN k = 4 THEN 'draft' ELSE 'agreed' END",
                "order": "k",
                "period_start": "date_trunc('year', %(today)s::date)::date",
                "period_end": "(date_trunc('year', %(today)s::date) + interval '1 year - 1 day')::date",
                "created_at": "(%(today)s::date - 120)::timestamptz",
                "updated_at": "(%(today)s::date - 30)::timestamptz",
            },
            f"FROM bench_op o CROSS JOIN generate_series(0, {PRIORITIES - 1}) AS k",
        )

    # --- missions ---------------------------------------------------------------------------------------------

    def load_missions(self) -> None:
        """The missions of the scale, the operations they cover and their phase history (small: one row each)."""
        cursor, today = self.cursor, self.today
        rows, phases, covered = [], [], []
        for number, (acronym, name, kind, mission_countries, history, poc, predecessor) in enumerate(
            self.scale.missions
        ):
            start = today.replace(year=today.year - 8 + number % 5, month=1 + number % 12, day=1)
            rows.append(
                (
                    self.mission_ids[acronym],
                    acronym,
                    name,
                    kind,
                    poc,
                    history[-1],
                    start,
                    self.mission_ids.get(predecessor),
                )
            )
            for step, phase in enumerate(history):
                phases.append((self.mission_ids[acronym], phase, start.replace(year=start.year + 2 * step)))
            covered += [(self.mission_ids[acronym], country) for country in mission_countries]
        if not rows:
            return
        cursor.execute("DROP TABLE IF EXISTS bench_mission")
        cursor.execute(
            "CREATE TEMP TABLE bench_mission (id bigint, acronym text, name text, kind text, poc boolean, phase text,"
            " start date, predecessor bigint) ON COMMIT DROP"
        )
        cursor.executemany("INSERT INTO bench_mission VALUES (%s, %s, %s, %s, %s, %s, %s, %s)", rows)
        self.run(
            "missions",
            model("missions.Mission"),
            {
                "id": "m.id",
                "acronym": "m.acronym",
                "name": "m.name",
                "kind": "m.kind",
                "poc_mandate": "m.poc",
                "phase": "m.phase",
                "mandate_start": "m.start",
                "mandate_end": "CASE WHEN m.phase = 'closed' THEN m.start + 2500 ELSE (%(today)s::date + 200) END",
                "resolution": "'S/RES/' || (2600 + m.id) || ' (' || extract(year FROM m.start) || ')'",
                "mandate_text": "'Protect civilians under threat of physical violence; support humanitarian access.'",
                "predecessor_id": "NULL",
            },
            "FROM bench_mission m",
        )
        cursor.execute(
            "UPDATE missions_mission m SET predecessor_id = b.predecessor FROM bench_mission b"
            " WHERE b.id = m.id AND b.predecessor IS NOT NULL"
        )
        for mission_id, phase, started in phases:
            self.run(
                "mission phases",
                model("missions.MissionPhaseChange"),
                {"mission_id": "%(mission)s", "phase": "%(phase)s", "started_on": "%(started)s::date"},
                "",
                mission=mission_id,
                phase=phase,
                started=started,
            )
        Mission = model("missions.Mission")  # noqa: N806
        for mission_id, country in covered:
            self.run(
                "mission coverage",
                Mission.operations.through,
                {"mission_id": "%(mission)s", "countryoperation_id": "o.id"},
                "FROM bench_op o WHERE o.country = %(country)s",
                mission=mission_id,
                country=country,
            )
        self.run(
            "coordination platforms",
            model("missions.CoordinationPlatform"),
            {
                "mission_id": "m.id",
                "name": "(ARRAY['Protection Working Group', 'PoC Forum'])[k]",
                "chair": "'Mission civil affairs'",
                "frequency": "'every two weeks'",
                "ocha_attends": "k = 1",
            },
            "FROM bench_mission m CROSS JOIN generate_series(1, 2) AS k",
        )

    # --- tasks ------------------------------------------------------------------------------------------------
