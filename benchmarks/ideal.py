"""What an ideal implementation of each page would ask the database, written by hand as bare SQL.

Each page's statements fetch exactly the data the page shows (its rows, its counts, the subject's links),
in as few statements as the data allows, after the four that tell who asks (:data:`REQUEST`), with the
access rule written as the plainest predicate that holds for the user measured (the officer sees every level
of their operation; the HQ reader every operation up to Confidential). No rendering: the floor under the
page. The benchmark times them on the same database and prints the page's own database time against them.

Parameters (``%(name)s``) come from :func:`parameters`; a page without an entry has no ideal figure.
"""

# ruff: noqa: S608 - the statements are built from this module's constant fragments; values go as parameters
from __future__ import annotations

import statistics
import time

from django.db import DEFAULT_DB_ALIAS, connections

OPEN = "('planned', 'in_progress', 'on_hold')"
CLOSED_LAST = "CASE WHEN t.status IN ('completed', 'cancelled') THEN 1 ELSE 0 END"
TASK_ROW = """
SELECT t.id, t.reference, t.title, t.status, t.urgency, t.due_date, t.sensitivity, a.code, a.name, ar.number,
       ar.name, u.username, u.first_name, u.last_name, o.country
FROM protection_tasks_task t
JOIN protection_tasks_activity a ON a.id = t.activity_id
JOIN protection_tasks_taskarea ar ON ar.id = a.area_id
JOIN auth_user u ON u.id = t.owner_id
JOIN operations_countryoperation o ON o.id = t.operation_id
WHERE t.id IN (SELECT t.id FROM protection_tasks_task t WHERE {where} ORDER BY {order} LIMIT 50 OFFSET {offset})
ORDER BY {order}
"""
IN_LIST = "t.operation_id = %(op)s AND t.sensitivity <= %(level)s"
COUNTS = "SELECT t.status, t.activity_id, count(*) FROM protection_tasks_task t WHERE {where} GROUP BY 1, 2"
DEFAULT_ORDER = f"{CLOSED_LAST}, t.due_date NULLS LAST, t.id"
TEXT = (
    "to_tsvector('simple_unaccent', coalesce(t.title, '') || ' ' || coalesce(t.description, '') || ' ' || "
    "coalesce(t.reference, '') || ' ' || coalesce(t.outcome, '')) @@ to_tsquery('simple_unaccent', %(q)s)"
)


# Every page, ideal or not, knows who asks: the session, the user, and their standing in each operation.
REQUEST = [
    "SELECT session_data FROM django_session WHERE session_key = %(session)s AND expire_date > now()",
    "SELECT * FROM auth_user WHERE id = %(me)s",
    "SELECT m.operation_id, m.role, o.is_active FROM operations_membership m"
    " JOIN operations_countryoperation o ON o.id = m.operation_id WHERE m.user_id = %(me)s",
    "SELECT h.all_operations, array_agg(x.countryoperation_id) FROM operations_headquartersaccess h"
    " LEFT JOIN operations_headquartersaccess_operations x ON x.headquartersaccess_id = h.id"
    " WHERE h.user_id = %(me)s GROUP BY h.id",
]


def _task_list(where: str = IN_LIST, order: str = DEFAULT_ORDER, offset: str = "0") -> list[str]:
    """A task list page: its counts by status and area (one grouped scan) and its page of rows."""
    return [COUNTS.format(where=where), TASK_ROW.format(where=where, order=order, offset=offset)]


def _my_tasks(order: str = DEFAULT_ORDER, statuses: str = OPEN, offset: str = "0") -> list[str]:
    """My tasks: how many tasks I own and how many others' I collaborate on (each from its own index), and the
    page: from each part its first rows down to the page's end, in the list's order, then that page of them."""
    where = f"t.operation_id = ANY(%(ops)s) AND t.sensitivity <= %(level)s AND t.status IN {statuses}"
    shared = (
        "FROM protection_tasks_task_collaborators c JOIN protection_tasks_task t ON t.id = c.task_id"
        f" WHERE c.user_id = %(me)s AND t.owner_id <> %(me)s AND {where}"
    )
    owned = f"FROM protection_tasks_task t WHERE t.owner_id = %(me)s AND {where}"
    top = f"{offset} + 50"
    heads = (
        f"t.id IN (SELECT id FROM (SELECT t.id {owned} ORDER BY {order} LIMIT {top}) o"
        f" UNION SELECT id FROM (SELECT t.id {shared} ORDER BY {order} LIMIT {top}) s)"
    )
    return [
        f"SELECT count(*) {owned}",
        f"SELECT count(*) {shared}",
        TASK_ROW.format(where=heads, order=order, offset=offset),
    ]


