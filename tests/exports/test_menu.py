"""The export buttons of each list carry the list's own filters; the head of office finds the export log there."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from tests.support import actors_url, mission_url, task_log_url

from .support import export_url

PAGES = [
    ("tasks", "CAF", lambda: task_log_url("task-list")),
    ("actors", "CAF", lambda: actors_url("actor-list")),
    ("priorities", "CAF", lambda: task_log_url("priority-list")),
    ("missions", None, lambda: mission_url("list")),
]


@pytest.mark.parametrize(("name", "code", "page"), PAGES)
def test_each_list_offers_csv_excel_and_json_for_its_filters(world, export_data, login, name, code, page):
    html = login(world.officer).get(page() + "?q=Map&page=2").content.decode()
    assert 'data-testid="export-menu"' in html
    for fmt in ("csv", "xlsx", "json"):
        assert f'href="{escape(export_url(name, fmt, code))}?q=Map"' in html  # the page number is left behind


@pytest.mark.parametrize(("standing", "shown"), [("head", True), ("officer", False), ("hct", False), ("hq", False)])
def test_the_head_of_office_finds_the_export_log_beside_the_buttons(world, login, standing, shown):
    html = login(world.by_role(standing)).get(task_log_url("task-list")).content.decode()
    assert (f'href="{reverse("operation_exports:log", kwargs={"code": "CAF"})}"' in html) == shown


def test_everyone_finds_their_exports_in_the_user_menu(world, login):
    html = login(world.hct).get(reverse("home")).content.decode()
    assert f'href="{reverse("exports:mine")}"' in html
