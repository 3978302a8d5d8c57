"""The operation dashboard, landing page of an operation: who reaches it, which names and numbers each standing
sees, the one rule for counts that include restricted records, and its query budget.

The CAF operation of the ``world`` holds, per level, open tasks of which one is overdue and one is due within 30
days: 5 Unclassified, 3 Confidential, 3 Strictly confidential, so 11 open tasks, 3 overdue. An HCT member (reads
Unclassified) may open 5 and 1 of them; an HQ reader (reads up to Confidential) 8 and 2; officers all.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actors.models import Actor
from cmcoord.core.choices import Role
from cmcoord.operations.calendar import operation_today
from protection_tasks.models import Activity, Task
from tests.factories import (
    ActorAssessmentFactory,
    ActorFactory,
    MembershipFactory,
    MissionFactory,
    ProtectionPriorityFactory,
    TaskFactory,
    reserve_references,
)
from tests.support import (
    CONFIDENTIAL,
    IN_OPERATION,
    STANDINGS,
    STRICTLY_CONFIDENTIAL,
    UNCLASSIFIED,
    VIEW_LEVELS,
    actors_url,
    section,
    task_log_url,
)

LEVEL_NAMES = {UNCLASSIFIED: "UNCL", CONFIDENTIAL: "CONF", STRICTLY_CONFIDENTIAL: "STRICT"}
OPEN_PER_LEVEL = {UNCLASSIFIED: 5, CONFIDENTIAL: 3, STRICTLY_CONFIDENTIAL: 3}
DASHBOARD = reverse("operations:detail", kwargs={"code": "CAF"})

# (open, open visible, overdue, overdue visible) each standing of CAF reads.
EXPECTED = {
    "officer": (11, 11, 3, 3),
    "head": (11, 11, 3, 3),
    "hct": (11, 5, 3, 1),
    "hq": (11, 8, 3, 2),
}


def split(total, visible, noun):
    """The words of includes/count.html for a number, e.g. "11 open tasks — 5 you can open, 6 restricted"."""
    words = f"{total} {noun}"
    if total != visible:
        words += f" — {visible} you can open, {total - visible} restricted"
    return words


def text(html):
    """The page's text: tags dropped, whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def count_text(html, testid):
    return text(section(html, testid))


@pytest.fixture
def caf(world):
    """Tasks, a priority, actors and a mission in CAF; the titles and names carry their level."""
    operation = world.operation
    today = operation_today(operation)
    priority = ProtectionPriorityFactory(operation=operation, title="Safe access to markets")
    area_of_activity = {}
    for level, count in OPEN_PER_LEVEL.items():
        name = LEVEL_NAMES[level]
        for number in range(count):
            if number == 0:
                due = today - datetime.timedelta(days=5)  # overdue
            elif number == 1:
                due = today + datetime.timedelta(days=3 + level)  # a coming deadline
            else:
                due = today + datetime.timedelta(days=90)
            task = TaskFactory(
                operation=operation, owner=world.officer, sensitivity=level, due_date=due,
                title=f"{name} open task {number}", status="in_progress" if number % 2 else "planned",
                protection_priorities=[priority],
            )  # fmt: skip
            area_of_activity[task.activity_id] = task.activity.area.code
        TaskFactory(
            operation=operation, owner=world.officer, sensitivity=level, status="completed",
            completed_on=today, title=f"{name} completed task", protection_priorities=[priority],
        )  # fmt: skip
    TaskFactory(operation=operation, owner=world.officer, sensitivity=CONFIDENTIAL, status="cancelled")
    # Actors: one assessed in the open, one whose assessment is above an HCT member's level, one not assessed,
    # and one the HCT member cannot open at all (with an assessment).
    seen = ActorFactory(operation=operation, name="UNCL Actor seen", sensitivity=UNCLASSIFIED)
    ActorAssessmentFactory(actor=seen, stance="spoiler", sensitivity=UNCLASSIFIED, assessor=world.officer)
    hidden_picture = ActorFactory(operation=operation, name="UNCL Actor hidden picture", sensitivity=UNCLASSIFIED)
    ActorAssessmentFactory(actor=hidden_picture, stance="supportive", sensitivity=CONFIDENTIAL, assessor=world.officer)
    ActorFactory(operation=operation, name="UNCL Actor never assessed", sensitivity=UNCLASSIFIED)
    armed = ActorFactory(operation=operation, name="CONF Armed group", sensitivity=CONFIDENTIAL, category="nsag")
    ActorAssessmentFactory(actor=armed, stance="spoiler", sensitivity=CONFIDENTIAL, assessor=world.officer)
    MissionFactory(
        acronym="MINUSCA", name="UN Multidimensional Integrated Stabilization Mission", operations=[operation],
        poc_mandate=True, phase="drawdown", resolution="S/RES/2709 (2023)",
    )  # fmt: skip
    # Mali's tasks never reach CAF's numbers.
    TaskFactory(operation=world.other_operation, owner=world.other_officer, title="Mali task", sensitivity=UNCLASSIFIED)
    return area_of_activity


