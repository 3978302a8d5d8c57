"""Actors' areas: ticked among the country's admin 1 units, shown by name on the actor's page and in the list."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors.models import Actor
from cmcoord.gazetteer.models import AdminUnit
from tests.actors.test_bad_input import actor_data
from tests.factories import ActorFactory
from tests.support import actors_url


def test_actor_page_and_list_show_area_names_with_their_p_codes(world, login, gazetteer):
    actor = ActorFactory(operation=world.operation, name="Zone commanders", areas="CF32, CF71, CF99")
    client = login(world.officer)
    detail = client.get(actors_url("actor-detail", pk=actor.pk))
    assert detail.context["actor"].area_places[0].name == "Ouham-Pendé"
    assert "Ouham-Pendé (CF32), Ouaka (CF71), CF99" in detail.text  # a code the gazetteer does not know stays bare
    listing = client.get(actors_url("actor-list")).text
    assert '<span title="CF32">Ouham-Pendé</span>, <span title="CF71">Ouaka</span>' in listing


def test_area_names_cost_one_query_for_the_whole_list(world, login, gazetteer):
    client = login(world.officer)
    counts = []
    for actors in (3, 30):
        for n in range(len(counts) * 3, actors):
            ActorFactory(operation=world.operation, name=f"Group {n}", areas="CF32, CF52, CF71")
        client.get(actors_url("actor-list"))
        with CaptureQueriesContext(connection) as captured:
            page = client.get(actors_url("actor-list")).text
        assert page.count('<span title="CF52">Basse-Kotto</span>') == actors
        assert sum("gazetteer_adminunit" in query["sql"] for query in captured.captured_queries) == 1
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1], "the list's queries grow with its actors"


def test_the_actor_form_offers_the_country_s_admin_1_units_to_tick(world, login, gazetteer):
    form = login(world.officer).get(actors_url("actor-create")).context["form"]
    codes = [code for code, _label in form.fields["areas"].choices]
    regions = AdminUnit.objects.filter(country="CF", level=1).order_by("name")
    assert codes == list(regions.values_list("pcode", flat=True))
    assert ("CF71", "Ouaka (CF71)") in form.fields["areas"].choices


def test_ticked_areas_are_stored_as_p_codes(world, login, gazetteer):
    response = login(world.officer).post(actors_url("actor-create"), actor_data(areas=["CF71", "CF32"]))
    assert response.status_code == 302
    assert Actor.objects.get().areas == "CF71, CF32"


@pytest.mark.parametrize("areas", ["ML05", ["CF71", "CF99"], "CF7101"])
def test_areas_outside_the_country_s_admin_1_units_are_refused(world, login, gazetteer, areas):
    response = login(world.officer).post(actors_url("actor-create"), actor_data(areas=areas))
    assert response.status_code == 200
    assert "is not an admin 1 P-code of this operation" in str(response.context["form"].errors["areas"])
    assert not Actor.objects.exists()


def test_an_area_the_gazetteer_does_not_know_stays_on_edit(world, login, gazetteer):
    actor = ActorFactory(operation=world.operation, name="Old", areas="CF71, CF99")
    form = login(world.officer).get(actors_url("actor-edit", pk=actor.pk)).context["form"]
    assert ("CF99", "CF99 (not in the gazetteer)") in form.fields["areas"].choices
