"""``manage.py seed_demo``: loads what the YAML files describe, once, and nothing at all from a malformed file."""

import os
import shutil
import subprocess
import sys
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings

from actors.models import Actor, ActorAssessment, ActorRelationship, LiaisonContact, TaskActor
from cmcoord.operations.models import CountryOperation, HeadquartersAccess, Membership
from demo.schema import DATA_DIR
from missions.models import Mission, MissionComponent, MissionLiaisonOfficer, MissionPhaseChange, TaskMission
from protection_tasks.models import Activity, ProtectionPriority, Task

ROOT = Path(__file__).resolve().parents[2]
DEMO_APPS = ("auth", "operations", "protection_tasks", "actors", "missions")


def _files(data_dir=DATA_DIR):
    deployment = yaml.safe_load((data_dir / "deployment.yaml").read_text(encoding="utf-8"))
    countries = [
        yaml.safe_load((data_dir / f"{name}.yaml").read_text(encoding="utf-8")) for name in deployment["countries"]
    ]
    return deployment, countries


def _present(country) -> bool:
    """Whether the country's latest mission phase leaves a mission present (active, drawdown or transition)."""
    phases = [max(m["phases"], key=lambda p: p["started_on"])["phase"] for m in country.get("missions", [])]
    return any(phase != "closed" for phase in phases)


def _seed(**options):
    out = StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def _row_counts() -> dict:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in DEMO_APPS
    }


@pytest.mark.django_db
def test_seed_loads_what_the_files_describe_and_a_second_run_changes_nothing():
    deployment, countries = _files()
    output = _seed()

    usernames = {p["username"] for c in countries for p in c["people"]}
    usernames |= {p["username"] for p in deployment["headquarters_readers"]}
    usernames.add(deployment["site_administrator"]["username"])
    tasks = [t for c in countries for t in c["tasks"]]
    actors = [a for c in countries for a in c["actors"]]
    present = [c for c in countries if _present(c)]
    assert CountryOperation.objects.count() == len(countries)
    assert set(get_user_model().objects.values_list("username", flat=True)) == usernames
    assert Membership.objects.count() == sum(len(c["people"]) for c in countries)
    assert HeadquartersAccess.objects.count() == len(deployment["headquarters_readers"])
    assert ProtectionPriority.objects.count() == sum(len(c["priorities"]) for c in countries)
    assert Task.objects.filter(series__isnull=True).count() == len(tasks)
    assert Counter(Task.objects.filter(series__isnull=True).values_list("status", flat=True)) == Counter(
        t["status"] for t in tasks
    )
    assert Task.objects.exclude(recurrence_rule="").count() == sum(1 for t in tasks if t.get("recurring"))
    assert Actor.objects.count() == len(actors)
    assert ActorAssessment.objects.count() == sum(len(a["assessments"]) for a in actors)
    assert LiaisonContact.objects.count() == sum(len(a.get("contacts", [])) for a in actors)
    assert ActorRelationship.objects.count() == sum(len(c["relationships"]) for c in countries)
    assert Mission.objects.count() == sum(len(c.get("missions", [])) for c in countries)
    assert MissionPhaseChange.objects.count() == sum(len(m["phases"]) for c in countries for m in c.get("missions", []))
    assert MissionComponent.objects.count() == sum(1 for c in present for a in c["actors"] if a.get("component"))
    assert MissionLiaisonOfficer.objects.count() == sum(1 for c in present if c.get("liaison_officer"))
    assert TaskActor.objects.count() == sum(len(t.get("linked_actors", [])) for t in tasks)
    assert TaskMission.objects.count() == sum(1 for c in present for t in c["tasks"] if t.get("linked_to_mission"))
    assert f"Demo ready: {len(countries)} operations, {len(usernames)} people." in output
    assert deployment["password"] not in output  # not in local mode

    before = _row_counts()  # every row of the demo's apps, their history included
    with override_settings(CMCOORD_LOCAL_MODE=True):
        output = _seed()
    assert _row_counts() == before
    assert f"Every demo account's password: {deployment['password']}" in output
    assert "jean.yakite" in output


def _broken_copy(tmp_path, edit):
    """A copy of the demo files, the country files changed by ``edit(countries)``."""
    data_dir = tmp_path / "data"
    shutil.copytree(DATA_DIR, data_dir)
    deployment, countries = _files(data_dir)
    edit(countries)
    for name, country in zip(deployment["countries"], countries, strict=True):
        (data_dir / f"{name}.yaml").write_text(yaml.safe_dump(country, allow_unicode=True, sort_keys=False))
    return data_dir


@pytest.mark.django_db
def test_unknown_activity_code_names_the_file_and_task_and_loads_nothing(tmp_path):
    deployment, countries = _files()
    last = len(countries) - 1
    title = countries[last]["tasks"][2]["title"]

    def edit(files):
        files[last]["tasks"][2]["activity"] = "ZZ-9"

    with pytest.raises(CommandError) as error:
        _seed(data_dir=_broken_copy(tmp_path, edit))
    message = str(error.value)
    assert f"{deployment['countries'][last]}.yaml, tasks #3 ({title!r})" in message
    assert "unknown activity code 'ZZ-9'" in message
    assert "Nothing was loaded" in message
    assert not CountryOperation.objects.exists()
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_a_failure_late_in_the_load_rolls_back_everything_written_before(tmp_path):
    """A peacekeeping-only activity where no mission is present fails at the tasks step, after most records."""
    deployment, countries = _files()
    index = next(i for i, c in enumerate(countries) if not _present(c))
    peacekeeping = Activity.objects.filter(peacekeeping_only=True, operation=None).first()

    def edit(files):
        files[index]["tasks"][-1]["activity"] = peacekeeping.code

    with pytest.raises(CommandError) as error:
        _seed(data_dir=_broken_copy(tmp_path, edit))
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
    ],
)
@pytest.mark.django_db
def test_malformed_entries_are_refused_before_anything_is_written(tmp_path, edit, expected):
    deployment, _ = _files()
    with pytest.raises(CommandError) as error:
        _seed(data_dir=_broken_copy(tmp_path, edit))
    assert str(error.value).startswith(f"Nothing was loaded. {deployment['countries'][0]}.yaml, ")
    assert expected in str(error.value)
    assert not CountryOperation.objects.exists()


@pytest.mark.django_db
def test_invalid_yaml_is_reported_with_its_file(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(DATA_DIR, data_dir)
    deployment, _ = _files()
    (data_dir / f"{deployment['countries'][1]}.yaml").write_text("operation: [unclosed\n")
    with pytest.raises(CommandError, match=rf"{deployment['countries'][1]}\.yaml: not valid YAML"):
        _seed(data_dir=data_dir)


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