SHOW_COMPLETED = "('planned', 'in_progress', 'on_hold', 'completed')"

PAGES: dict[str, list[str]] = {
    "home": [
        "SELECT id, country, name, strategy, is_active FROM operations_countryoperation"
        " WHERE id = ANY(%(ops)s) ORDER BY name",
        "SELECT operation_id, role, count(*) FROM operations_membership WHERE operation_id = ANY(%(ops)s)"
        " GROUP BY 1, 2",
        f"SELECT operation_id, count(*), count(*) FILTER (WHERE due_date < %(today)s) FROM protection_tasks_task"
        f" WHERE operation_id = ANY(%(ops)s) AND status IN {OPEN} GROUP BY 1",
    ],
    "operation dashboard": [
        "SELECT * FROM operations_countryoperation WHERE id = %(op)s",
        # Tasks by status and activity (areas and status from it), with overdue and due within 30 days.
        "SELECT t.status, t.activity_id, count(*), count(*) FILTER (WHERE t.sensitivity <= %(level)s),"
        f" count(*) FILTER (WHERE t.status IN {OPEN} AND t.due_date < %(today)s),"
        f" count(*) FILTER (WHERE t.status IN {OPEN} AND t.due_date BETWEEN %(today)s AND %(today)s + 30)"
        " FROM protection_tasks_task t WHERE t.operation_id = %(op)s GROUP BY 1, 2",
        "SELECT date_trunc('month', t.completed_on), count(*), count(*) FILTER (WHERE t.sensitivity <= %(level)s)"
        " FROM protection_tasks_task t WHERE t.operation_id = %(op)s AND t.status = 'completed'"
        " AND t.completed_on > %(today)s - 366 GROUP BY 1",
        TASK_ROW.format(
            where=f"{IN_LIST} AND t.status IN {OPEN} AND t.due_date BETWEEN %(today)s AND %(today)s + 30",
            order="t.due_date, t.id",
            offset="0",
        ),
        "SELECT p.id, p.title, count(t.id) FILTER (WHERE t.status = 'completed'),"
        " count(t.id) FILTER (WHERE t.status NOT IN ('completed', 'cancelled'))"
        " FROM protection_tasks_protectionpriority p LEFT JOIN protection_tasks_task_protection_priorities l"
        " ON l.protectionpriority_id = p.id LEFT JOIN protection_tasks_task t ON t.id = l.task_id"
        " WHERE p.operation_id = %(op)s GROUP BY p.id",
        "SELECT a.category, s.stance, count(*) FROM actors_actor a LEFT JOIN LATERAL"
        " (SELECT stance FROM actors_actorassessment s WHERE s.actor_id = a.id AND s.sensitivity <= %(level)s"
        " ORDER BY assessed_on DESC, id DESC LIMIT 1) s ON true WHERE a.operation_id = %(op)s GROUP BY 1, 2",
        "SELECT m.acronym, m.name, m.phase, m.poc_mandate FROM missions_mission m JOIN missions_mission_operations mo"
        " ON mo.mission_id = m.id WHERE mo.countryoperation_id = %(op)s",
    ],
    "operation about": [
        "SELECT * FROM operations_countryoperation WHERE id = %(op)s",
        "SELECT m.role, u.username, u.first_name, u.last_name FROM operations_membership m"
        " JOIN auth_user u ON u.id = m.user_id WHERE m.operation_id = %(op)s",
    ],
    "operation history": [
        "SELECT * FROM operations_historicalcountryoperation WHERE id = %(op)s ORDER BY history_date DESC LIMIT 200",
        "SELECT h.*, u.username FROM operations_historicalmembership h LEFT JOIN auth_user u ON u.id = h.user_id"
        " WHERE h.operation_id = %(op)s ORDER BY h.history_date DESC LIMIT 200",
    ],
    "task list": _task_list(),
    "task list: search": _task_list(where=f"{IN_LIST} AND {TEXT}"),
    "task list: sort by updated": _task_list(order="t.updated_at DESC, t.id DESC"),
    "task list: sort by title": _task_list(order="t.title, t.id"),
    "task list: page 500": _task_list(offset="%(offset)s"),
    "task list: status": _task_list(where=f"{IN_LIST} AND t.status = 'in_progress'"),
    "task list: area": _task_list(
        where=f"{IN_LIST} AND t.activity_id IN (SELECT a.id FROM protection_tasks_activity a"
        " JOIN protection_tasks_taskarea ar ON ar.id = a.area_id WHERE ar.code = 'DI')"
    ),
    "task list: overdue": _task_list(where=f"{IN_LIST} AND t.status IN {OPEN} AND t.due_date < %(today)s"),
    "task detail": [
        TASK_ROW.format(where="t.id = %(task)s", order="t.id", offset="0"),
        "SELECT e.*, u.username FROM protection_tasks_timelineentry e LEFT JOIN auth_user u ON u.id = e.author_id"
        " WHERE e.task_id = %(task)s ORDER BY e.created_at DESC, e.id DESC",
        "SELECT u.username, u.first_name, u.last_name FROM protection_tasks_task_collaborators c"
        " JOIN auth_user u ON u.id = c.user_id WHERE c.task_id = %(task)s",
        "SELECT p.id, p.title FROM protection_tasks_task_protection_priorities l"
        " JOIN protection_tasks_protectionpriority p ON p.id = l.protectionpriority_id WHERE l.task_id = %(task)s",
        "SELECT x.role, a.id, a.name, a.sensitivity FROM actors_taskactor x JOIN actors_actor a ON a.id = x.actor_id"
        " WHERE x.task_id = %(task)s AND a.sensitivity <= %(level)s",
        "SELECT m.acronym, m.name, m.phase FROM missions_taskmission x JOIN missions_mission m ON m.id = x.mission_id"
        " WHERE x.task_id = %(task)s",
    ],
    "my tasks": _my_tasks(),
    "my tasks: sort by title": _my_tasks(order="t.title, t.id"),
    "my tasks: page 100": _my_tasks(offset="%(my_offset)s"),
    "my tasks: show completed": _my_tasks(statuses=SHOW_COMPLETED),
    "catalogue": [
        "SELECT a.*, ar.number, ar.name FROM protection_tasks_activity a"
        " JOIN protection_tasks_taskarea ar ON ar.id = a.area_id"
        " WHERE a.operation_id IS NULL OR a.operation_id = %(op)s ORDER BY ar.number, a.order, a.code",
        "SELECT activity_id, count(*) FROM protection_tasks_task t WHERE t.operation_id = %(op)s GROUP BY 1",
    ],
    "protection priorities": [
        'SELECT * FROM protection_tasks_protectionpriority WHERE operation_id = %(op)s ORDER BY "order", id',
        "SELECT l.protectionpriority_id, count(*) FILTER (WHERE t.status <> 'cancelled'),"
        " count(*) FILTER (WHERE t.status = 'completed') FROM protection_tasks_task_protection_priorities l"
        " JOIN protection_tasks_task t ON t.id = l.task_id"
        " WHERE l.protectionpriority_id IN (SELECT id FROM protection_tasks_protectionpriority"
        " WHERE operation_id = %(op)s) GROUP BY 1",
        "SELECT * FROM (SELECT l.protectionpriority_id, t.id, t.reference, t.title, t.status, t.due_date,"
        " row_number() OVER (PARTITION BY l.protectionpriority_id ORDER BY t.due_date NULLS LAST, t.id) AS n"
        " FROM protection_tasks_task_protection_priorities l JOIN protection_tasks_task t ON t.id = l.task_id"
        " WHERE l.protectionpriority_id IN (SELECT id FROM protection_tasks_protectionpriority"
        " WHERE operation_id = %(op)s) AND t.sensitivity <= %(level)s) ranked WHERE n <= 5",
    ],
    "actor list": [
        "SELECT count(*) FROM actors_actor WHERE operation_id = %(op)s AND sensitivity <= %(level)s",
        "SELECT a.*, s.stance, s.influence, s.assessed_on FROM actors_actor a LEFT JOIN LATERAL"
        " (SELECT stance, influence, assessed_on FROM actors_actorassessment s WHERE s.actor_id = a.id"
        " AND s.sensitivity <= %(level)s ORDER BY assessed_on DESC, id DESC LIMIT 1) s ON true"
        " WHERE a.operation_id = %(op)s AND a.sensitivity <= %(level)s ORDER BY a.name LIMIT 50",
    ],
    "actor detail": [
        "SELECT * FROM actors_actor WHERE id = %(actor)s",
        "SELECT * FROM actors_actorassessment WHERE actor_id = %(actor)s AND sensitivity <= %(level)s"
        " ORDER BY assessed_on DESC",
        "SELECT r.*, s.name, t.name FROM actors_actorrelationship r JOIN actors_actor s ON s.id = r.source_id"
        " JOIN actors_actor t ON t.id = r.target_id WHERE (r.source_id = %(actor)s OR r.target_id = %(actor)s)"
        " AND r.sensitivity <= %(level)s",
        "SELECT * FROM actors_liaisoncontact WHERE actor_id = %(actor)s AND sensitivity <= %(level)s",
        "SELECT t.id, t.reference, t.title, x.role FROM actors_taskactor x JOIN protection_tasks_task t"
        " ON t.id = x.task_id WHERE x.actor_id = %(actor)s AND t.sensitivity <= %(level)s"
        " ORDER BY t.due_date NULLS LAST LIMIT 20",
    ],
    "stakeholder map": [
        "SELECT a.id, a.name, a.category, s.stance, s.influence, s.interest FROM actors_actor a LEFT JOIN LATERAL"
        " (SELECT stance, influence, interest FROM actors_actorassessment s WHERE s.actor_id = a.id"
        " AND s.sensitivity <= %(level)s ORDER BY assessed_on DESC, id DESC LIMIT 1) s ON true"
        " WHERE a.operation_id = %(op)s AND a.sensitivity <= %(level)s",
    ],
    "network": [
        "SELECT id, name, category FROM actors_actor WHERE operation_id = %(op)s AND sensitivity <= %(level)s",
        "SELECT source_id, target_id, relationship_type FROM actors_actorrelationship"
        " WHERE operation_id = %(op)s AND sensitivity <= %(level)s",
    ],
    "mission list": [
        "SELECT m.*, array_agg(o.country) FROM missions_mission m JOIN missions_mission_operations mo"
        " ON mo.mission_id = m.id JOIN operations_countryoperation o ON o.id = mo.countryoperation_id"
        " WHERE mo.countryoperation_id = ANY(%(ops)s) GROUP BY m.id ORDER BY m.acronym",
    ],
    "mission detail": [
        "SELECT * FROM missions_mission WHERE id = %(mission)s",
        "SELECT * FROM missions_missionphasechange WHERE mission_id = %(mission)s ORDER BY started_on",
        "SELECT * FROM missions_coordinationplatform WHERE mission_id = %(mission)s",
        "SELECT c.kind, a.name FROM missions_missioncomponent c JOIN actors_actor a ON a.id = c.actor_id"
        " WHERE c.mission_id = %(mission)s",
        "SELECT count(*) FROM missions_taskmission x JOIN protection_tasks_task t ON t.id = x.task_id"
        " WHERE x.mission_id = %(mission)s AND t.operation_id = ANY(%(ops)s) AND t.sensitivity <= %(level)s",
        "SELECT t.id, t.reference, t.title, t.status, t.due_date FROM missions_taskmission x"
        " JOIN protection_tasks_task t ON t.id = x.task_id WHERE x.mission_id = %(mission)s"
        " AND t.operation_id = ANY(%(ops)s) AND t.sensitivity <= %(level)s"
        " ORDER BY t.due_date NULLS LAST, t.id LIMIT 10",
    ],
    "API tasks": [
        TASK_ROW.format(
            where="t.operation_id = ANY(%(ops)s) AND t.sensitivity <= %(api_level)s", order="t.id", offset="0"
        )
    ],
    "API tasks: deep page": [
        TASK_ROW.format(
            where="t.operation_id = ANY(%(ops)s) AND t.sensitivity <= %(api_level)s AND t.id > %(api_after)s",
            order="t.id",
            offset="0",
        )
    ],
    "HQ dashboard": [
        "SELECT id, country, name, region, strategy FROM operations_countryoperation WHERE id = ANY(%(ops)s)",
        "SELECT t.operation_id, t.activity_id,"
        f" count(*) FILTER (WHERE t.status IN {OPEN}),"
        f" count(*) FILTER (WHERE t.status IN {OPEN} AND t.sensitivity <= %(level)s),"
        f" count(*) FILTER (WHERE t.status IN {OPEN} AND t.due_date < %(today)s),"
        f" count(*) FILTER (WHERE t.status IN {OPEN} AND t.due_date < %(today)s AND t.sensitivity <= %(level)s),"
        " count(*) FILTER (WHERE t.status = 'completed' AND t.completed_on >= %(quarter)s),"
        " count(*) FILTER (WHERE t.status = 'completed' AND t.completed_on >= %(quarter)s"
        " AND t.sensitivity <= %(level)s)"
        " FROM protection_tasks_task t WHERE t.operation_id = ANY(%(ops)s) GROUP BY 1, 2",
        "SELECT a.id, a.area_id, ar.code, ar.name FROM protection_tasks_activity a"
        " JOIN protection_tasks_taskarea ar ON ar.id = a.area_id",
        "SELECT mo.countryoperation_id, m.acronym, m.name, m.phase FROM missions_mission_operations mo"
        " JOIN missions_mission m ON m.id = mo.mission_id WHERE mo.countryoperation_id = ANY(%(ops)s)",
    ],
    "API operations": ["SELECT * FROM operations_countryoperation WHERE id = ANY(%(ops)s) ORDER BY name"],
}


