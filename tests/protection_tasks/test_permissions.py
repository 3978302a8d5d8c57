"""Who reaches which page of the task log, and which task titles each standing sees there.

Expected by the access policy (cmcoord/operations/access.py): officers and the head read and change every
level of their own operation; HQ readers read up to Confidential; HCT members read Unclassified only;
everyone with a standing counts every level; nobody else reaches the operation at all (404).
"""

import copy

import pytest
from django.urls import reverse

from cmcoord.core.choices import Sensitivity
from protection_tasks.choices import EntryKind, TaskStatus
from protection_tasks.models import Task, TimelineEntry
from tests.factories import ProtectionPriorityFactory, TaskFactory
from tests.support import (
    CONFIDENTIAL,
    EDITORS,
    IN_OPERATION,
    MANAGERS,
    STANDINGS,
    STRICTLY_CONFIDENTIAL,
    UNCLASSIFIED,
    VIEW_LEVELS,
    expected_status,
    task_log_url,
    task_url,
)

from .conftest import TITLES, make_level_tasks

# The matrices below read the same tasks some 200 times: built once for the module, each test's changes rolled
# back (tests/conftest.py, module_transaction).


@pytest.fixture(scope="module")
def module_level_tasks(module_transaction, module_world):
    return module_transaction.require().build(make_level_tasks, module_world)


@pytest.fixture
def level_tasks(module_level_tasks, world):
    return copy.deepcopy(module_level_tasks)


# --- Task pages, by standing and sensitivity level --------------------------------------------------


@pytest.mark.parametrize("standing", STANDINGS)
def test_task_list_shows_only_readable_titles(world, login, level_tasks, standing):
    response = login(world.by_role(standing)).get(task_log_url("task-list"))
    if standing not in IN_OPERATION:
        assert response.status_code == 404
        assert not any(title in response.text for title in TITLES.values())
        return
    assert response.status_code == 200
    for level, title in TITLES.items():
        assert (title in response.text) is (level in VIEW_LEVELS[standing]), (level, title)
    count = len(VIEW_LEVELS[standing])
    assert f"{count} task" in response.text
    assert response.text.count('data-testid="task-row"') == count


@pytest.mark.parametrize("standing", STANDINGS)
@pytest.mark.parametrize("level", list(Sensitivity))
def test_task_detail(world, login, level_tasks, standing, level):
    task = level_tasks[level]
    response = login(world.by_role(standing)).get(task_url(task))
    if level in VIEW_LEVELS[standing]:
        assert response.status_code == 200
        assert TITLES[level] in response.text
        # Only editors get the quick status buttons and the note form.
        assert ('data-testid="status-buttons"' in response.text) is (standing in EDITORS)
        assert ('data-testid="note-form"' in response.text) is (standing in EDITORS)
    else:
        assert response.status_code == 404
        assert TITLES[level] not in response.text


@pytest.mark.parametrize("standing", STANDINGS)
@pytest.mark.parametrize("level", list(Sensitivity))
def test_task_edit_page(world, login, level_tasks, standing, level):
    task = level_tasks[level]
    response = login(world.by_role(standing)).get(task_url(task, "task-edit"))
    # Readers of the operation who may not edit get 403 for every task (whether they could read it or not,
    # so the answer does not tell a restricted task exists); strangers get 404.
    assert response.status_code == expected_status(standing, EDITORS)
    if response.status_code == 200:
        assert f'value="{TITLES[level]}"' in response.text
    else:
        assert TITLES[level] not in response.text


@pytest.mark.parametrize("standing", STANDINGS)
@pytest.mark.parametrize("level", list(Sensitivity))
def test_task_edit_post(world, login, level_tasks, standing, level):
    task = level_tasks[level]
    response = login(world.by_role(standing)).post(
        task_url(task, "task-edit"),
        {
            "activity": task.activity_id,
            "title": "Renamed by hand",
            "status": task.status,
            "urgency": task.urgency,
            "owner": world.officer.pk,
            "sensitivity": UNCLASSIFIED,
            "version": task.version,
        },
    )
    task.refresh_from_db()
    if standing in EDITORS:
        assert response.status_code == 302
        assert task.title == "Renamed by hand"
    else:
        assert response.status_code == expected_status(standing, EDITORS)
        assert task.title == TITLES[level]
        assert task.sensitivity == level
        assert task.version == 1


