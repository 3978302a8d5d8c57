"""Fixtures of the actor-registry tests: one task of CAF, and helpers to name pages and cut them into parts."""

import pytest
from django.urls import reverse

from cmcoord.operations.choices import Sensitivity
from protection_tasks.models import Activity, Task

U, C, SC = Sensitivity.UNCLASSIFIED, Sensitivity.CONFIDENTIAL, Sensitivity.STRICTLY_CONFIDENTIAL

STANDINGS = ["officer", "head", "hct", "hq", "hq_limited", "other_officer", "outsider", "admin"]
# The levels of a CAF record each standing may read (cmcoord/operations/access.py, Action.VIEW).
VIEW_LEVELS = {
    "officer": {U, C, SC},
    "head": {U, C, SC},
    "hct": {U},
    "hq": {U, C},
    "hq_limited": set(),
    "other_officer": set(),
    "outsider": set(),
    "admin": set(),
}
IN_OPERATION = {"officer", "head", "hct", "hq"}  # have a standing in CAF
EDITORS = {"officer", "head"}  # may change records of CAF


def actors_url(name, code="CAF", **kwargs):
    return reverse(f"actors:{name}", kwargs={"code": code, **kwargs})


def mission_url(name, acronym=None):
    return reverse(f"actors:{name}", kwargs={"acronym": acronym} if acronym else {})


def task_url(task):
    return reverse("protection_tasks:task-detail", kwargs={"code": task.operation.code, "reference": task.reference})


def section(html, testid):
    """The part of ``html`` from the element with ``data-testid=testid`` to the end of that element's tag name."""
    start = html.index(f'data-testid="{testid}"')
    tag_start = html.rindex("<", 0, start)
    tag = html[tag_start + 1 : start].split()[0]
    end = html.index(f"</{tag}>", start)
    return html[tag_start:end]


def svg_of(html):
    """The (first) inline SVG of a page."""
    start = html.index("<svg")
    return html[start : html.index("</svg>", start) + len("</svg>")]


@pytest.fixture
def caf_task(world):
    """An Unclassified task of CAF, readable by every standing in CAF (HCT included)."""
    return Task.objects.create(
        operation=world.operation, activity=Activity.objects.get(code="AN-1"), owner=world.officer,
        reference="CAF-2026-0001", title="Stakeholder mapping of the Ouham", sensitivity=U,
    )  # fmt: skip