def parameters(targets, user, who: str, today, session_key: str = "") -> dict:
    """The statements' parameters for ``who`` in the connected database."""
    from django_countries import countries

    from cmcoord.core.access import Action
    from cmcoord.core.choices import Sensitivity
    from cmcoord.operations.models import CountryOperation
    from missions.models import Mission
    from protection_tasks.models import Task

    from .pages import API_PAGE_SIZE, DEEP_PAGE, LIST_PAGE_SIZE, MY_TASKS_DEEP_PAGE

    operation = CountryOperation.objects.get(country=countries.alpha2(targets.operation))
    level = Sensitivity.CONFIDENTIAL if who == "HQ" else Sensitivity.STRICTLY_CONFIDENTIAL  # officers see all
    listed = Task.objects.filter(operation=operation, sensitivity__lte=level).count()
    last_page = max(1, -(-listed // LIST_PAGE_SIZE))
    deep = min(DEEP_PAGE, targets.api_pages[who])
    keyset = Task.objects.restrict(user, Action.API).order_by("pk").values_list("pk", flat=True)
    open_statuses = ["planned", "in_progress", "on_hold"]
    mine = Task.objects.filter(owner=user, status__in=open_statuses).count() + (
        Task.objects.filter(collaborators=user, status__in=open_statuses).exclude(owner=user).count()
    )
    return {
        "op": operation.pk,
        "ops": list(CountryOperation.objects.visible_to(user).values_list("pk", flat=True)),
        "me": user.pk,
        "level": int(level),
        "api_level": int(Sensitivity.CONFIDENTIAL),
        "today": today,
        "task": Task.objects.get(operation=operation, reference=targets.task).pk,
        "actor": targets.actor,
        "mission": Mission.objects.get(acronym=targets.mission).pk,
        "offset": (min(DEEP_PAGE, last_page) - 1) * LIST_PAGE_SIZE,
        "my_offset": (min(MY_TASKS_DEEP_PAGE, max(1, -(-mine // LIST_PAGE_SIZE))) - 1) * LIST_PAGE_SIZE,
        "q": "convoy:*",  # the product matches word prefixes
        "api_after": keyset[(deep - 1) * API_PAGE_SIZE - 1] if deep > 1 else 0,
        "session": session_key,
        "quarter": today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1),
    }


def time_page(label: str, params: dict, rounds: int, more: dict[str, list[str]] | None = None) -> float | None:
    """The median time, in ms, of running the page's ideal statements one after another (None if it has none): from
    :data:`PAGES`, or ``more`` (the record types', :func:`benchmarks.records.ideal_statements`)."""
    statements = PAGES.get(label) or (more or {}).get(label)
    if not statements:
        return None
    connection = connections[DEFAULT_DB_ALIAS]
    timings = []
    with connection.cursor() as cursor:
        for round_ in range(rounds + 1):
            start = time.perf_counter()
            for statement in [*REQUEST, *statements]:
                cursor.execute(statement, params)
                cursor.fetchall()
            if round_:  # the first round warms the cache, as the page's first request does
                timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)
