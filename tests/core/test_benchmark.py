"""The benchmark command runs, prints a row per page and leaves no data behind."""

from io import StringIO

from django.core.management import call_command

from actors.models import Actor
from protection_tasks.models import Task


def test_benchmark_prints_each_page_and_rolls_back(db):
    out = StringIO()
    call_command("benchmark", tasks=6, actors=5, relationships=4, stdout=out)
    text = out.getvalue()
    for label in ("task list (6 tasks)", "my tasks", "actor list (5 actors)", "stakeholder map", "network (4 rel"):
        assert label in text
    assert not Task.objects.exists()
    assert not Actor.objects.exists()
