"""The cross-country (HQ) dashboard: who sees which operations and numbers, the filters, the drill-down links to
the task lists, the gaps, the operations by peace-operation phase, and a query budget constant in data size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cmcoord.core.choices import Role, Sensitivity
from cmcoord.operations.choices import CMCoordStrategy, OCHARegion
from cmcoord.operations.models import CountryOperation
from protection_tasks.choices import TaskStatus
from protection_tasks.models import Activity, Task
from tests.factories import (
    COUNTRIES,
    CountryOperationFactory,
    MembershipFactory,
    MissionFactory,
    TaskFactory,
    reserve_references,
)

from .hq_support import CONFIDENTIAL_TITLE, SECRET_TITLE, URL, activity, days_ago, last_30_days


def matrix_of(response):
    """The matrix panel's data, as the template received it."""
    for panel in response.context["panels"]:
        if "matrix" in panel.context:
            return panel.context["matrix"]
    raise AssertionError("no matrix panel")


def cells(response):
    """{(operation code, area code): Cell}."""
    return {(row.operation.code, cell.area.code): cell for row in matrix_of(response).rows for cell in row.cells}


# --- Who sees what ---------------------------------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    ("standing", "codes"),
    [
        ("hq", ["CAF", "MLI"]),
        ("hq_limited", ["MLI"]),
        ("officer", ["CAF"]),
        ("head", ["CAF"]),
        ("hct", ["CAF"]),
        ("other_officer", ["MLI"]),
        ("outsider", []),
        ("admin", []),
    ],
)
def test_each_reader_sees_only_their_operations(world, crosscountry_tasks, login, standing, codes):
    response = login(world.by_role(standing)).get(URL, last_30_days())
    assert response.status_code == 200
    shown = [row.operation.code for row in matrix_of(response).rows] if codes else []
    assert shown == codes
    assert response.text.count('data-testid="hq-row"') == len(codes)
    if not codes:
        assert 'data-testid="hq-empty"' in response.text
    assert SECRET_TITLE not in response.text


def test_hq_reader_of_mali_only_sees_no_car_number_anywhere(world, crosscountry_tasks, login):
    response = login(world.hq_limited).get(URL, last_30_days())
    assert "Central African Republic" not in response.text
    assert 'data-operation="CAF"' not in response.text
    assert "/operations/CAF/" not in response.text
    matrix = matrix_of(response)
    totals = {cell.area.code: cell for cell in matrix.totals}
    # The totals are Mali's alone: one open Analysis task, one Capacity Building task completed.
    assert (totals["AN"].open.total, totals["AN"].overdue.total, totals["AN"].completed.total) == (1, 0, 0)
    assert (totals["CB"].open.total, totals["CB"].completed.total) == (0, 1)
    assert sum(cell.open.total + cell.completed.total for cell in matrix.totals) == 2
    chart = next(panel.context["chart"] for panel in response.context["panels"] if "chart" in panel.context)
    assert sum(row["total"] for row in chart.table_rows) == 2


def test_hq_reader_of_every_operation_sees_both(world, crosscountry_tasks, login):
    found = cells(login(world.hq).get(URL, last_30_days()))
    assert found["MLI", "AN"].open.total == 1
    assert found["CAF", "AN"].open.total == 3


@pytest.mark.parametrize(
    ("standing", "open_restricted", "overdue_restricted"),
    [("officer", 0, 0), ("head", 0, 0), ("hq", 1, 1), ("hct", 2, 2)],
)
def test_counts_include_restricted_tasks_and_say_so(
    world, crosscountry_tasks, login, standing, open_restricted, overdue_restricted
):
    """Everyone counts all three open Analysis tasks of CAF; who cannot open some is told how many."""
    response = login(world.by_role(standing)).get(URL, last_30_days())
    cell = cells(response)["CAF", "AN"]
    assert (cell.open.total, cell.overdue.total) == (3, 2)
    assert (cell.open.restricted, cell.overdue.restricted) == (open_restricted, overdue_restricted)
    html = response.text.split('data-operation="CAF"')[1].split("</tr>")[0]
    analysis_open = html.split('data-area="AN" data-measure="open">')[1].split("</td>")[0]
    if open_restricted:
        assert f"{3 - open_restricted} you can open, {open_restricted} restricted" in analysis_open
    else:
        section = response.text.split('data-testid="hq-matrix"')[1].split("</section>")[0]
        assert "you can open" not in section and " restricted" not in section
    assert SECRET_TITLE not in response.text
    if standing == "hct":
        assert CONFIDENTIAL_TITLE not in response.text


