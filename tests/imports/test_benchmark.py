"""The import benchmark runs on a tiny file, prints its figures and leaves nothing behind (no time is asserted)."""

from io import StringIO

from django.core.management import call_command

from cmcoord.imports.models import ImportBatch
from cmcoord.operations.models import CountryOperation
from protection_tasks.models import Task


def test_the_import_benchmark_prints_time_and_memory_of_each_step_and_rolls_back(db, media_root):
    out = StringIO()
    call_command("benchmark", imports=True, import_rows=6, trace_memory=True, stdout=out)
    lines = out.getvalue().splitlines()
    assert "seconds" in lines[0] and "CPU s" in lines[0] and "peak RSS MB" in lines[0]
    labels = [line[:40].strip() for line in lines[1:4]]
    assert labels[0].startswith("upload")
    assert labels[1:] == ["check, the preview (6 rows)", "import (6 rows)"]
    for line in lines[1:4]:
        seconds, cpu, rss, traced = (float(value) for value in line[40:].split())
        assert seconds >= 0 and cpu >= 0 and rss > 0 and traced > 0
    assert lines[4].startswith("target: check and import each within 60 s, the process under 200 MB:")
    assert not Task.objects.exists() and not ImportBatch.objects.exists()
    assert not CountryOperation.objects.filter(country="AQ").exists()
    assert not any(path.is_file() for path in media_root.rglob("*"))  # the stored upload removed too
