"""Search in Arabic, French and Spanish, on PostgreSQL and SQLite alike (cmcoord.core.search, protection_tasks.search):
the alef forms, taa marbuta and haa, alef maqsura and yaa, hamza on waw and yaa, the tatweel and the
diacritics (harakat, superscript alef) do not stop a match, whichever way round the record and the search are
written; French and Spanish accents and case do not either. The tests go through the pages, so they check the
database's folding (translate() on PostgreSQL, the registered function on SQLite) and Python's alike."""

import pytest

from cmcoord.core.search import unaccented
from tests.factories import ActorFactory, TaskFactory, TrainingFactory
from tests.support import CONFIDENTIAL, UNCLASSIFIED, actors_url, in_operation, section, task_log_url

# Invented names (DOMAIN.md: never real groups), each written with the letters and marks writers vary on.
HOPE = "جماعة الأمل المسلحة"  # taa marbuta, alef with hamza
WATER = "إدارة الـــمياه"  # alef with hamza below, tatweel
YOUTH = "مُلْتَقَى الشَّبَابِ"  # harakat, shadda, alef maqsura
CONFERENCE = "مؤتمر آمنة"  # hamza on waw, alef with madda
OTHER = "لجنة السوق"  # matches none of the searches

SEARCHES = [
    ("جماعه الامل", HOPE),  # no hamza, haa for taa marbuta
    ("جَمَاعَةُ الأَمَل", HOPE),  # with harakat
    ("اداره المياه", WATER),  # no hamza, no tatweel
    ("ملتقي الشباب", YOUTH),  # no harakat, yaa for alef maqsura
    ("ملتقى", YOUTH),
    ("موتمر امنه", CONFERENCE),
    ("أمنة", CONFERENCE),  # hamza where the record has madda
]


@pytest.mark.parametrize(("typed", "name"), SEARCHES)
def test_arabic_actor_names_are_found_however_they_are_written(world, login, typed, name):
    for actor_name in (HOPE, WATER, YOUTH, CONFERENCE, OTHER):
        ActorFactory(operation=world.operation, sensitivity=UNCLASSIFIED, name=actor_name)
    listing = login(world.officer).get(actors_url("actor-list"), {"q": typed}).text
    assert name in listing
    assert OTHER not in listing
    assert [other for other in (HOPE, WATER, YOUTH, CONFERENCE) if other != name and other in listing] == []


@pytest.mark.parametrize(("typed", "name"), SEARCHES)
def test_arabic_task_titles_are_found_however_they_are_written(world, login, typed, name):
    """The task log: PostgreSQL's text index (its document folds Arabic, migration 0001), SQLite's folding."""
    for title in (f"حوار مع {HOPE}", f"تدريب {WATER}", f"لقاء {YOUTH}", CONFERENCE, OTHER):
        TaskFactory(operation=world.operation, owner=world.officer, title=title)
    listing = login(world.officer).get(task_log_url("task-list"), {"q": typed}).text
    assert name in listing
    assert OTHER not in listing


def test_an_arabic_record_type_list_folds_too(world, login):
    TrainingFactory(operation=world.operation, sensitivity=UNCLASSIFIED, title=f"ورشة {YOUTH}")
    TrainingFactory(operation=world.operation, sensitivity=UNCLASSIFIED, title=OTHER)
    table = section(login(world.officer).get(in_operation("trainings")("list"), {"q": "ملتقي"}).text, "training-table")
    assert YOUTH in table and OTHER not in table


def test_the_record_written_plainly_is_found_by_a_search_with_marks(world, login):
    ActorFactory(operation=world.operation, sensitivity=UNCLASSIFIED, name="جماعه الامل")
    listing = login(world.officer).get(actors_url("actor-list"), {"q": "جَمَاعَةُ الأَمَلِ"}).text
    assert "جماعه الامل" in listing


def test_folding_finds_nothing_the_reader_may_not_read(world, login):
    """Arabic folding widens what a word matches, never what a reader sees: the HCT's search finds the
    Unclassified actor only, in the list and the task log alike."""
    ActorFactory(operation=world.operation, sensitivity=UNCLASSIFIED, name=HOPE)
    ActorFactory(operation=world.operation, sensitivity=CONFIDENTIAL, name="جماعه الامل الثانيه")
    ActorFactory(operation=world.other_operation, sensitivity=UNCLASSIFIED, name="جماعة الأمل في مالي")
    listing = login(world.hct).get(actors_url("actor-list"), {"q": "جماعه الامل"}).text
    assert HOPE in listing
    assert "الثانيه" not in listing and "مالي" not in listing


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("protection des civils", "Protection des Civils à Bria"),
        ("éleveurs", "Dialogue avec les ELEVEURS"),
        ("ELEVEURS", "Dialogue avec les éleveurs peuls"),
        ("ninos", "Protección de niños"),
        ("NIÑOS", "Protección de niños"),
        ("proteccion", "Protección de niños"),
    ],
)
def test_french_and_spanish_accents_and_case_do_not_stop_a_match(world, login, typed, found):
    for title in ("Protection des Civils à Bria", "Dialogue avec les ELEVEURS", "Dialogue avec les éleveurs peuls",
                  "Protección de niños", "Réunion du cluster"):  # fmt: skip
        TaskFactory(operation=world.operation, owner=world.officer, title=title)
        ActorFactory(operation=world.operation, sensitivity=UNCLASSIFIED, name=title)
    client = login(world.officer)
    assert found in client.get(task_log_url("task-list"), {"q": typed}).text
    actors = client.get(actors_url("actor-list"), {"q": typed}).text
    assert found in actors and "Réunion du cluster" not in actors


@pytest.mark.parametrize("typed", ["ـــ", "ً", "\u0670"])
def test_a_search_of_marks_alone_is_no_error(world, login, typed):
    ActorFactory(operation=world.operation, sensitivity=UNCLASSIFIED, name=HOPE)
    client = login(world.officer)
    assert client.get(actors_url("actor-list"), {"q": typed}).status_code == 200
    assert client.get(task_log_url("task-list"), {"q": typed}).status_code == 200


def test_python_folds_as_the_database_does():
    assert unaccented(HOPE) == "جماعه الامل المسلحه"
    assert unaccented(WATER) == "اداره المياه"
    assert unaccented(YOUTH) == "ملتقي الشباب"
    assert unaccented(CONFERENCE) == "موتمر امنه"
    assert unaccented("ٱلرحمن") == "الرحمن"
    assert unaccented("Éleveurs Niños") == "eleveurs ninos"
