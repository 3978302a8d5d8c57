"""Occurrences of a recurring task copy its title and description: raising the series raises them, told to who
raised it, and an occurrence is never less restricted than its series (``cmcoord.core.derivations``)."""

from datetime import date

import pytest

from protection_tasks.models import Task
from tests.factories import TaskFactory
from tests.protection_tasks.conftest import edit_data
from tests.support import CONFIDENTIAL, STRICTLY_CONFIDENTIAL, UNCLASSIFIED, task_log_url, task_url

BUDGET = 56  # the edit form alone takes about 50 queries; one more per occurrence would take 80
TITLE = "Weekly briefing of the Ndele commander on the evacuation route"


@pytest.fixture
def series(world):
    """An Unclassified weekly task with two Unclassified occurrences, as the HCT reads them."""
    series = TaskFactory(
        operation=world.operation, owner=world.officer, title=TITLE, sensitivity=UNCLASSIFIED,
        recurrence_rule="FREQ=WEEKLY;BYDAY=MO", due_date=date(2026, 11, 16),
    )  # fmt: skip
    for due in (date(2026, 11, 23), date(2026, 11, 30)):
        TaskFactory(operation=world.operation, owner=world.officer, title=TITLE, sensitivity=UNCLASSIFIED,
                    series=series, due_date=due)  # fmt: skip
    return series


def test_raising_a_series_raises_its_occurrences(world, login, series):
    occurrences = list(Task.objects.filter(series=series).order_by("due_date"))
    assert TITLE in login(world.hct).get(task_url(occurrences[0])).text
    response = login(world.officer).post(
        task_url(series, "task-edit"), edit_data(series, sensitivity=STRICTLY_CONFIDENTIAL), follow=True
    )
    assert response.status_code == 200
    alert = response.text.split('class="alert alert-warning', 1)[1].split("</div>", 1)[0]
    assert all(occurrence.reference in alert for occurrence in occurrences)
    assert set(Task.objects.filter(series=series).values_list("sensitivity", flat=True)) == {STRICTLY_CONFIDENTIAL}
    hct = login(world.hct)
    assert TITLE not in hct.get(task_log_url("task-list")).text
    assert all(hct.get(task_url(occurrence)).status_code in {403, 404} for occurrence in occurrences)


def test_an_occurrence_cannot_go_below_its_series(world, login, series):
    Task.objects.filter(pk=series.pk).update(sensitivity=CONFIDENTIAL)
    occurrence = Task.objects.filter(series=series).first()
    Task.objects.filter(pk=occurrence.pk).update(sensitivity=CONFIDENTIAL)
    response = login(world.officer).post(task_url(occurrence, "task-edit"), edit_data(occurrence, sensitivity=1))
    assert response.status_code == 200
    assert "cannot be less restricted than its source" in response.text and series.reference in response.text
    occurrence.refresh_from_db()
    assert occurrence.sensitivity == CONFIDENTIAL


def test_a_task_that_is_no_source_saves_without_a_word_of_it(world, login):
    task = TaskFactory(operation=world.operation, owner=world.officer, sensitivity=UNCLASSIFIED)
    response = login(world.officer).post(
        task_url(task, "task-edit"), edit_data(task, sensitivity=STRICTLY_CONFIDENTIAL), follow=True
    )
    assert response.status_code == 200
    assert "warning" not in {message.level_tag for message in response.context["messages"]}  # no word of a source
    task.refresh_from_db()
    assert task.sensitivity == STRICTLY_CONFIDENTIAL


def test_raising_a_series_costs_the_same_for_one_occurrence_or_thirty(world, login, django_assert_max_num_queries):
    client = login(world.officer)
    for count in (1, 30):
        series = TaskFactory(operation=world.operation, owner=world.officer, sensitivity=UNCLASSIFIED,
                             recurrence_rule="FREQ=DAILY", due_date=date(2026, 11, 1))  # fmt: skip
        for day in range(count):
            TaskFactory(operation=world.operation, owner=world.officer, sensitivity=UNCLASSIFIED, series=series,
                        due_date=date(2026, 11, 2 + day % 28) if day < 28 else date(2026, 12, day))  # fmt: skip
        data = edit_data(series, sensitivity=CONFIDENTIAL)
        with django_assert_max_num_queries(BUDGET):
            assert client.post(task_url(series, "task-edit"), data).status_code == 302
        assert set(Task.objects.filter(series=series).values_list("sensitivity", flat=True)) == {CONFIDENTIAL}