@pytest.mark.parametrize("standing", STANDINGS)
@pytest.mark.parametrize("level", list(Sensitivity))
def test_status_post(world, login, level_tasks, standing, level):
    task = level_tasks[level]
    response = login(world.by_role(standing)).post(
        task_url(task, "task-status"), {"status": TaskStatus.IN_PROGRESS, "version": task.version}
    )
    task.refresh_from_db()
    if standing in EDITORS:
        assert response.status_code == 302
        assert task.status == TaskStatus.IN_PROGRESS
        assert TimelineEntry.objects.filter(task=task, kind=EntryKind.STATUS).count() == 1
    else:
        assert response.status_code == expected_status(standing, EDITORS)
        assert task.status == TaskStatus.PLANNED
        assert task.version == 1
        assert not TimelineEntry.objects.filter(task=task).exists()


@pytest.mark.parametrize("standing", STANDINGS)
@pytest.mark.parametrize("level", list(Sensitivity))
def test_note_post(world, login, level_tasks, standing, level):
    task = level_tasks[level]
    response = login(world.by_role(standing)).post(task_url(task, "task-note"), {"text": "Met the liaison officer."})
    notes = TimelineEntry.objects.filter(task=task, kind=EntryKind.NOTE)
    if standing in EDITORS:
        assert response.status_code == 302
        assert [n.text for n in notes] == ["Met the liaison officer."]
        assert notes.get().author == world.by_role(standing)
    else:
        assert response.status_code == expected_status(standing, EDITORS)
        assert not notes.exists()


def test_get_on_post_only_views_is_refused(world, login, level_tasks):
    client = login(world.officer)
    for name in ("task-status", "task-note"):
        assert client.get(task_url(level_tasks[UNCLASSIFIED], name)).status_code == 405


# --- Pages of the operation (not of one task) ------------------------------------------------------


def _operation_pages(world):
    priority = ProtectionPriorityFactory(operation=world.operation, title="Safe access to Bria market")
    return {
        # name: (url, who gets 200)
        "task-create": (task_log_url("task-create"), EDITORS),
        "catalogue": (task_log_url("catalogue"), IN_OPERATION),
        "activity-create": (task_log_url("activity-create"), MANAGERS),
        "priority-list": (task_log_url("priority-list"), IN_OPERATION),
        "priority-create": (task_log_url("priority-create"), MANAGERS),
        "priority-edit": (task_log_url("priority-edit", pk=priority.pk), MANAGERS),
    }


@pytest.mark.parametrize("standing", STANDINGS)
@pytest.mark.parametrize(
    "page", ["task-create", "catalogue", "activity-create", "priority-list", "priority-create", "priority-edit"]
)
def test_operation_page_matrix(world, login, standing, page):
    url, allowed = _operation_pages(world)[page]
    response = login(world.by_role(standing)).get(url)
    assert response.status_code == expected_status(standing, allowed)
    if response.status_code == 404:
        assert "Central African Republic" not in response.text


@pytest.mark.parametrize("standing", STANDINGS)
def test_my_tasks_lists_only_readable_tasks(world, login, level_tasks, standing):
    user = world.by_role(standing)
    for task in level_tasks.values():
        task.collaborators.add(user)
    response = login(user).get(reverse("my-tasks"))
    assert response.status_code == 200
    for level, title in TITLES.items():
        assert (title in response.text) is (level in VIEW_LEVELS[standing]), (level, title)


