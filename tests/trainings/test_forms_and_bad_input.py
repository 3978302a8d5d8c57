"""Recording and editing trainings: what is saved, what is refused with a clear error (and nothing saved, never a
5xx), and no lost updates."""

import pytest

from tests.factories import ActorFactory, TaskFactory, TrainingFactory
from tests.support import CONFIDENTIAL, in_operation, section
from trainings.models import Training

url = in_operation("trainings")


VALID = {
    "title": "IHL for the FACA 3rd battalion",
    "start_date": "2026-03-02",
    "end_date": "2026-03-04",
    "topics": ["ihl", "principles"],
    "partners": "ICRC",
    "female": "4",
    "male": "21",
    "sex_other": "0",
    "from_military": "25",
    **dict.fromkeys(["from_police", "from_nsag", "from_authorities", "from_humanitarian", "from_other"], "0"),
    "pre_test_score": "48.5",
    "post_test_score": "81",
    "admin1": "CF42",
    "sensitivity": str(CONFIDENTIAL),
}


def test_an_officer_records_a_training_with_its_audience_and_task(world, login):
    actor = ActorFactory(operation=world.operation, name="FACA 3rd battalion")
    task = TaskFactory(operation=world.operation, owner=world.officer)
    response = login(world.officer).post(url("create"), {**VALID, "audience": [actor.pk], "tasks": [task.reference]})
    training = Training.objects.get()
    assert response.status_code == 302
    assert response["Location"] == training.get_absolute_url()
    assert training.topics == ["ihl", "principles"]
    assert (training.participants, list(training.audience.all()), list(training.tasks.all())) == (25, [actor], [task])
    assert str(training.post_test_score) == "81.0"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"female": "-3"}, "female", "A number of participants cannot be negative."),
        ({"from_police": "-1"}, "from_police", "A number of participants cannot be negative."),
        ({"post_test_score": "101"}, "post_test_score", "A score is between 0 and 100."),
        ({"pre_test_score": "-2"}, "pre_test_score", "A score is between 0 and 100."),
        ({"end_date": "2026-03-01"}, "end_date", "The end date cannot be before the start date."),
        ({"topics": ["astrology"]}, "topics", "Select a valid choice"),
        ({"from_military": "30"}, "from_other", "by organisation type add up to 30, by sex to 25"),
        ({"admin1": "SS11"}, "admin1", "P-codes of this operation start with CF"),
    ],
)
def test_bad_input_is_a_clear_error_and_saves_nothing(world, login, changes, field, message):
    response = login(world.officer).post(url("create"), {**VALID, **changes})
    assert response.status_code == 200
    summary = section(response.text, "error-summary")
    assert message in summary
    assert f'id_{field}">' in summary  # the link to the field (its group, for checkboxes)
    assert not Training.objects.exists()


def test_a_concurrent_edit_is_refused_with_409(world, login):
    training = TrainingFactory(operation=world.operation)
    assert login(world.officer).post(url("edit", pk=training.pk), {**VALID, "male": "22", "from_military": "26",
                                                                    "version": 1}).status_code == 302  # fmt: skip
    response = login(world.head).post(url("edit", pk=training.pk), {**VALID, "title": "Stale", "version": 1})
    assert response.status_code == 409
    assert "Male" in section(response.text, "conflict")
    training.refresh_from_db()
    assert (training.male, training.title, training.version) == (22, VALID["title"], 2)
