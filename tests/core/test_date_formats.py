"""Dates are shown and entered in one format, ISO 8601 (2026-03-04), on every page and in every form."""

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import formats, translation

from protection_tasks.models import Task
from tests.factories import ActorAssessmentFactory, ActorFactory, TaskFactory
from tests.support import UNCLASSIFIED, actors_url, task_log_url, task_url

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@pytest.mark.parametrize("language", ["en", "fr", "ar", "es"])
def test_every_named_format_is_iso(language):
    """In every language of the product (Django's own French or Arabic formats would write 04/03/2026)."""
    day, moment = date(2026, 3, 4), datetime(2026, 3, 4, 9, 5, tzinfo=UTC)
    with translation.override(language):
        assert formats.date_format(day) == formats.date_format(day, "SHORT_DATE_FORMAT") == "2026-03-04"
        assert formats.date_format(moment, "SHORT_DATETIME_FORMAT") == "2026-03-04 09:05"
        assert Template("{{ day }} {{ day|date }}").render(Context({"day": day})) == "2026-03-04 2026-03-04"
        assert formats.get_format("DATE_INPUT_FORMATS") == ["%Y-%m-%d"]
        assert formats.number_format(4.25, 2) == "4.25"  # as the number fields read it


@pytest.mark.parametrize("path", sorted(TEMPLATES.rglob("*.html")) + sorted(TEMPLATES.rglob("*.svg")), ids=str)
def test_no_template_spells_out_its_own_date_format(path):
    """A page names the format (``|date:"SHORT_DATE_FORMAT"``) so that all pages change together, if ever."""
    spelled = [f for f in re.findall(r'\|date:"([^"]*)"', path.read_text()) if not f.endswith("_FORMAT")]
    assert not spelled, f"{path.relative_to(TEMPLATES)}: {spelled}"


def test_pages_show_dates_as_iso(world, login):
    task = TaskFactory(operation=world.operation, owner=world.officer, due_date=date(2026, 3, 4),
                       start_date=date(2026, 2, 9), sensitivity=UNCLASSIFIED)  # fmt: skip
    actor = ActorFactory(operation=world.operation, sensitivity=UNCLASSIFIED)
    ActorAssessmentFactory(actor=actor, assessor=world.officer, assessed_on=date(2026, 1, 7), sensitivity=UNCLASSIFIED)
    client = login(world.officer)
    detail = client.get(task_url(task)).text
    assert "2026-03-04" in detail and "2026-02-09" in detail
    assert "2026-03-04" in client.get(task_log_url("task-list")).text
    assert "2026-01-07" in client.get(actors_url("actor-detail", pk=actor.pk)).text
    edit = client.get(task_url(task, "task-edit")).text
    assert re.search(r'<input type="date" name="due_date" value="2026-03-04"', edit)
    for page in (detail, edit):
        assert "March" not in page and "03/04/2026" not in page


@pytest.mark.parametrize("typed", ["03/04/2026", "4 March 2026", "2026/03/04"])
def test_a_date_typed_in_another_format_is_refused_rather_than_guessed(world, login, typed):
    """03/04/2026 is March in one office and April in the next: the form asks for the one format."""
    from tests.protection_tasks.conftest import edit_data

    task = TaskFactory(operation=world.operation, owner=world.officer, due_date=date(2026, 5, 1))
    response = login(world.officer).post(task_url(task, "task-edit"), edit_data(task, due_date=typed))
    assert response.status_code == 200
    assert response.context["form"].errors["due_date"]
    assert Task.objects.get(pk=task.pk).due_date == date(2026, 5, 1)
