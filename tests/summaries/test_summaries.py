"""Summaries for the HCT: written with a record, cleared by the head of office, read by who may not open the record,
and by nobody else; the record itself stays closed."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from cmcoord.core.choices import Sensitivity
from summaries import services
from summaries.models import Summary
from tests.factories import (
    AccessIncidentFactory,
    ActorAssessmentFactory,
    ActorFactory,
    EngagementFactory,
    NotificationFactory,
)
from tests.support import form_values

pytestmark = pytest.mark.django_db

TEXT = "Checkpoint at PK12 lifted after dialogue with the local commander"
OUTCOME = "Commander Zéphirin agreed to lift the checkpoint"  # the record's own content: never for the HCT


def _url(name, operation, **kwargs):
    return reverse(name, kwargs={"code": operation.code, **kwargs})


def _write_through_form(client, engagement, text=TEXT):
    edit = _url("engagements:engagement-edit", engagement.operation, pk=engagement.pk)
    data = form_values(client.get(edit).text)
    data["hct_summary"] = [text]
    response = client.post(edit, data)
    assert response.status_code == 302, response.text[:2000]
    return Summary.objects.get(object_id=engagement.pk, content_type=ContentType.objects.get_for_model(engagement))


def _pages(client, operation):
    """Every page where a summary may show to a reader of the operation."""
    return {
        "dashboard": client.get(_url("operations:detail", operation)),
        "engagements": client.get(_url("engagements:engagement-list", operation)),
        "summaries": client.get(_url("summaries:list", operation)),
    }


@pytest.fixture
def engagement(world):
    return EngagementFactory(operation=world.operation, sensitivity=Sensitivity.CONFIDENTIAL, outcome=OUTCOME)


def test_written_by_an_officer_it_waits_for_the_head_then_the_hct_reads_it(world, login, engagement):
    summary = _write_through_form(login(world.officer), engagement)
    assert (summary.written_by, summary.cleared_by) == (world.officer, None)
    assert summary.sensitivity == Sensitivity.CONFIDENTIAL  # waiting: only who may open the record reads it
    for page, response in _pages(login(world.hct), world.operation).items():
        assert response.status_code == 200
        assert TEXT not in response.text, page

    head = login(world.head)
    assert "1 summary waits for your clearance" in head.get(_url("operations:detail", world.operation)).text
    response = head.post(_url("summaries:clear", world.operation, pk=summary.pk))
    assert response.status_code == 302
    summary.refresh_from_db()
    assert (summary.cleared_by, summary.sensitivity) == (world.head, Sensitivity.UNCLASSIFIED)

    hct = login(world.hct)
    for page, response in _pages(hct, world.operation).items():
        assert TEXT in response.text, page
        assert OUTCOME not in response.text, page  # the record itself stays closed
    assert "Written by" in hct.get(_url("summaries:list", world.operation)).text
    assert hct.get(_url("engagements:engagement-detail", world.operation, pk=engagement.pk)).status_code == 404
    # Every change is in the summary's history: written, then cleared.
    assert summary.history.count() == 2


@pytest.mark.parametrize("who", ["outsider", "other_officer", "hq_limited", "hct", "officer"])
def test_nobody_else_reads_or_clears_it(world, login, client, engagement, who):
    summary = services.summary_write(user=world.officer, record=engagement, text=TEXT)
    user = getattr(world, who)
    reader = login(user)
    response = reader.post(_url("summaries:clear", world.operation, pk=summary.pk))
    assert response.status_code in (403, 404)
    summary.refresh_from_db()
    assert summary.cleared_by is None
    if who != "officer":
        for page, response in _pages(reader, world.operation).items():
            assert TEXT not in response.text, (who, page)
    client.logout()
    assert TEXT not in client.get(_url("summaries:list", world.operation)).text


def test_an_operation_that_does_not_ask_for_clearance_releases_it_at_once(world, login, engagement):
    world.operation.summaries_need_clearance = False
    world.operation.save()
    summary = services.summary_write(user=world.officer, record=engagement, text=TEXT)
    assert (summary.cleared_by, summary.sensitivity) == (None, Sensitivity.UNCLASSIFIED)
    assert "does not ask for clearance" in login(world.hct).get(_url("summaries:list", world.operation)).text
    # Asking for clearance again withdraws what nobody cleared.
    world.operation.summaries_need_clearance = True
    world.operation.save()
    summary.refresh_from_db()
    assert summary.sensitivity == Sensitivity.CONFIDENTIAL


def test_raising_the_record_withdraws_the_clearance(world, engagement):
    summary = services.summary_write(user=world.head, record=engagement, text=TEXT)  # a head clears by writing
    assert summary.cleared_by == world.head
    engagement.sensitivity = Sensitivity.STRICTLY_CONFIDENTIAL
    engagement.save()
    summary.refresh_from_db()
    assert (summary.cleared_by, summary.sensitivity) == (None, Sensitivity.STRICTLY_CONFIDENTIAL)


def test_empty_text_withdraws_the_summary_and_bad_input_is_refused(world, login, engagement):
    client = login(world.officer)
    _write_through_form(client, engagement)
    edit = _url("engagements:engagement-edit", world.operation, pk=engagement.pk)
    data = form_values(client.get(edit).text)
    assert data["hct_summary"] == [TEXT]
    data["hct_summary"] = ["x" * 601]
    response = client.post(edit, data)
    assert response.status_code == 200
    assert "at most 600 characters" in response.text
    data["hct_summary"] = [""]
    assert client.post(edit, data).status_code == 302
    assert not Summary.objects.exists()


@pytest.mark.parametrize(
    "factory,list_name",
    [(AccessIncidentFactory, "incidents:list"), (NotificationFactory, "deconfliction:list")],
    ids=["incident", "notification"],
)
def test_every_summarised_record_shows_it_under_its_list(
    world, login, factory, list_name, django_assert_max_num_queries
):
    records = [factory(operation=world.operation, sensitivity=Sensitivity.CONFIDENTIAL) for _ in range(12)]
    for n, record in enumerate(records):
        services.summary_write(user=world.head, record=record, text=f"{TEXT} ({n})")
    hct = login(world.hct)
    url = _url(list_name, world.operation)
    with django_assert_max_num_queries(25):
        response = hct.get(url)
    assert response.text.count('data-testid="summary-text"') == 12
    # Their detail pages show the summary to who may open them.
    detail = login(world.officer).get(records[0].get_absolute_url())
    assert f"{TEXT} (0)" in detail.text and 'data-testid="record-summary"' in detail.text


def test_a_cleared_assessment_places_the_actor_on_the_hcts_map(world, login):
    actor = ActorFactory(operation=world.operation, name="Éleveurs armés", sensitivity=Sensitivity.UNCLASSIFIED)
    assessment = ActorAssessmentFactory(
        actor=actor, assessor=world.officer, influence=5, interest=2, stance="spoiler",
        sensitivity=Sensitivity.CONFIDENTIAL,
    )  # fmt: skip
    hct = login(world.hct)
    map_url = _url("actors:stakeholder-map", world.operation)
    assert "map-from-summary" not in hct.get(map_url).text
    services.summary_write(user=world.head, record=assessment, text="Hostile to access, strong locally")
    page = hct.get(map_url).text
    assert 'data-testid="map-from-summary"' in page
    assert "Spoiler" in page
    actor_page = hct.get(actor.get_absolute_url()).text
    assert "Hostile to access, strong locally" in actor_page and "Influence (1 to 5): <strong>5</strong>" in actor_page


def test_the_hct_dashboard_leads_with_priorities_and_summaries(world, login):
    def order(user):
        html = login(user).get(_url("operations:detail", world.operation)).text
        panels = ("dashboard-priorities", "dashboard-summaries", "dashboard-tasks")
        return [html.index(f'data-testid="{testid}"') for testid in panels]

    priorities_at, summaries_at, tasks_at = order(world.hct)
    assert priorities_at < summaries_at < tasks_at
    priorities_at, summaries_at, tasks_at = order(world.officer)
    assert tasks_at < priorities_at < summaries_at


def test_the_summary_list_has_a_query_budget(world, login, django_assert_max_num_queries):
    for n in range(30):
        services.summary_write(
            user=world.officer, record=EngagementFactory(operation=world.operation), text=f"{TEXT} {n}"
        )
        services.summary_write(
            user=world.head, record=AccessIncidentFactory(operation=world.operation), text=f"Incident {n}"
        )
    for user in (world.head, world.hct):
        client = login(user)
        with django_assert_max_num_queries(12):
            response = client.get(_url("summaries:list", world.operation))
        assert response.status_code == 200
    assert response.text.count('data-testid="summary-row"') == 30  # the HCT: the cleared ones only


def test_the_hcts_digest_carries_cleared_summaries_only(world):
    from datetime import timedelta

    from django.utils import timezone

    from digests import content
    from digests.choices import Audience

    waiting = EngagementFactory(operation=world.operation, outcome=OUTCOME)
    cleared = AccessIncidentFactory(operation=world.operation, occurred_on=timezone.localdate())
    services.summary_write(user=world.officer, record=waiting, text="Waiting for the head")
    services.summary_write(user=world.head, record=cleared, text=TEXT)
    end = timezone.now() + timedelta(days=1)
    for audience in Audience:
        data = content.build_context(world.operation, audience, ["summaries"], end - timedelta(days=30), end, end)
        _subject, html, text = content.render_mail(data)
        for part in (html, text):
            assert TEXT in part, audience
            assert "Waiting for the head" not in part and OUTCOME not in part, audience