@pytest.mark.parametrize("standing", ["officer", "hq", "hct", "hq_limited"])
def test_every_number_links_to_a_task_list_with_exactly_the_tasks_it_counts(world, crosscountry_tasks, login, standing):
    """The task list a cell opens shows the counted tasks the reader may open: all of them, when they may open all."""
    client = login(world.by_role(standing))
    matrix = matrix_of(client.get(URL, last_30_days()))
    checked = 0
    for row in matrix.rows:
        for cell in row.cells:
            for measure, tally in cell.tallies:
                listed = client.get(tally.url)
                assert listed.status_code == 200, (row.operation.code, cell.area.code, measure.key)
                assert listed.context["total"] == tally.visible, (row.operation.code, cell.area.code, measure.key)
                if not tally.restricted:
                    assert listed.context["total"] == tally.total
                checked += tally.total
    assert checked > 0


def test_a_link_is_drawn_only_where_the_reader_can_open_something(world, crosscountry_tasks, login):
    """For the HCT member both overdue Analysis tasks of CAF are restricted: the number is shown, not linked."""
    response = login(world.hct).get(URL, last_30_days())
    html = response.text.split('data-operation="CAF"')[1].split("</tr>")[0]
    overdue = html.split('data-area="AN" data-measure="overdue">')[1].split("</td>")[0]
    assert "<a " not in overdue and ">2<" in overdue and "2 restricted" in overdue
    opened = html.split('data-area="AN" data-measure="open">')[1].split("</td>")[0]
    assert "<a " in opened and "status=planned" in opened


# --- Filters -----------------------------------------------------------------------------------------------------


def test_period_narrows_the_completed_tasks_and_the_gaps(world, crosscountry_tasks, login):
    client = login(world.officer)
    recent = cells(client.get(URL, last_30_days()))
    assert recent["CAF", "DI"].completed.total == 1
    assert recent["CAF", "CB"].completed.total == 0
    wide = {"period": "custom", "date_from": days_ago(120).isoformat(), "date_to": days_ago(1).isoformat()}
    response = client.get(URL, wide)
    found = cells(response)
    assert found["CAF", "DI"].completed.total == 2
    assert found["CAF", "CB"].completed.total == 1
    gaps = {row.operation.code: [area.code for area in row.gaps] for row in matrix_of(response).rows}
    assert gaps == {"CAF": ["AD", "PP"]}
    twelve = cells(client.get(URL, {"period": "12m"}))
    assert twelve["CAF", "DI"].completed.total == 2


def test_named_periods_end_today(world, login):
    client = login(world.hq)
    today = timezone.localdate()
    for period, months in [("3m", 3), ("6m", 6), ("12m", 12)]:
        scope = client.get(URL, {"period": period}).context["scope"]
        assert scope.end == today
        assert (today - scope.start).days in range(28 * months - 1, 31 * months + 1)
    scope = client.get(URL).context["scope"]  # this quarter, by default
    assert scope.start.day == 1 and scope.start.month in (1, 4, 7, 10) and scope.end == today


def test_gaps_count_restricted_tasks_too(world, crosscountry_tasks, login):
    """An area whose only task the reader cannot open is not a gap: there is work, they just cannot read it."""
    TaskFactory(
        operation=world.operation, owner=world.officer, activity=activity("PP-1"), title="Restricted planning",
        sensitivity=Sensitivity.STRICTLY_CONFIDENTIAL,
    )  # fmt: skip
    response = login(world.hct).get(URL, last_30_days())
    gaps = {row.operation.code: [area.code for area in row.gaps] for row in matrix_of(response).rows}
    assert gaps == {"CAF": ["AD", "CB"]}
    section = response.text.split('data-testid="hq-gaps"')[1].split("</section>")[0]
    assert "Advocacy" in section and "Planning" not in section
    assert "Restricted planning" not in response.text


