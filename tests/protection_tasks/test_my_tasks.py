"""My tasks as a daily worklist: filters and sorting, open work first, completed out of the way, and somewhere
useful to go for people who own no task (HQ readers, HCT members, newcomers)."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from cmcoord.core.choices import Role, Sensitivity
from protection_tasks.choices import TaskStatus
from tests.factories import MembershipFactory, TaskFactory
from tests.support import STANDINGS, VIEW_LEVELS, section

from .conftest import TITLES, activity

MY_TASKS = reverse("my-tasks")


@pytest.fixture(autouse=True)
def fixed_clock(fix_now):
    return fix_now(datetime(2026, 11, 21, 11, 30, tzinfo=UTC))


def titles(response):
    return [row.split("</a>")[1].rsplit(">", 1)[-1] for row in response.text.split('data-testid="task-row"')[1:]]


@pytest.fixture
def worklist(world):
    """The officer's tasks in CAF and Mali (where they are an officer too), plus one they have nothing to do with."""
    me = world.officer
    MembershipFactory(operation=world.other_operation, user=me, role=Role.OFFICER)
    caf, mali = world.operation, world.other_operation
    TaskFactory(operation=caf, owner=me, title="Brief the zone commander", due_date=date(2026, 12, 5), urgency=3)
    TaskFactory(operation=mali, owner=me, title="Notify the Gao convoy", due_date=date(2026, 11, 2), urgency=4,
                activity=activity("DI-5"), sensitivity=Sensitivity.STRICTLY_CONFIDENTIAL)  # fmt: skip
    TaskFactory(operation=caf, owner=me, title="Train the gendarmes", due_date=None, activity=activity("CB-1"))
    TaskFactory(operation=caf, owner=me, title="Closed workshop", status=TaskStatus.COMPLETED,
                completed_on=date(2026, 11, 1), due_date=date(2026, 10, 1))  # fmt: skip
    TaskFactory(operation=caf, owner=me, title="Dropped survey", status=TaskStatus.CANCELLED)
    shared = TaskFactory(operation=caf, owner=world.head, title="Joint PoC analysis", due_date=date(2026, 11, 20))
    shared.collaborators.add(me)
    TaskFactory(operation=caf, owner=world.head, title="The head own task", due_date=date(2026, 11, 1))
    return me


def test_default_is_open_work_overdue_first_then_by_due_date(login, worklist):
    response = login(worklist).get(MY_TASKS)
    assert response.status_code == 200
    assert titles(response) == [
        "Notify the Gao convoy", "Joint PoC analysis", "Brief the zone commander", "Train the gendarmes",
    ]  # fmt: skip
    assert "4 tasks" in section(response.text, "my-tasks-total")
    for hidden in ("Closed workshop", "Dropped survey", "The head own task"):
        assert hidden not in response.text
    # The status filter shows what is applied: the open statuses.
    assert response.context["filter"].form.data.getlist("status") == ["planned", "in_progress", "on_hold"]
    assert section(response.text, "task-filters").count("checked") == 3


def test_show_completed_adds_them_after_open_work_and_hide_takes_them_away(login, worklist):
    client = login(worklist)
    page = client.get(MY_TASKS).text
    link = page.split('data-testid="show-completed"')[0].rsplit('href="', 1)[1].split('"')[0].replace("&amp;", "&")
    assert "status=completed" in link
    response = client.get(MY_TASKS + link)
    assert titles(response)[-1] == "Closed workshop" and len(titles(response)) == 5
    assert "Dropped survey" not in response.text  # cancelled ones only when the filter asks for them
    hide = response.text.split('data-testid="hide-completed"')[0].rsplit('href="', 1)[1].split('"')[0]
    assert "status" not in hide
    assert "Closed workshop" not in client.get(MY_TASKS + hide.replace("&amp;", "&")).text
    assert titles(client.get(MY_TASKS, {"status": "cancelled"})) == ["Dropped survey"]