def test_anonymous_is_sent_to_sign_in_everywhere(client, world, level_tasks):
    task = level_tasks[UNCLASSIFIED]
    priority = ProtectionPriorityFactory(operation=world.operation)
    urls = [
        task_log_url("task-list"),
        task_log_url("task-create"),
        task_log_url("catalogue"),
        task_log_url("activity-create"),
        task_log_url("priority-list"),
        task_log_url("priority-create"),
        task_log_url("priority-edit", pk=priority.pk),
        task_url(task),
        task_url(task, "task-edit"),
        reverse("my-tasks"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url
    for url in (task_url(task, "task-status"), task_url(task, "task-note"), task_url(task, "task-edit")):
        response = client.post(url, {"status": TaskStatus.IN_PROGRESS, "version": 1, "text": "x", "title": "x"})
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url
    task.refresh_from_db()
    assert (task.status, task.title, task.version) == (TaskStatus.PLANNED, TITLES[UNCLASSIFIED], 1)
    assert not TimelineEntry.objects.exists()


def test_closed_operation_stays_readable_but_refuses_changes(world, login, level_tasks):
    world.operation.is_active = False
    world.operation.save()
    task = level_tasks[CONFIDENTIAL]
    client = login(world.officer)
    assert client.get(task_url(task)).status_code == 200
    assert client.get(task_url(task, "task-edit")).status_code == 403
    assert client.get(task_log_url("task-create")).status_code == 403
    assert client.post(task_url(task, "task-status"), {"status": "in_progress", "version": 1}).status_code == 403
    assert client.post(task_url(task, "task-note"), {"text": "Too late"}).status_code == 403
    task.refresh_from_db()
    assert task.status == TaskStatus.PLANNED
    assert not TimelineEntry.objects.exists()


# --- Search, counts and shares never reveal a restricted title -----------------------------------


@pytest.mark.parametrize("standing", ["hct", "hq", "officer"])
def test_free_text_search_stays_within_scope(world, login, level_tasks, standing):
    client = login(world.by_role(standing))
    response = client.get(task_log_url("task-list"), {"q": "convoy"})  # a word of every title
    assert response.status_code == 200
    for level, title in TITLES.items():
        assert (title in response.text) is (level in VIEW_LEVELS[standing])
    # A word found only in the confidential task's title and description.
    level_tasks[CONFIDENTIAL].description = "Secret meeting with the force commander"
    level_tasks[CONFIDENTIAL].save()
    response = client.get(task_log_url("task-list"), {"q": "Kaga-Bandoro"})
    expect_hit = CONFIDENTIAL in VIEW_LEVELS[standing]
    assert (TITLES[CONFIDENTIAL] in response.text) is expect_hit
    assert ("1 task" in response.text) is expect_hit
    response = client.get(task_log_url("task-list"), {"q": "force commander"})
    assert ("1 task" in response.text) is expect_hit
    assert (TITLES[CONFIDENTIAL] in response.text) is expect_hit


def test_hct_search_by_reference_of_a_confidential_task_finds_nothing(world, login, level_tasks):
    response = login(world.hct).get(task_log_url("task-list"), {"q": level_tasks[STRICTLY_CONFIDENTIAL].reference})
    assert "0 tasks" in response.text
    assert TITLES[STRICTLY_CONFIDENTIAL] not in response.text
    assert 'data-testid="task-row"' not in response.text


@pytest.mark.parametrize("standing", ["officer", "head", "hct", "hq"])
def test_catalogue_counts_every_task_but_names_none(world, login, level_tasks, standing):
    response = login(world.by_role(standing)).get(task_log_url("catalogue"))
    assert response.status_code == 200
    an1 = response.text.split('data-code="AN-1"')[1].split('data-testid="catalogue-activity"')[0]
    assert "3 tasks" in an1
    for title in TITLES.values():
        assert title not in response.text
    an2 = response.text.split('data-code="AN-2"')[1].split('data-testid="catalogue-activity"')[0]
    assert "0 tasks" in an2


def test_catalogue_counts_only_the_operation_s_tasks(world, login, level_tasks):
    TaskFactory(operation=world.other_operation, owner=world.other_officer, sensitivity=UNCLASSIFIED)
    response = login(world.hq).get(task_log_url("catalogue"))
    an1 = response.text.split('data-code="AN-1"')[1].split('data-testid="catalogue-activity"')[0]
    assert "3 tasks" in an1


# standing -> (titles shown, restricted-task text)
PRIORITY_VIEW = {
    "officer": ({UNCLASSIFIED, CONFIDENTIAL, STRICTLY_CONFIDENTIAL}, None),
    "head": ({UNCLASSIFIED, CONFIDENTIAL, STRICTLY_CONFIDENTIAL}, None),
    "hq": ({UNCLASSIFIED, CONFIDENTIAL}, "and 1 restricted task"),
    "hct": ({UNCLASSIFIED}, "and 2 restricted tasks"),
}


@pytest.mark.parametrize("standing", PRIORITY_VIEW)
def test_priority_share_counts_all_tasks_but_lists_only_readable_ones(world, login, level_tasks, standing):
    priority = ProtectionPriorityFactory(operation=world.operation, title="Safe access to Bria market")
    for task in level_tasks.values():
        task.protection_priorities.add(priority)
    done = level_tasks[UNCLASSIFIED]
    Task.objects.filter(pk=done.pk).update(status=TaskStatus.COMPLETED, completed_on="2026-11-01")
    # A cancelled task counts for nothing, not even as restricted.
    TaskFactory(
        operation=world.operation,
        owner=world.officer,
        sensitivity=STRICTLY_CONFIDENTIAL,
        status=TaskStatus.CANCELLED,
        title="Dropped",
    ).protection_priorities.add(priority)

    response = login(world.by_role(standing)).get(task_log_url("priority-list"))
    assert response.status_code == 200
    assert "Safe access to Bria market" in response.text
    share = response.text.split('data-testid="priority-share"')[1].split("</p>")[0]
    assert "1 of 3 tasks completed (33%)" in share
    shown, restricted = PRIORITY_VIEW[standing]
    for level, title in TITLES.items():
        assert (title in response.text) is (level in shown)
    if restricted:
        assert restricted in response.text
    else:
        assert "restricted task" not in response.text


# --- Other operations ------------------------------------------------------------------------------


@pytest.mark.parametrize("standing", ["other_officer", "hq_limited"])
def test_other_operation_users_get_404_on_everything_of_caf(world, login, level_tasks, standing):
    client = login(world.by_role(standing))
    for task in level_tasks.values():
        for name in ("task-detail", "task-edit"):
            assert client.get(task_url(task, name)).status_code == 404
        assert client.post(task_url(task, "task-status"), {"status": "in_progress", "version": 1}).status_code == 404
        assert client.post(task_url(task, "task-note"), {"text": "Hello"}).status_code == 404
    assert not TimelineEntry.objects.exists()
    assert set(Task.objects.values_list("status", flat=True)) == {TaskStatus.PLANNED}


def test_mali_officer_cannot_create_a_task_in_caf(world, login):
    response = login(world.other_officer).post(
        task_log_url("task-create"),
        {
            "activity": Task._meta.get_field("activity").related_model.objects.get(code="AN-1").pk,
            "title": "Planted task",
            "status": TaskStatus.PLANNED,
            "urgency": 2,
            "owner": world.other_officer.pk,
            "sensitivity": UNCLASSIFIED,
        },
    )
    assert response.status_code == 404
    assert not Task.objects.filter(title="Planted task").exists()


# standing -> status of (detail, edit, status POST) of a CAF task's reference under /operations/MLI/.
# The Mali officer may edit in Mali but no Mali task has that reference; HQ may read Mali but not edit (403 before
# any lookup); the CAF officer has no standing in Mali.
CROSS_URL = {"other_officer": (404, 404, 404), "hq": (404, 403, 403), "officer": (404, 404, 404)}


@pytest.mark.parametrize("standing", CROSS_URL)
def test_nobody_reaches_a_caf_task_through_another_operation_s_url(world, login, level_tasks, standing):
    client = login(world.by_role(standing))
    task = level_tasks[UNCLASSIFIED]
    detail, edit, status = CROSS_URL[standing]
    response = client.get(task_url(task, "task-detail", code="MLI"))
    assert response.status_code == detail
    assert TITLES[UNCLASSIFIED] not in response.text
    response = client.get(task_url(task, "task-edit", code="MLI"))
    assert response.status_code == edit
    assert TITLES[UNCLASSIFIED] not in response.text
    response = client.post(task_url(task, "task-status", code="MLI"), {"status": "in_progress", "version": 1})
    assert response.status_code == status
    response = client.post(task_url(task, "task-note", code="MLI"), {"text": "Hello"})
    assert response.status_code == status
    task.refresh_from_db()
    assert task.status == TaskStatus.PLANNED
    assert not TimelineEntry.objects.exists()


def test_mali_priority_cannot_be_edited_through_caf(world, login):
    mali = ProtectionPriorityFactory(operation=world.other_operation, title="Mali priority")
    ProtectionPriorityFactory(operation=world.operation)
    response = login(world.head).get(task_log_url("priority-edit", pk=mali.pk))
    assert response.status_code == 404
    response = login(world.head).post(
        task_log_url("priority-edit", pk=mali.pk), {"title": "Hijacked", "status": "agreed"}
    )
    assert response.status_code == 404
    mali.refresh_from_db()
    assert mali.title == "Mali priority"
