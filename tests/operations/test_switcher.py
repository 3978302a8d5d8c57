"""Switching operations in the top bar keeps the tab you were on: the same list, never another operation's record."""

import re

import pytest
from django.urls import reverse

from cmcoord.core.choices import Role
from tests.factories import ActorFactory, MembershipFactory, ProtectionPriorityFactory, TaskFactory
from tests.support import actors_url, task_log_url, task_url


def switcher_links(html):
    """Operation code -> the address the switcher links it to."""
    start = html.index('data-testid="operation-switcher"')
    menu = html[start : html.index("</ul>", start)]
    return {code: href for href, code in re.findall(r'href="([^"]+)"[^>]*>[^<]*<span[^>]*>([A-Z]{3})</span>', menu)}


@pytest.fixture
def both(world):
    """The officer works in CAF and Mali; a task, an actor and a priority of CAF to stand on."""
    MembershipFactory(operation=world.other_operation, user=world.officer, role=Role.OFFICER)
    task = TaskFactory(operation=world.operation, owner=world.officer)
    actor = ActorFactory(operation=world.operation)
    priority = ProtectionPriorityFactory(operation=world.operation)
    return task, actor, priority


def pages(task, actor, priority):
    """(page of CAF, the page of Mali the switcher must open from it)."""
    return {
        "overview": (reverse("operations:detail", kwargs={"code": "CAF"}), "/operations/MLI/"),
        "tasks": (task_log_url("task-list"), "/operations/MLI/tasks/"),
        "task": (task_url(task), "/operations/MLI/tasks/"),
        "task edit": (task_url(task, "task-edit"), "/operations/MLI/tasks/"),
        "new task": (task_log_url("task-create"), "/operations/MLI/tasks/"),
        "actors": (actors_url("actor-list"), "/operations/MLI/actors/"),
        "actor": (actors_url("actor-detail", pk=actor.pk), "/operations/MLI/actors/"),
        "assessment form": (actors_url("assessment-create", pk=actor.pk), "/operations/MLI/actors/"),
        "map": (actors_url("stakeholder-map"), "/operations/MLI/actors/map/"),
        "network": (actors_url("network"), "/operations/MLI/actors/network/"),
        "catalogue": (task_log_url("catalogue"), "/operations/MLI/catalogue/"),
        "priorities": (task_log_url("priority-list"), "/operations/MLI/priorities/"),
        "priority form": (task_log_url("priority-edit", pk=priority.pk), "/operations/MLI/priorities/"),
    }


@pytest.mark.parametrize(
    "tab",
    ["overview", "tasks", "task", "task edit", "new task", "actors", "actor", "assessment form", "map", "network",
     "catalogue", "priorities", "priority form"],
)  # fmt: skip
def test_switching_keeps_the_tab_and_never_links_another_operation_s_record(world, login, both, tab):
    task, actor, priority = both
    user = world.head if tab == "priority form" else world.officer  # the head edits priorities
    if user == world.head:
        MembershipFactory(operation=world.other_operation, user=world.head, role=Role.HEAD)
    url, expected = pages(task, actor, priority)[tab]
    response = login(user).get(url)
    assert response.status_code == 200, url
    links = switcher_links(response.text)
    assert links["MLI"] == expected
    assert links["CAF"] == expected.replace("MLI", "CAF")
    assert str(actor.pk) not in links["MLI"] and task.reference not in links["MLI"]


def test_pages_a_user_might_not_reach_elsewhere_fall_back_to_the_overview(world, login):
    MembershipFactory(operation=world.other_operation, user=world.head, role=Role.HCT)  # head of CAF, HCT of Mali
    client = login(world.head)
    for name in ("operations:settings", "operations:history"):
        url = reverse(name, kwargs={"code": "CAF"})
        links = switcher_links(client.get(url).text)
        assert links["MLI"] == "/operations/MLI/", url


@pytest.mark.parametrize("url", [reverse("home"), reverse("my-tasks"), reverse("missions:list")])
def test_outside_an_operation_each_operation_opens_on_its_overview(world, login, both, url):
    links = switcher_links(login(world.officer).get(url).text)
    assert links == {"CAF": "/operations/CAF/", "MLI": "/operations/MLI/"}


def test_the_switcher_lists_only_operations_the_user_may_open(world, login, both):
    assert set(switcher_links(login(world.hct).get(task_log_url("task-list")).text)) == {"CAF"}
    assert set(switcher_links(login(world.hq).get(task_log_url("task-list")).text)) == {"CAF", "MLI"}
    assert switcher_links(login(world.outsider).get(reverse("home")).text) == {}
