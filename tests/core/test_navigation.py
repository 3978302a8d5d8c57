"""The operation's navigation comes from the registry: a few groups of sections, each shown to who may open it.

The sections each standing should find are written out here by hand (from the README), not read from the
registry: a test that derived them would pass whatever the registry held.
"""

import re

import pytest
from django.test import RequestFactory

from cmcoord.core import navigation
from cmcoord.core.access import Action
from cmcoord.core.navigation import Group, Section, sections_for
from tests.factories import TaskFactory

EVERYONE = [
    "Dashboard", "Tasks", "Protection priorities", "Catalogue", "Actors", "Engagements", "Key messages",
    "Notifications", "Access incidents", "Trainings", "Planning documents", "MCDA requests", "Set-up checklist",
    "About and members", "Summaries for the HCT",
    "Site visits",  # the record type declared only in the tests (tests/recordkit)
]  # fmt: skip
EXPECTED = {
    "officer": [*EVERYONE, "Digests", "Change history"],
    "head": [*EVERYONE, "Settings", "Digests", "Change history", "Who opened what"],
    "hct": EVERYONE,
    "hq": EVERYONE,
}
GROUPS = ["Dashboard", "Tasks", "Actors", "Field", "Planning", "Operation"]


def _menu(html):
    """The section names of the phone menu (which lists every section), in order."""
    menu = html.split('data-testid="menu-sections"')[1].split('<ul class="navbar-nav">')[0]
    return re.findall(r'<a class="nav-link py-1[^"]*" href="[^"]+"[^>]*>([^<]+)</a>', menu)


def _tabs(html):
    nav = html.split('data-testid="operation-nav"')[1].split("</nav>")[0]
    return nav


@pytest.mark.parametrize("standing", EXPECTED)
def test_each_standing_finds_the_sections_it_may_open_and_no_other(world, login, standing):
    html = login(world.by_role(standing)).get("/operations/CAF/").text
    assert sorted(_menu(html)) == sorted(EXPECTED[standing])
    groups = re.findall(
        r'<li class="nav-item"><a class="nav-link text-nowrap[^"]*" href="[^"]+"[^>]*>([^<]+)</a>', _tabs(html)
    )
    assert groups == GROUPS


def test_the_digests_section_leads_the_head_to_schedules_and_officers_to_the_archive(world, login):
    head = login(world.head).get("/operations/CAF/about/").text
    assert 'href="/operations/CAF/digests/"' in _tabs(head)
    officer = login(world.officer).get("/operations/CAF/about/").text
    assert 'href="/operations/CAF/digests/archive/"' in _tabs(officer)


def test_the_current_group_and_section_are_marked_for_screen_readers(world, login):
    task = TaskFactory(operation=world.operation, owner=world.officer, sensitivity=1)
    html = login(world.officer).get(f"/operations/CAF/tasks/{task.reference}/").text
    tabs = _tabs(html)
    assert re.search(
        r'class="nav-link text-nowrap active" href="/operations/CAF/tasks/" aria-current="true">Tasks<', tabs
    )
    assert re.search(r'href="/operations/CAF/tasks/" aria-current="page">Tasks<', tabs)
    assert tabs.count('aria-current="page"') == 1
    # A page of a section's family that lies elsewhere (adding a member) keeps its section current.
    members = login(world.head).get("/operations/CAF/members/add/").text.split('data-testid="menu-sections"')[1]
    assert re.search(r'href="/operations/CAF/about/" aria-current="page">About and members<', members)
    # The dashboard's address lies above every other: it is current on its own page only.
    dashboard = _tabs(login(world.officer).get("/operations/CAF/").text)
    assert dashboard.count(' active"') == 1 and 'aria-current="page">Dashboard<' in dashboard


def test_a_record_type_gets_its_section_by_registering_it(world):
    extra = Section(Group.FIELD, "Convoys", "operations:history", order=99, action=Action.CHANGE)
    navigation.register(extra)
    try:
        request = RequestFactory().get("/operations/CAF/history/")
        request.user = world.officer
        field = next(group for group in sections_for(request, world.operation) if group.label == "Field")
        assert [entry.label for entry in field.entries][-1] == "Convoys"
        assert field.entries[-1].current
        request.user = world.hct  # may not perform the section's action: not offered
        field = next(group for group in sections_for(request, world.operation) if group.label == "Field")
        assert "Convoys" not in [entry.label for entry in field.entries]
    finally:
        navigation.unregister(extra)


def test_the_navigation_costs_no_query(world, django_assert_num_queries):
    request = RequestFactory().get("/operations/CAF/")
    request.user = world.head
    sections_for(request, world.operation)  # the user's standings, read once per request
    with django_assert_num_queries(0):
        groups = sections_for(request, world.operation)
    assert [group.label for group in groups] == GROUPS