def test_filters_by_operation_area_text_and_overdue(login, worklist):
    client = login(worklist)
    page = client.get(MY_TASKS).text
    # The operation filter offers the user's operations by name.
    assert '<option value="MLI">Mali</option>' in page
    assert '<option value="CAF">Central African Republic</option>' in page
    assert titles(client.get(MY_TASKS, {"operation": "MLI"})) == ["Notify the Gao convoy"]
    assert titles(client.get(MY_TASKS, {"operation": "caf", "overdue": "on"})) == ["Joint PoC analysis"]
    assert titles(client.get(MY_TASKS, {"area": "CB"})) == ["Train the gendarmes"]
    assert titles(client.get(MY_TASKS, {"q": "zone commander"})) == ["Brief the zone commander"]
    response = client.get(MY_TASKS, {"q": "nothing like this"})
    assert "No tasks match." in response.text
    assert 'data-testid="my-tasks-empty"' not in response.text  # the user has tasks; the filter found none


def test_sorting_by_a_column_header(login, worklist):
    client = login(worklist)
    page = client.get(MY_TASKS).text
    assert 'href="?sort=due"' in page and 'href="?sort=operation"' in page and 'href="?sort=sensitivity"' in page
    assert titles(client.get(MY_TASKS, {"sort": "-due"}))[:3] == [
        "Brief the zone commander", "Joint PoC analysis", "Notify the Gao convoy",
    ]  # fmt: skip
    assert titles(client.get(MY_TASKS, {"sort": "title"})) == sorted(titles(client.get(MY_TASKS)))
    assert titles(client.get(MY_TASKS, {"sort": "-sensitivity"}))[0] == "Notify the Gao convoy"
    assert titles(client.get(MY_TASKS, {"sort": "operation"}))[-1] == "Notify the Gao convoy"


def test_each_row_shows_sensitivity_and_operation(login, worklist):
    response = login(worklist).get(MY_TASKS, {"operation": "MLI"})
    row = response.text.split('data-testid="task-row"')[1]
    assert "Strictly confidential" in section(row, "task-sensitivity")
    assert 'href="/operations/MLI/"' in row


@pytest.mark.parametrize("standing", ["hq", "hct", "head"])
def test_someone_who_owns_no_task_is_shown_the_task_lists_they_can_read(world, login, level_tasks, standing):
    """CAF has one task per level, all the officer's: each reader is sent to the lists, never shown a title."""
    response = login(world.by_role(standing)).get(MY_TASKS)
    assert response.status_code == 200
    empty = section(response.text, "my-tasks-empty")
    assert "You own no task and collaborate on none." in empty
    lists = section(response.text, "readable-task-lists")
    assert 'href="/operations/CAF/tasks/"' in lists
    assert "Mali" not in lists or standing == "hq"  # the HQ reader of every operation reads Mali's list too
    for title in TITLES.values():
        assert title not in response.text


def test_someone_who_belongs_nowhere_is_told_so(world, login):
    response = login(world.outsider).get(MY_TASKS)
    empty = section(response.text, "my-tasks-empty")
    assert "You do not belong to any operation yet." in empty
    assert 'href="/"' in empty


@pytest.mark.parametrize("standing", STANDINGS)
def test_never_lists_a_task_of_another_operation_or_above_the_user_s_level(world, login, level_tasks, standing):
    """Every task names the user as owner or collaborator; only those the user may read are listed, and the
    empty state's counts never count what the user may not read."""
    user = world.by_role(standing)
    for task in level_tasks.values():
        task.collaborators.add(user)
    mali = TaskFactory(operation=world.other_operation, owner=world.other_officer, title="Timbuktu liaison visit")
    mali.collaborators.add(user)
    response = login(user).get(MY_TASKS, {"status": ["planned", "in_progress", "on_hold", "completed", "cancelled"]})
    assert response.status_code == 200
    listed = set(titles(response))
    expected = {TITLES[level] for level in VIEW_LEVELS[standing]}
    if standing in {"other_officer", "hq", "hq_limited"}:
        expected.add("Timbuktu liaison visit")
    assert listed == expected, standing
    for title in {*TITLES.values(), "Timbuktu liaison visit"} - expected:
        assert title not in response.text


def test_a_page_past_the_end_shows_the_last_page(world, login):
    for n in range(55):
        TaskFactory(operation=world.operation, owner=world.officer, title=f"Routine liaison {n:02d}")
    client = login(world.officer)
    response = client.get(MY_TASKS, {"page": 99})
    assert response.status_code == 200
    assert response.context["page_obj"].number == 2
    assert len(titles(response)) == 5
    assert "Page 2 of 2" in response.text
    for page in ("last", "x", "0", "-3"):
        assert client.get(MY_TASKS, {"page": page}).status_code == 200, page
