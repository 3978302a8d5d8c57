# ruff: noqa: RUF001 - Arabic text, on purpose
"""Text users write is set by its own direction (``dir="auto"``): a title or a note in Arabic reads right to left
even on an English page, in lists, on record pages and in notes."""

import re

from tests.factories import ActorFactory, TaskFactory, TrainingFactory
from tests.support import UNCLASSIFIED, actors_url, in_operation, task_log_url, task_url

ARABIC_TITLE = "تدريب على القانون الإنساني الدولي"
ARABIC_NOTE = "ملاحظات الاجتماع\nالسطر الثاني"


def directed(html, text):
    """The element that holds ``text`` (directly, or through a link or a span) has ``dir="auto"``."""
    pattern = r'<[a-z0-9]+\b[^>]*\bdir="auto"[^>]*>\s*(?:<(?:a|span|div)\b[^>]*>\s*)*' + re.escape(text)
    return re.search(pattern, html) is not None


def test_record_titles_and_notes_follow_their_own_direction(world, login):
    training = TrainingFactory(
        operation=world.operation, sensitivity=UNCLASSIFIED, title=ARABIC_TITLE, notes=ARABIC_NOTE
    )
    client = login(world.officer)
    listing = client.get(in_operation("trainings")("list")).text
    assert directed(listing, ARABIC_TITLE)
    page = client.get(training.get_absolute_url()).text
    assert directed(page, ARABIC_TITLE) and directed(page, "ملاحظات الاجتماع")
    assert 'dir="rtl"' not in page  # the page itself stays English, left to right


def test_task_and_actor_names_follow_their_own_direction(world, login):
    task = TaskFactory(operation=world.operation, owner=world.officer, sensitivity=UNCLASSIFIED, title=ARABIC_TITLE)
    actor = ActorFactory(operation=world.operation, sensitivity=UNCLASSIFIED, name="الجبهة الشعبية")
    client = login(world.officer)
    assert directed(client.get(task_log_url("task-list")).text, ARABIC_TITLE)
    assert directed(client.get(task_url(task)).text, ARABIC_TITLE)
    assert directed(client.get(actors_url("actor-list")).text, "الجبهة الشعبية")
    assert directed(client.get(actor.get_absolute_url()).text, "الجبهة الشعبية")
