"""Search ignores case and accents on PostgreSQL and SQLite alike (cmcoord.core.search): "Éleveurs", "eleveurs"
and "ÉLEVEURS" find "Éleveurs", in every record type's list (from its declaration) and in the actor registry."""

import pytest

from tests.factories import ActorFactory, TrainingFactory
from tests.support import UNCLASSIFIED, actors_url, in_operation, section


@pytest.mark.parametrize("typed", ["Éleveurs", "eleveurs", "ÉLEVEURS", "éLEVEurs"])
def test_any_case_and_any_accent_find_the_record(world, login, typed):
    TrainingFactory(operation=world.operation, sensitivity=UNCLASSIFIED, title="Dialogue avec les Éleveurs peuls")
    TrainingFactory(operation=world.operation, sensitivity=UNCLASSIFIED, title="Atelier à Bria")
    ActorFactory(operation=world.operation, sensitivity=UNCLASSIFIED, name="Association des Éleveurs")
    ActorFactory(operation=world.operation, sensitivity=UNCLASSIFIED, name="Comité de Bria")
    client = login(world.officer)
    trainings = section(client.get(in_operation("trainings")("list"), {"q": typed}).text, "training-table")
    assert "Dialogue avec les Éleveurs peuls" in trainings and "Atelier à Bria" not in trainings
    actors = client.get(actors_url("actor-list"), {"q": typed}).text
    assert "Association des Éleveurs" in actors and "Comité de Bria" not in actors


def test_a_place_is_found_without_its_accents(world, login):
    TrainingFactory(
        operation=world.operation, sensitivity=UNCLASSIFIED, title="Atelier", admin1_name="Ouham-Pendé",
        admin1_pcode="CF32",
    )  # fmt: skip
    client = login(world.officer)
    for typed in ("ouham-pende", "OUHAM-PENDÉ"):
        listing = section(client.get(in_operation("trainings")("list"), {"location": typed}).text, "training-table")
        assert "Atelier" in listing, typed


@pytest.mark.parametrize("typed", ["eleveurs", "ÉLEVEURS", "Eleveurs peul"])
def test_the_task_log_search_ignores_accents_too(world, login, typed):
    """On PostgreSQL through the text index's own configuration (simple_unaccent), elsewhere by folding."""
    from tests.factories import TaskFactory
    from tests.support import task_log_url

    TaskFactory(operation=world.operation, owner=world.officer, title="Dialogue avec les éleveurs peuls")
    TaskFactory(operation=world.operation, owner=world.officer, title="Atelier à Bria")
    listing = login(world.officer).get(task_log_url("task-list"), {"q": typed}).text
    assert "Dialogue avec les éleveurs peuls" in listing and "Atelier à Bria" not in listing
