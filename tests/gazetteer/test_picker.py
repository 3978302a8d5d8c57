"""The place picker on the task form: places typed or chosen from the gazetteer of the operation's country."""

import re

import pytest

from cmcoord.gazetteer.models import AdminUnit
from protection_tasks.models import Task
from tests.factories import TaskFactory
from tests.protection_tasks.conftest import create_data, edit_data
from tests.support import task_log_url

CREATE = task_log_url("task-create")


def errors_of(response, field):
    return [str(error) for error in response.context["form"].errors.get(field, [])]


def create(client, owner, **places):
    return client.post(CREATE, create_data(owner, **places))


@pytest.mark.parametrize(
    ("places", "stored"),
    [
        ({"admin1": "Ouaka (CF71)", "admin2": "Bambari (CF7101)"}, ("Ouaka", "CF71", "Bambari", "CF7101")),
        ({"admin1": "CF71", "admin2": "cf7101"}, ("Ouaka", "CF71", "Bambari", "CF7101")),  # P-codes alone
        ({"admin1": "ouaka", "admin2": "  Bambari "}, ("Ouaka", "CF71", "Bambari", "CF7101")),  # exact names
        ({"admin1": "", "admin2": "Zemio"}, ("Haut-Mbomou", "CF53", "Zémio", "CF5302")),  # accents aside; region filled
        ({"admin1": "Ouham-Pende", "admin2": ""}, ("Ouham-Pendé", "CF32", "", "")),
        ({"admin1": "ouham pende", "admin2": ""}, ("Ouham-Pendé", "CF32", "", "")),  # a space for the hyphen
        ({"admin1": "", "admin2": ""}, ("", "", "", "")),
    ],
)
def test_a_place_picked_by_name_or_p_code_stores_both(world, login, gazetteer, places, stored):
    response = create(login(world.officer), world.officer, **places)
    assert response.status_code == 302, response.context["form"].errors
    task = Task.objects.get()
    assert (task.admin1_name, task.admin1_pcode, task.admin2_name, task.admin2_pcode) == stored


@pytest.mark.parametrize(
    ("places", "field", "message"),
    [
        (
            {"admin1": "Atlantis"},
            "admin1",
            "“Atlantis” is not an admin 1 place of Central African Republic in the gazetteer: type part of its name "
            "and choose from the list, or enter its P-code.",
        ),
        ({"admin1": "CF99"}, "admin1", "CF99 is not an admin 1 P-code of Central African Republic in the gazetteer."),
        ({"admin1": "Mopti (ML05)"}, "admin1", "ML05 is Mopti in Mali, not a place of Central African Republic."),
        ({"admin2": "Bandiagara"}, "admin2", "“Bandiagara” is not an admin 2 place of Central African Republic"),
        ({"admin1": "XX12"}, "admin1", "P-codes of this operation start with CF."),
        (
            {"admin1": "Ouaka (CF71)", "admin2": "Bria (CF7201)"},
            "admin2",
            "Bria (CF7201) is in Haute-Kotto (CF72), not in Ouaka (CF71).",
        ),
        ({"admin1": "Bambari"}, "admin1", "Bambari (CF7101) is an admin 2 place, not admin 1."),
        ({"admin2": "CF71"}, "admin2", "Ouaka (CF71) is an admin 1 place, not admin 2."),
    ],
)
def test_unknown_foreign_or_misplaced_places_are_clear_errors_and_nothing_is_saved(
    world, login, gazetteer, places, field, message
):
    response = create(login(world.officer), world.officer, **places)
    assert response.status_code == 200
    assert any(error.startswith(message) for error in errors_of(response, field)), errors_of(response, field)
    assert not Task.objects.exists()
    for value in places.values():
        assert f'value="{value}"' in response.text  # the input is kept


def test_a_district_name_two_regions_share_is_settled_by_the_region(world, login, gazetteer):
    AdminUnit.objects.create(
        country="CF", level=2, pcode="CF7106", name="Bria", parent=AdminUnit.objects.get(pcode="CF71")
    )
    client = login(world.officer)
    response = create(client, world.officer, admin2="Bria")
    assert "Several admin 2 places are called “Bria”" in errors_of(response, "admin2")[0]
    assert create(client, world.officer, admin1="Ouaka", admin2="Bria").status_code == 302
    assert Task.objects.get().admin2_pcode == "CF7106"