def test_region_and_strategy_narrow_the_operations(world, crosscountry_tasks, login):
    yemen = CountryOperationFactory(
        country="YE", name="Yemen", region=OCHARegion.ROMENA, strategy=CMCoordStrategy.COEXISTENCE
    )
    TaskFactory(operation=yemen, owner=world.hq, activity=activity("AD-1"), title="Hodeidah access")
    CountryOperation.objects.filter(pk=world.other_operation.pk).update(strategy=CMCoordStrategy.COOPERATION)
    client = login(world.hq)

    def shown(**filters):
        response = client.get(URL, filters)
        codes = [operation.code for operation in response.context["scope"].operations]
        assert response.text.count('data-testid="hq-row"') == len(codes)
        return codes

    assert shown() == ["CAF", "MLI", "YEM"]
    assert shown(region="ROMENA") == ["YEM"]
    assert shown(region="ROWCA") == ["CAF", "MLI"]
    assert shown(strategy="cooperation") == ["MLI"]
    assert shown(region="ROWCA", strategy="coexistence") == []
    response = client.get(URL, {"region": "ROLAC"})
    assert 'data-testid="hq-empty"' in response.text and "None of your operations matches" in response.text
    assert "ROMENA — Middle East and North Africa" in client.get(URL, {"region": "ROMENA"}).text


@pytest.mark.parametrize(
    "filters",
    [
        {"period": "custom", "date_from": "2026-13-01", "date_to": "2026-12-31"},
        {"period": "custom", "date_from": "yesterday"},
        {"period": "custom"},
        {"period": "custom", "date_from": "2026-06-30", "date_to": "2026-06-01"},
        {"period": "custom", "date_from": "1900-01-01", "date_to": "2026-06-01"},
        {"period": "forever"},
        {"region": "MARS"},
        {"strategy": "conquest"},
        {"date_from": "2026-02-30", "period": "custom", "date_to": "9999-99-99"},
    ],
)
def test_bad_filters_re_render_with_errors(world, crosscountry_tasks, login, filters):
    response = login(world.hq).get(URL, filters)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert 'data-testid="error-summary"' in response.text
    assert 'data-testid="hq-matrix"' not in response.text


def test_a_date_filter_outside_a_custom_period_is_ignored(world, crosscountry_tasks, login):
    """Dates count only with "From … to …": a named period keeps its own dates."""
    response = login(world.hq).get(URL, {"period": "3m", "date_from": "2020-01-01"})
    assert response.context["scope"].end == timezone.localdate()


# --- Missions ----------------------------------------------------------------------------------------------------


def test_operations_by_peace_operation_phase(world, crosscountry_tasks, login):
    MissionFactory(acronym="MINUSCA", operations=[world.operation], phase="active")
    MissionFactory(acronym="UNAMID", operations=[world.operation], phase="closed")
    MissionFactory(acronym="MINUSMA", operations=[world.other_operation], phase="drawdown")
    yemen = CountryOperationFactory(country="YE", name="Yemen")
    response = login(world.hq).get(URL, last_30_days())
    groups = next(panel.context["groups"] for panel in response.context["panels"] if "groups" in panel.context)
    by_phase = {
        group.phase: [(op.code, [m.acronym for m in missions]) for op, missions in group.entries] for group in groups
    }
    assert by_phase["active"] == [("CAF", ["MINUSCA"])]
    assert by_phase["drawdown"] == [("MLI", ["MINUSMA"])]
    assert by_phase["closed"] == []
    assert by_phase[""] == [(yemen.code, [])]
    section = response.text.split('data-testid="hq-phases"')[1].split("</section>")[0]
    assert "MINUSCA" in section and "UNAMID" not in section
    limited = login(world.hq_limited).get(URL, last_30_days())
    section = limited.text.split('data-testid="hq-phases"')[1].split("</section>")[0]
    assert "MINUSMA" in section and "MINUSCA" not in section and "Central African Republic" not in section


