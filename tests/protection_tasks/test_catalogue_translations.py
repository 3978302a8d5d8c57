"""The Guidance Note's areas and activities are shipped in French, Arabic and Spanish and shown in the reader's
language; a local activity is shown as its office wrote it, whatever the reader's language."""

import pytest
from django.utils import translation

from protection_tasks.models import Activity, Task, TaskArea
from tests.factories import TaskFactory
from tests.support import UNCLASSIFIED, task_log_url, task_url

pytestmark = pytest.mark.django_db
LANGUAGES = ["fr", "ar", "es"]


def test_every_shipped_area_and_activity_has_its_name_and_description_in_every_language():
    rows = [*TaskArea.objects.all(), *Activity.objects.filter(operation__isnull=True)]
    assert len(rows) == 5 + 34
    missing = [
        (str(row.code), language, field)
        for row in rows
        for language in LANGUAGES
        for field in ("name", "description")
        if not (row.translations.get(language) or {}).get(field)
    ]
    assert not missing, missing


def test_names_follow_the_active_language():
    activity = Activity.objects.get(code="AN-1", operation__isnull=True)
    with translation.override("fr"):
        assert str(activity) == "AN-1 Analyse et cartographie des acteurs"
        assert str(activity.area) == "1. Analyse"
    with translation.override("ar"):
        assert activity.area.display_name == "التحليل"
    with translation.override("es"):
        assert activity.area.display_description.startswith("Comprender cómo los actores armados")
    with translation.override("en"):
        assert str(activity) == "AN-1 Stakeholder analysis and mapping"


def test_a_french_reader_sees_the_catalogue_and_the_task_list_in_french(world, login):
    TaskFactory(operation=world.operation, owner=world.officer, sensitivity=UNCLASSIFIED)
    client = login(world.officer)
    french = {"accept-language": "fr"}
    catalogue = client.get(task_log_url("catalogue"), headers=french).text
    assert "Analyse et cartographie des acteurs" in catalogue and "Planification et préparation" in catalogue
    assert "Stakeholder analysis and mapping" not in catalogue
    tasks = client.get(task_log_url("task-list"), headers=french).text
    assert "1. Analyse" in tasks  # the counts by area
    task = Task.objects.get()
    assert "Analyse et cartographie des acteurs" in client.get(task_url(task), headers=french).text


def test_a_local_activity_is_shown_as_its_office_wrote_it(world, login):
    area = TaskArea.objects.get(code="DI")
    local = Activity.objects.create(
        area=area, operation=world.operation, code="CAF-1", name="Réunion mensuelle avec la gendarmerie",
        description="Rencontre avec le commandant de brigade.",
    )  # fmt: skip
    with translation.override("ar"):
        assert local.display_name == "Réunion mensuelle avec la gendarmerie"
        assert str(local) == "CAF-1 Réunion mensuelle avec la gendarmerie"
    catalogue = login(world.head).get(task_log_url("catalogue"), headers={"accept-language": "es"}).text
    assert "Réunion mensuelle avec la gendarmerie" in catalogue and "Diálogo" in catalogue
