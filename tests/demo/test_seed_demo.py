"""``manage.py seed_demo``: nothing at all from a malformed file. What a good load holds is in test_demo_contents."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.contrib.auth import get_user_model
from django.core.management import CommandError

from actors.models import Actor
from cmcoord.operations.models import CountryOperation
from demo.schema import DATA_DIR
from missions.models import Mission
from protection_tasks.models import Activity
from tests.demo.helpers import demo_files, mission_present, seed

ROOT = Path(__file__).resolve().parents[2]
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
DEMO_APPS = ("auth", "operations", "protection_tasks", "actors", "missions")


def _broken_copy(tmp_path, edit):
    """A copy of the demo files, the country files changed by ``edit(countries)``."""
    data_dir = tmp_path / "data"
    shutil.copytree(DATA_DIR, data_dir)
    deployment, countries = demo_files(data_dir)
    edit(countries)
    for name, country in zip(deployment["countries"], countries, strict=True):
        text = yaml.dump(country, Dumper=SAFE_DUMPER, allow_unicode=True, sort_keys=False)
        (data_dir / f"{name}.yaml").write_text(text, encoding="utf-8")
    return data_dir


@pytest.mark.django_db
def test_unknown_activity_code_names_the_file_and_task_and_loads_nothing(tmp_path):
    deployment, countries = demo_files()
    last = len(countries) - 1
    title = countries[last]["tasks"][2]["title"]

    def edit(files):
        files[last]["tasks"][2]["activity"] = "ZZ-9"

    with pytest.raises(CommandError) as error:
        seed(data_dir=_broken_copy(tmp_path, edit))
    message = str(error.value)
    assert f"{deployment['countries'][last]}.yaml, tasks #3 ({title!r})" in message
    assert "unknown activity code 'ZZ-9'" in message
    assert "Nothing was loaded" in message
    assert not CountryOperation.objects.exists()
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_a_failure_late_in_the_load_rolls_back_everything_written_before(tmp_path):
    """A peacekeeping-only activity where no mission is present fails at the tasks step, after most records."""
    deployment, countries = demo_files()
    index = next(i for i, c in enumerate(countries) if not mission_present(c))
    peacekeeping = Activity.objects.filter(peacekeeping_only=True, operation=None).first()

    def edit(files):
        files[index]["tasks"][-1]["activity"] = peacekeeping.code

    with pytest.raises(CommandError) as error:
        seed(data_dir=_broken_copy(tmp_path, edit))
    assert f"{deployment['countries'][index]}.yaml, tasks #{len(countries[index]['tasks'])}" in str(error.value)
    assert "peace operations only" in str(error.value)
    assert not CountryOperation.objects.exists()
    assert not Actor.objects.exists()
    assert not Mission.objects.exists()


def _set(path, value):
    def edit(files):
        target = files[0]
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return edit


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (_set(("actors", 0, "category"), "warlords"), "category: 'warlords' is not one of domestic_civilian"),
        (_set(("actors", 0, "sensitivty"), "confidential"), "unknown field(s) sensitivty"),
        (_set(("actors", 1, "parent"), "nobody"), "parent 'nobody' is not an actor listed before it"),
        (_set(("tasks", 0, "priorities"), ["nope"]), "priority 'nope' is not one of the file's priorities"),
        (_set(("tasks", 0, "sensitivity"), "secret"), "'secret' is not one of unclassified, confidential"),
        (_set(("tasks", 0, "owner"), "hct"), "'hct' is not one of officer, officer2, head"),
        (_set(("relationships", 0, "target"), "ghost"), "target 'ghost' is not an actor of this file"),
        # The sections of the operation's work: each message names the entry, as the first field of its label.
        (_set(("engagements", 0, "actors"), ["ghost"]), "engagements #1 ('{key}'): actor 'ghost' is not one of"),
        (_set(("engagements", 0, "at"), 930), "engagements #1 ('{key}'), at: expected a time of day as 'HH:MM'"),
        (_set(("engagements", 0, "topics"), ["gossip"]), "engagements #1 ('{key}'), topics: 'gossip' is not one of"),
        (_set(("key_messages", 0, "delivered_at"), ["nowhere"]), "engagement 'nowhere' is not one of the file's"),
        (
            _set(("notifications", 0, "parties"), [{"actor": "army", "answer": "acknowledged"}]),
            "party 'army' needs both answer and after_hours",
        ),
        (_set(("incidents", 0, "category"), "bad_luck"), "category: 'bad_luck' is not one of denial_of_needs"),
        (_set(("trainings", 0, "participants"), {"women": 3}), "unknown field(s) women"),
        (
            _set(("planning_documents", 0, "attachments"), [{"file": "missing.pdf"}]),
            "attachment 'missing.pdf' is not in attachments/",
        ),
        (_set(("mcda_requests", 0, "justifications"), ["convenience"]), "'convenience' is not one of"),
        (_set(("checklist", 0, "status"), "nearly"), "checklist #1 ('{code}'), status: 'nearly' is not one of"),
        (_set(("digests", 0, "audience"), "everyone"), "audience: 'everyone' is not one of hct, staff, hq"),
    ],
)
@pytest.mark.django_db
def test_malformed_entries_are_refused_before_anything_is_written(tmp_path, edit, expected):
    deployment, countries = demo_files()
    with pytest.raises(CommandError) as error:
        seed(data_dir=_broken_copy(tmp_path, edit))
    assert str(error.value).startswith(f"Nothing was loaded. {deployment['countries'][0]}.yaml, ")
    first = countries[0]
    assert expected.format(key=first["engagements"][0]["key"], code=first["checklist"][0]["code"]) in str(error.value)
    assert not CountryOperation.objects.exists()


@pytest.mark.django_db
def test_invalid_yaml_is_reported_with_its_file(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(DATA_DIR, data_dir)
    deployment, _ = demo_files()
    (data_dir / f"{deployment['countries'][1]}.yaml").write_text("operation: [unclosed\n")
    with pytest.raises(CommandError, match=rf"{deployment['countries'][1]}\.yaml: not valid YAML"):
        seed(data_dir=data_dir)


def test_nothing_of_the_demo_is_imported_when_the_site_starts():
    """Only the demo app's registration loads with the site; its loader, schema and data wait for seed_demo."""
    code = (
        "import django, sys; django.setup(); "
        "print(sorted(m for m in sys.modules if 'demo' in m and m not in {'demo', 'demo.apps'}))"
    )
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "cmcoord.settings.local"}
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