def test_the_form_lists_the_operation_s_country_only(world, login, gazetteer):
    page = login(world.officer).get(CREATE).text
    admin1 = re.search(r'<datalist id="places-cf-admin1">(.*?)</datalist>', page, re.S).group(1)
    admin2 = re.search(r'<datalist id="places-cf-admin2">(.*?)</datalist>', page, re.S).group(1)
    assert 'list="places-cf-admin1"' in page and 'list="places-cf-admin2"' in page
    assert '<option value="Ouaka (CF71)"' in admin1
    assert '<option value="Bambari (CF7101)" data-parent="CF71">Ouaka</option>' in admin2
    assert admin1.count("<option") == AdminUnit.objects.filter(country="CF", level=1).count() == 17
    assert "ML05" not in page and "Mopti" not in page and "CD54" not in page


def test_retired_units_are_no_longer_offered_but_a_task_naming_one_still_saves(world, login, gazetteer):
    task = TaskFactory(operation=world.operation, owner=world.officer, admin1_name="Ouaka", admin1_pcode="CF71")
    AdminUnit.objects.filter(pcode="CF71").update(is_active=False)
    client = login(world.officer)
    assert '<option value="Ouaka (CF71)"' not in client.get(CREATE).text
    edit = task_log_url("task-edit", reference=task.reference)
    assert client.post(edit, edit_data(task, title="Renamed")).status_code == 302  # left as it was: kept
    task.refresh_from_db()
    assert (task.title, task.admin1_name, task.admin1_pcode) == ("Renamed", "Ouaka", "CF71")
    response = client.post(CREATE, create_data(world.officer, admin1="Ouaka (CF71)"))
    assert "CF71 is not an admin 1 P-code of Central African Republic in the gazetteer." in errors_of(
        response, "admin1"
    )


def test_the_edit_form_shows_the_stored_place(world, login, gazetteer):
    task = TaskFactory(
        operation=world.operation, owner=world.officer,
        admin1_name="Ouaka", admin1_pcode="CF71", admin2_name="Ippy", admin2_pcode="CF7102",
    )  # fmt: skip
    page = login(world.officer).get(task_log_url("task-edit", reference=task.reference)).text
    assert 'value="Ouaka (CF71)"' in page and 'value="Ippy (CF7102)"' in page


def test_without_a_gazetteer_for_the_country_the_field_is_plain_and_the_place_rules_apply(world, login):
    client = login(world.officer)
    page = client.get(CREATE).text
    assert "<datalist" not in page and "No gazetteer is loaded for Central African Republic" in page
    assert create(client, world.officer, admin1="Ouaka (CF71)", admin2="Bambari (CF7101)").status_code == 302
    assert Task.objects.get().admin2_name == "Bambari"


@pytest.mark.parametrize("units", [20, 400])
def test_the_task_form_s_queries_do_not_grow_with_the_gazetteer(world, login, units, django_assert_num_queries):
    regions = AdminUnit.objects.bulk_create(
        AdminUnit(country="CF", level=1, pcode=f"CF{n + 10}", name=f"Region {n}") for n in range(units // 20)
    )
    AdminUnit.objects.bulk_create(
        AdminUnit(country="CF", level=2, pcode=f"{region.pcode}{n:02d}", name=f"District {region.pcode}-{n}",
                  parent=region)
        for region in regions for n in range(19)
    )  # fmt: skip
    assert AdminUnit.objects.count() == units
    client = login(world.officer)
    client.get(CREATE)  # warm the session and caches, as every other budget test does
    with django_assert_num_queries(QUERIES_OF_THE_TASK_FORM) as captured:
        page = client.get(CREATE).text
    assert page.count('<option value="District') == units - units // 20
    assert sum("gazetteer_adminunit" in query["sql"] for query in captured.captured_queries) == 1


# Session, user, access (2), the operation, the units (one query, whatever their number), activities, the
# operations of the switcher, priorities, owners, collaborators.
QUERIES_OF_THE_TASK_FORM = 11
