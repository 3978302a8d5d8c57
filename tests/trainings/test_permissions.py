"""What training events show beyond their own pages (those are in the record kit's matrix, tests/records): which
trainings and actors each standing sees on a training's page, on the dashboard, on task and actor pages and in the
digest (README, "Who sees what")."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from cmcoord.core.access import audience_access
from cmcoord.operations.calendar import operation_today
from digests.sections import DigestScope
from digests.sections import get as get_section
from tests.factories import ActorFactory, TaskFactory, TrainingFactory
from tests.support import (
    CONFIDENTIAL,
    STRICTLY_CONFIDENTIAL,
    UNCLASSIFIED,
    VIEW_LEVELS,
    in_mail,
    in_operation,
    section,
)

TITLES = {
    UNCLASSIFIED: "IHL dissemination for Bambari gendarmes",
    CONFIDENTIAL: "Humanitarian principles with FACA battalion",
    STRICTLY_CONFIDENTIAL: "Access negotiation with armed group commanders",
}


url = in_operation("trainings")


@pytest.fixture
def level_trainings(world):
    """One CAF training per level this month: 5 women and 7 men each, 10 from the military and 2 from the police."""
    today = operation_today(world.operation)
    return {
        level: TrainingFactory(
            operation=world.operation, title=title, sensitivity=level, start_date=today, from_military=10,
            from_police=2,
        )
        for level, title in TITLES.items()
    }  # fmt: skip


def test_audience_actors_are_named_only_to_who_may_read_them(world, login):
    """HQ reads a Confidential training whose audience includes a Strictly confidential actor: counted, not named."""
    hidden = ActorFactory(operation=world.operation, name="Vakaga Hidden Militia", sensitivity=STRICTLY_CONFIDENTIAL)
    shown = ActorFactory(operation=world.operation, name="FACA 3rd Battalion", sensitivity=CONFIDENTIAL)
    training = TrainingFactory(operation=world.operation, sensitivity=CONFIDENTIAL)
    training.audience.set([hidden, shown])
    hq = login(world.hq)
    page = hq.get(url("detail", pk=training.pk)).text
    assert "FACA 3rd Battalion" in page
    assert "Vakaga Hidden Militia" not in page
    assert "1 restricted actor" in section(page, "training-audience")
    api = hq.get(reverse("training-detail", kwargs={"pk": training.pk})).json()
    assert api["audience"] == ["FACA 3rd Battalion"]


@pytest.mark.parametrize("standing", ["officer", "hct", "hq"])
def test_dashboard_reach_counts_everyone_and_names_no_training(world, login, level_trainings, standing):
    response = login(world.by_role(standing)).get(reverse("operations:detail", kwargs={"code": "CAF"}))
    panel = section(response.text, "dashboard-trainings")
    assert "3 trainings in the last 12 months" in panel
    assert "36 people trained" in panel
    restricted = 3 - len(VIEW_LEVELS[standing])
    if restricted:
        assert f"{12 * (3 - restricted)} you can open, {12 * restricted} restricted" in panel
    else:
        assert "you can open" not in panel
    # The table alternatives under the charts: 15 women, 21 men; 30 from the military, 6 from the police.
    for label, number in (("Female", 15), ("Male", 21), ("Military", 30), ("Police and gendarmerie", 6)):
        assert f'<th scope="row" class="fw-normal">{label}</th><td class="text-end">{number}</td>' in panel
    assert not any(title in panel for title in TITLES.values())


@pytest.mark.parametrize("standing", ["officer", "hct"])
def test_task_and_actor_pages_list_the_readable_trainings(world, login, level_trainings, standing):
    task = TaskFactory(operation=world.operation, owner=world.officer, sensitivity=UNCLASSIFIED)
    actor = ActorFactory(operation=world.operation, sensitivity=UNCLASSIFIED)
    for training in level_trainings.values():
        training.tasks.add(task)
        training.audience.add(actor)
    client = login(world.by_role(standing))
    task_page = client.get(reverse("protection_tasks:task-detail", kwargs={"code": "CAF", "reference": task.reference}))
    actor_page = client.get(reverse("actors:actor-detail", kwargs={"code": "CAF", "pk": actor.pk}))
    for page, testid in ((task_page, "task-trainings"), (actor_page, "actor-trainings")):
        panel = section(page.text, testid)
        assert "3 trainings" in panel
        for level, title in TITLES.items():
            assert (title in panel) is (level in VIEW_LEVELS[standing]), (testid, level)


@pytest.mark.parametrize("standing", ["officer", "hct", "hq"])
def test_digest_names_unclassified_trainings_and_counts_the_rest(world, level_trainings, standing):
    scope = DigestScope(
        operation=world.operation,
        access=audience_access(world.operation, standing),
        start=datetime(2025, 1, 1, tzinfo=UTC),
        end=datetime(2100, 1, 1, tzinfo=UTC),
        next_end=datetime(2100, 2, 1, tzinfo=UTC),
    )
    data = get_section("trainings").build(scope)
    assert in_mail(data["count"]) == {"total": 3, "visible": 1, "restricted": 2}
    assert in_mail(data["participants"]) == {"total": 36, "visible": 12, "restricted": 24}
    assert [t["title"] for t in data["trainings"]] == [TITLES[UNCLASSIFIED]]
    assert TITLES[CONFIDENTIAL] not in str(data)