# --- Who reaches the dashboard ---------------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in(client, world):
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("standing", STANDINGS)
def test_dashboard_names_only_what_each_standing_may_open(world, login, caf, standing):
    response = login(world.by_role(standing)).get(DASHBOARD)
    if standing not in IN_OPERATION:
        assert response.status_code == 404
        assert "Central African Republic" not in response.text
        return
    assert response.status_code == 200
    html = response.text
    for level, name in LEVEL_NAMES.items():
        # Coming deadlines are named only where the reader may open them; restricted ones are counted.
        assert (f"{name} open task 1" in html) == (level in VIEW_LEVELS[standing]), (standing, name)
        assert f"{name} open task 0" not in html  # overdue, not a coming deadline
        assert f"{name} Actor" not in html and "CONF Armed group" not in html  # the dashboard names no actor
    assert "Mali task" not in html
    assert "MINUSCA" in section(html, "dashboard-missions")


@pytest.mark.parametrize("standing", sorted(EXPECTED))
def test_counts_say_how_many_are_restricted_and_agree_on_every_page(world, login, caf, standing):
    """The same reader sees the same open and overdue numbers on the home card, the dashboard and the task list."""
    open_total, open_visible, overdue_total, overdue_visible = EXPECTED[standing]
    open_words = split(open_total, open_visible, "open tasks")
    overdue_words = split(overdue_total, overdue_visible, "overdue")
    client = login(world.by_role(standing))

    home = client.get(reverse("home")).text
    assert count_text(home, "workload-open") == open_words
    assert count_text(home, "workload-overdue") == overdue_words

    dashboard = client.get(DASHBOARD).text
    assert count_text(dashboard, "dashboard-open") == open_words
    assert count_text(dashboard, "dashboard-overdue") == overdue_words

    task_list = client.get(task_log_url("task-list")).text
    if open_total == open_visible:
        assert 'data-testid="restricted-tasks"' not in task_list
    else:
        note = count_text(task_list, "restricted-tasks")
        assert open_words in note and overdue_words in note
        # 15 tasks: per level its open ones and one completed, plus one cancelled Confidential task.
        visible = sum(OPEN_PER_LEVEL[level] + 1 for level in VIEW_LEVELS[standing])
        restricted = 15 - visible - (1 if CONFIDENTIAL in VIEW_LEVELS[standing] else 0)
        assert note.startswith(f"{restricted} restricted tasks of this operation are not listed")
        # The list itself holds only what the reader may open.
        assert len(re.findall(r'data-testid="task-row"', task_list)) == 15 - restricted


def test_hct_member_reads_the_split_of_the_issue(world, login, caf):
    dashboard = login(world.hct).get(DASHBOARD).text
    assert count_text(dashboard, "dashboard-open") == "11 open tasks — 5 you can open, 6 restricted"
    assert count_text(dashboard, "dashboard-overdue") == "3 overdue — 1 you can open, 2 restricted"
    assert count_text(dashboard, "dashboard-upcoming") == "3 open tasks due — 1 you can open, 2 restricted"
    assert count_text(dashboard, "dashboard-completed-total") == (
        "3 tasks completed in the last 12 months — 1 you can open, 2 restricted"
    )
    assert 'data-testid="restricted-note"' in dashboard


def test_officer_reads_plain_numbers(world, login, caf):
    dashboard = login(world.officer).get(DASHBOARD).text
    assert count_text(dashboard, "dashboard-open") == "11 open tasks"
    assert "restricted" not in text(section(dashboard, "dashboard-tasks")).replace("Of which restricted", "")