# --- Links to the page -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("standing", "linked"), [("hq", True), ("hq_limited", True), ("officer", False)])
def test_hq_readers_find_the_dashboard_in_the_top_bar_and_on_home(world, login, standing, linked):
    response = login(world.by_role(standing)).get(reverse("home"))
    assert ('data-testid="nav-hq"' in response.text) is linked
    assert ('data-testid="home-hq-link"' in response.text) is linked


# --- Query budget ------------------------------------------------------------------------------------------------


def _bulk_tasks(operation, owner, count):
    """``count`` tasks of ``operation`` over every area and status, some overdue, some completed recently."""
    activities = list(Activity.objects.filter(operation__isnull=True, peacekeeping_only=False))
    statuses = [TaskStatus.PLANNED, TaskStatus.IN_PROGRESS, TaskStatus.ON_HOLD, TaskStatus.COMPLETED]
    tasks = []
    for i, reference in enumerate(reserve_references(operation, count)):
        status = statuses[i % len(statuses)]
        tasks.append(
            TaskFactory.build(
                operation=operation, reference=reference, activity=activities[i % len(activities)],
                title=f"Bulk {operation.code} {i}", owner=owner, status=status,
                completed_on=days_ago(i % 20) if status == TaskStatus.COMPLETED else None,
                due_date=days_ago(10 - i % 20), sensitivity=Sensitivity(1 + i % 3),
            )
        )  # fmt: skip
    Task.objects.bulk_create(tasks)


def _world_of(count_operations, tasks_each, hq):
    operations = [CountryOperationFactory(country=code) for code in COUNTRIES[:count_operations]]
    for operation in operations:
        owner = MembershipFactory(operation=operation, role=Role.OFFICER).user
        _bulk_tasks(operation, owner, tasks_each)
    return operations


def _queries(client, filters):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, filters)
    assert response.status_code == 200
    return len(captured), response


@pytest.mark.parametrize("standing", ["hq", "officer"])
def test_query_budget_does_not_grow_with_operations_or_tasks(world, login, standing, django_assert_max_num_queries):
    """2 operations with 10 tasks each, then 12 with 34 each (about 400): the same number of queries."""
    user = world.by_role(standing)
    client = login(user)
    _world_of(2, 10, user)
    if standing == "officer":
        for operation in CountryOperation.objects.exclude(pk=world.operation.pk):
            MembershipFactory(operation=operation, user=user, role=Role.OFFICER)
    small, response = _queries(client, last_30_days())
    assert len(matrix_of(response).rows) == 2
    operations = _world_of(12, 34, user)
    if standing == "officer":
        for operation in operations[2:]:
            MembershipFactory(operation=operation, user=user, role=Role.OFFICER)
    client = login(type(user).objects.get(pk=user.pk))  # a fresh user object: its access read again
    large, response = _queries(client, last_30_days())
    assert len(matrix_of(response).rows) == 12
    assert Task.objects.count() >= 400
    assert large == small, (small, large)
    with django_assert_max_num_queries(14):
        client.get(URL, {**last_30_days(), "region": "ROWCA"})


def test_open_is_one_number_on_the_chart_and_in_the_matrix(world, crosscountry_tasks, login):
    """A chart bar's two open parts (on time, overdue) add up to the matrix's Open total for the area."""
    import re

    response = login(world.hq).get(URL, last_30_days())
    table = response.text.split('data-testid="chart-table"')[1].split("</table>")[0]
    header = re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', table)
    assert header[1:4] == ["Open, on time", "Open, overdue", "Completed in the period"]
    analysis = next(row for row in table.split("<tr>") if "1. Analysis" in row)
    values = re.findall(r'<td class="text-end">(\d+)</td>', analysis)
    on_time, overdue = int(values[0]), int(values[1])
    totals = response.context["panels"][0].context["matrix"].totals[0]
    assert (on_time + overdue, overdue) == (totals.open.total, totals.overdue.total) == (4, 2)
