"""An actor linked to a task in two roles is listed once, with both roles: on the actor's page and the task's."""

import re

import pytest

from tests.factories import ActorFactory, TaskActorFactory, TaskFactory
from tests.support import CONFIDENTIAL, UNCLASSIFIED, actors_url, section, task_url


@pytest.fixture
def linked(world):
    """A task that talks to the FPRC as interlocutor and targets it too; the FPRC is a partner of a second task."""
    actor = ActorFactory(operation=world.operation, name="FPRC", sensitivity=UNCLASSIFIED)
    other = ActorFactory(operation=world.operation, name="Anti-balaka", sensitivity=UNCLASSIFIED)
    task = TaskFactory(operation=world.operation, owner=world.officer, title="Checkpoint dialogue",
                       sensitivity=UNCLASSIFIED)  # fmt: skip
    second = TaskFactory(operation=world.operation, owner=world.officer, title="Convoy notification",
                         sensitivity=UNCLASSIFIED)  # fmt: skip
    for role in ("target", "interlocutor"):
        TaskActorFactory(task=task, actor=actor, role=role)
    TaskActorFactory(task=task, actor=other, role="partner")
    TaskActorFactory(task=second, actor=actor, role="partner")
    return task, second, actor


def items(html, testid):
    """The text of each ``<li data-testid=testid>``."""
    found = re.findall(rf'<li[^>]*data-testid="{testid}"[^>]*>(.*?)</li>', html, flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in found]


@pytest.mark.parametrize("standing", ["officer", "hq", "hct"])
def test_the_actor_page_lists_each_task_once_with_its_roles(world, login, linked, standing):
    task, second, actor = linked
    html = section(login(world.by_role(standing)).get(actors_url("actor-detail", pk=actor.pk)).text, "actor-tasks")
    listed = items(html, "actor-task")
    assert len(listed) == 2
    assert sum(task.reference in item for item in listed) == 1
    assert any(task.reference in item and item.endswith("Target, Interlocutor") for item in listed)
    assert any(second.reference in item and item.endswith("Partner") for item in listed)


def test_the_task_page_lists_each_actor_once_with_its_roles(world, login, linked):
    task, _second, _actor = linked
    html = section(login(world.hq).get(task_url(task)).text, "task-actors")
    listed = [item.split(" Unlink")[0] for item in items(html, "task-actor")]
    assert listed == ["Partner Anti-balaka", "Target Interlocutor FPRC"]


def test_an_editor_unlinks_one_role_and_the_actor_stays_with_the_other(world, login, linked):
    task, _second, actor = linked
    client = login(world.officer)
    html = section(client.get(task_url(task)).text, "task-actors")
    fprc = html.split('data-testid="task-actor"')[2]
    assert "Remove FPRC from this task in which role?" in fprc
    assert "Unlink as Target" in fprc and "Unlink as Interlocutor" in fprc
    target = actor.task_links.get(task=task, role="target")
    response = client.post(actors_url("task-actor-remove", reference=task.reference, pk=target.pk))
    assert response.status_code == 302
    listed = items(section(client.get(task_url(task)).text, "task-actors"), "task-actor")
    assert [item.split(" Unlink")[0] for item in listed] == ["Partner Anti-balaka", "Interlocutor FPRC"]
    assert "Remove FPRC from this task? The actor stays in the registry." in listed[1]


def test_a_link_the_reader_may_not_see_is_not_listed(world, login, linked):
    task, _second, _actor = linked
    hidden = ActorFactory(operation=world.operation, name="Zone commander network", sensitivity=CONFIDENTIAL)
    TaskActorFactory(task=task, actor=hidden, role="target")
    TaskActorFactory(task=task, actor=hidden, role="interlocutor")
    assert "Zone commander network" not in login(world.hct).get(task_url(task)).text
    assert "Zone commander network" in login(world.hq).get(task_url(task)).text