def chart_table(html, chart_id):
    """{row label: [numbers]} of a chart's table."""
    start = html.index(f'id="{chart_id}-table"')
    body = html[html.index("<tbody>", start) : html.index("</tbody>", start)]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", body):
        label = text(re.search(r"<th[^>]*>(.*?)</th>", row).group(1))
        rows[label] = [int(n) for n in re.findall(r"<td[^>]*>(\d+)</td>", row)]
    return rows


def test_charts_count_restricted_tasks_and_their_tables_say_how_many(world, login, caf):
    html = login(world.hct).get(DASHBOARD).text
    by_area = chart_table(html, "tasks-by-area")
    assert next(iter(by_area)).startswith("1. ") and len(by_area) == 5
    # Columns: planned, in progress, on hold, completed, cancelled, total, of which restricted.
    assert sum(row[5] for row in by_area.values()) == 15
    assert sum(row[6] for row in by_area.values()) == 15 - 6  # an HCT member opens 5 open and 1 completed task
    assert sum(row[3] for row in by_area.values()) == 3  # completed
    months = chart_table(html, "completed-per-month")
    assert len(months) == 12
    this_month = operation_today(world.operation).strftime("%Y-%m")
    assert months[this_month] == [3, 2]
    priorities = chart_table(html, "priority-progress")
    assert priorities == {"Safe access to markets (21% completed)": [3, 11, 14, 8]}
    # The priorities page says the same.
    page = login(world.hct).get(task_log_url("priority-list")).text
    assert "3 of 14 tasks completed (21%)" in page


def test_actor_chart_counts_restricted_assessments_apart_from_unassessed_actors(world, login, caf):
    html = login(world.hct).get(DASHBOARD).text
    assert count_text(html, "dashboard-actors-total") == "4 actors — 3 you can open, 1 restricted"
    actors = chart_table(html, "actors-by-category")
    # Columns: spoiler, influencer, neutral, supportive, assessment restricted, not assessed, total, restricted.
    assert actors["Domestic civilian"] == [1, 0, 0, 0, 1, 1, 3, 0]
    assert actors["Non-state armed group"] == [0, 0, 0, 0, 1, 0, 1, 1]
    assert "2 actors' assessments are restricted" in html
    officer = chart_table(login(world.officer).get(DASHBOARD).text, "actors-by-category")
    assert officer["Domestic civilian"] == [1, 0, 0, 1, 0, 1, 3]
    assert officer["Non-state armed group"] == [1, 0, 0, 0, 0, 0, 1]


def test_peace_operation_phase_and_poc_mandate(world, login, caf):
    panel = text(section(login(world.hct).get(DASHBOARD).text, "dashboard-missions"))
    assert "MINUSCA" in panel and "Phase: Drawdown" in panel and "Protection of Civilians mandate" in panel


def test_no_mission_no_panel(world, login):
    assert 'data-testid="dashboard-missions"' not in login(world.officer).get(DASHBOARD).text


def test_coming_deadlines_link_to_the_filtered_task_list(world, login, caf):
    html = login(world.officer).get(DASHBOARD).text
    deadlines = section(html, "dashboard-deadlines")
    first = re.search(r'data-testid="deadline">(.*?)</li>', deadlines).group(1)
    assert text(first).endswith("UNCL open task 1")  # the earliest due
    link = re.search(r'href="([^"]*due_after[^"]*)"', deadlines).group(1).replace("&amp;", "&")
    listed = login(world.officer).get(link).text
    assert len(re.findall(r'data-testid="task-row"', listed)) == 3


def test_members_and_settings_stay_reachable(world, login):
    html = login(world.head).get(DASHBOARD).text
    about = reverse("operations:about", kwargs={"code": "CAF"})
    assert f'href="{about}"' in html
    page = login(world.head).get(about).text
    assert 'data-testid="member-row"' in page and reverse("operations:settings", kwargs={"code": "CAF"}) in page


# --- Stakeholder map and actor list: "assessment restricted", never "not assessed" -------------------------


