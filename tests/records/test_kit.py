"""What a record type gets from its declaration alone (tests/recordkit: one model, one form, one declaration):
its pages save through the kit's services, refuse a lost update, re-render bad input, stay within a query budget
whatever the number of records, and appear in the navigation, the export menu and the API."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from tests.exports.support import csv_rows, export_url
from tests.factories import TaskFactory
from tests.recordkit.models import SiteVisit
from tests.support import CONFIDENTIAL, UNCLASSIFIED, in_operation, section

url = in_operation("site-visits")


def visit(world, **kwargs):
    return SiteVisit.objects.create(
        operation=world.operation, title="Visit to Bria", visited_on=date(2026, 1, 10), **kwargs
    )


def test_an_officer_creates_a_visit_with_its_tasks_and_finds_it_listed(world, login):
    task = TaskFactory(operation=world.operation, owner=world.officer)
    client = login(world.officer)
    form = client.get(url("create"))
    assert 'data-testid="sitevisit-form"' in form.text and "Place" in form.text
    response = client.post(
        url("create"),
        {"title": "Visit to Kaga-Bandoro", "visited_on": "2026-01-12", "tasks": [task.pk], "sensitivity": CONFIDENTIAL},
    )
    created = SiteVisit.objects.get()
    assert response.status_code == 302 and response["Location"] == created.get_absolute_url()
    assert list(created.tasks.all()) == [task]
    assert created.history.exists() and created.version == 1  # audited; its first version
    listing = client.get(url("list")).text
    assert section(listing, "sitevisit-count").startswith('<p class="small text-body-secondary" data-testid')
    assert "1 record listed" in listing and "Visit to Kaga-Bandoro" in section(listing, "sitevisit-table")


def test_bad_input_re_renders_with_the_input_kept(world, login):
    response = login(world.officer).post(url("create"), {"title": "Visit to Obo", "visited_on": "not a date"})
    assert response.status_code == 200
    assert 'data-testid="error-summary"' in response.text and 'value="Visit to Obo"' in response.text
    assert not SiteVisit.objects.exists()


def test_a_lost_update_is_refused_with_what_changed(world, login):
    record = visit(world, sensitivity=UNCLASSIFIED)
    officer = login(world.officer)
    head = Client()
    head.force_login(world.head)
    stale = {"title": "Visit to Bria and Ippy", "visited_on": "2026-01-10", "sensitivity": UNCLASSIFIED, "version": 1}
    saved = head.post(url("edit", pk=record.pk), {**stale, "title": "Visit to Bria (postponed)"})
    assert saved.status_code == 302
    refused = officer.post(url("edit", pk=record.pk), stale)
    assert refused.status_code == 409
    assert "Visit to Bria (postponed)" in section(refused.text, "conflict")
    assert 'value="Visit to Bria and Ippy"' in refused.text  # the officer's input kept
    record.refresh_from_db()
    assert (record.title, record.version) == ("Visit to Bria (postponed)", 2)


@pytest.mark.parametrize("standing", ["officer", "hq"])
def test_list_api_and_export_budgets(world, login, django_assert_max_num_queries, standing):
    tasks = [TaskFactory(operation=world.operation, owner=world.officer) for _ in range(3)]
    for n in range(120):
        record = visit(world, sensitivity=UNCLASSIFIED if n % 2 else CONFIDENTIAL)
        record.tasks.set(tasks)
    client = login(world.by_role(standing))
    with django_assert_max_num_queries(12):
        response = client.get(url("list"), {"page": "2"})
    assert response.text.count('data-testid="sitevisit-row"') == 50
    with django_assert_max_num_queries(8):
        response = client.get(reverse("sitevisit-list"), {"page_size": 100})
    assert len(response.json()["results"]) == 100
    with django_assert_max_num_queries(12):
        rows = csv_rows(client.get(export_url("site-visits", "csv")))
    assert len(rows) == 2 + (120 if standing == "officer" else 60)
    assert rows[1][:3] == ["#country+code+v_iso3", "#meta+id", "#event+name"]


def test_the_kit_filters_by_text_place_and_operation(world, login):
    visit(world, sensitivity=UNCLASSIFIED, admin1_name="Haute-Kotto", admin1_pcode="CF52")
    SiteVisit.objects.create(operation=world.operation, title="Visit to Paoua", visited_on=date(2026, 1, 3), notes="")
    SiteVisit.objects.create(operation=world.other_operation, title="Visit to Gao", visited_on=date(2026, 1, 3))
    officer = login(world.officer)
    for params, expected in (({"q": "paoua"}, ["Visit to Paoua"]), ({"location": "cf5"}, ["Visit to Bria"])):
        table = section(officer.get(url("list"), params).text, "sitevisit-table")
        assert [title for title in ("Visit to Bria", "Visit to Paoua") if title in table] == expected
    hq = login(world.hq)
    rows = hq.get(reverse("sitevisit-list"), {"operation": "mli"}).json()["results"]
    assert [row["title"] for row in rows] == ["Visit to Gao"]
    assert hq.get(reverse("sitevisit-list"), {"operation": "MALI"}).status_code == 400