def test_map_and_list_say_assessment_restricted_for_an_hct_member(world, login, caf):
    client = login(world.hct)
    page = client.get(actors_url("stakeholder-map")).text
    assert "UNCL Actor hidden picture" in text(section(page, "assessment-restricted"))
    assert "UNCL Actor never assessed" in text(section(page, "unassessed"))
    assert "hidden picture" not in text(section(page, "unassessed"))
    listing = client.get(actors_url("actor-list")).text
    row = listing[listing.index("UNCL Actor hidden picture") :]
    row = row[: row.index("</tr>")]
    assert "assessment restricted" in row and "not assessed" not in row
    hidden = Actor.objects.get(name="UNCL Actor hidden picture")
    detail = client.get(actors_url("actor-detail", pk=hidden.pk)).text
    assert "Assessment restricted: 1 assessment of this actor is above your access level." in detail
    # The officer sees the assessment itself.
    officer_page = login(world.officer).get(actors_url("stakeholder-map")).text
    assert 'data-testid="assessment-restricted"' not in officer_page


# --- Query budget: constant in data size -----------------------------------------------------------------


def _bulk(operation, owner, count):
    activities = list(Activity.objects.filter(operation__isnull=True, peacekeeping_only=False))
    today = operation_today(operation)
    statuses = ["planned", "in_progress", "on_hold", "completed", "cancelled"]
    Task.objects.bulk_create(
        TaskFactory.build(
            operation=operation, reference=reference, owner=owner, activity=activities[i % len(activities)],
            title=f"Bulk {i}", status=statuses[i % 5], sensitivity=1 + i % 3,
            completed_on=today - datetime.timedelta(days=i % 300) if i % 5 == 3 else None,
            due_date=today + datetime.timedelta(days=i % 60 - 20),
        )
        for i, reference in enumerate(reserve_references(operation, count))
    )  # fmt: skip
    priorities = [ProtectionPriorityFactory(operation=operation) for _ in range(3)]
    links = Task.protection_priorities.through
    links.objects.bulk_create(
        links(task_id=pk, protectionpriority_id=priorities[i % 3].pk)
        for i, pk in enumerate(Task.objects.filter(operation=operation).values_list("pk", flat=True))
    )
    for i in range(count // 10):
        category = "nsag" if i % 2 else "domestic_civilian"
        actor = ActorFactory(operation=operation, sensitivity=1 + i % 3, category=category)
        ActorAssessmentFactory(actor=actor, sensitivity=1 + i % 3, assessor=owner)


# session, user, access (2), operation, tasks (7), actors, missions, switcher; planning: documents with the PP-4
# flag, MCDA requests, the assessments in force (when current), the set-up checklist
# The dashboard's own 15, and the panels of the area records, none growing with the data: planning (4),
# engagements and key messages (3), notifications (2), incidents (1), the summaries for the HCT (1, and the count
# waiting for a head of office's clearance: 1).
DASHBOARD_BUDGET = 15 + 4 + 3 + 2 + 1 + 2


@pytest.mark.parametrize("standing", ["officer", "hct", "hq"])
def test_dashboard_queries_do_not_grow_with_the_data(world, login, standing, django_assert_max_num_queries):
    MissionFactory(operations=[world.operation], poc_mandate=True)
    client = login(world.by_role(standing))
    _bulk(world.operation, world.officer, 10)
    client.get(DASHBOARD)  # warm the session and content types
    with CaptureQueriesContext(connection) as small:
        assert client.get(DASHBOARD).status_code == 200
    _bulk(world.operation, world.officer, 290)
    for _ in range(20):
        MembershipFactory(operation=world.operation, role=Role.HCT)
    with django_assert_max_num_queries(DASHBOARD_BUDGET):
        response = client.get(DASHBOARD)
    with CaptureQueriesContext(connection) as large:
        client.get(DASHBOARD)
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]
    assert response.status_code == 200
    totals = chart_table(response.text, "tasks-by-area")
    assert sum(row[5] for row in totals.values()) == 300


def test_an_empty_operations_cards_each_say_so_and_draw_no_chart_of_zeros(world, login):
    """Every card of a new operation's dashboard behaves the same: a sentence, not a chart or table of zeros."""
    html = login(world.head).get(DASHBOARD).text
    cards = dict(re.findall(r'<section[^>]*data-testid="(dashboard-[a-z-]+)"[^>]*>(.*?)</section>', html, re.S))
    assert len(cards) >= 10
    for testid, body in cards.items():
        assert 'data-testid="chart"' not in body, testid
        assert 'data-testid="dashboard-documents"' not in body, testid
    charted = [testid for testid, body in cards.items() if 'data-testid="chart-empty"' in body]
    assert {"dashboard-tasks", "dashboard-completed", "dashboard-actors", "dashboard-engagements",
            "dashboard-notifications"} <= set(charted)  # fmt: skip
