"""The current picture of an actor: its latest assessment the reader may see (by date, then by entry order)."""

import datetime
import re

import pytest

from cmcoord.operations.calendar import operation_today
from tests.factories import ActorAssessmentFactory, ActorFactory
from tests.support import CONFIDENTIAL, STRICTLY_CONFIDENTIAL, UNCLASSIFIED, actors_url, section, svg_of


def assess(actor, assessor, on, stance, influence, interest, sensitivity=UNCLASSIFIED):
    return ActorAssessmentFactory(
        actor=actor, assessor=assessor, assessed_on=datetime.date.fromisoformat(on), stance=stance,
        influence=influence, interest=interest, sensitivity=sensitivity,
    )  # fmt: skip


def list_row(html, name):
    """The cells' text of the actor list's row for ``name``: [actor, category, stance, influence, interest, party]."""
    table = section(html, "actor-table")
    for row in re.findall(r'<tr data-testid="actor-row">(.*?)</tr>', table, flags=re.S):
        if name in row:
            cells = re.findall(r"<td\b[^>]*>(.*?)</td>", row, flags=re.S)
            return [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in cells]
    raise AssertionError(f"{name} is not in the list")


def history_rows(html):
    """The assessment history as (date, stance, influence, interest) tuples, in page order."""
    body = html.split("Assessment history", 1)[1].split("</tbody>", 1)[0]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S):
        cells = [" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        if len(cells) == 5:
            rows.append(tuple(cells[:4]))
    return rows


@pytest.fixture
def assessed(world):
    """An Unclassified actor assessed four times; two on the same day (the later entry wins)."""
    actor = ActorFactory(operation=world.operation, name="Anti-balaka Bossangoa", sensitivity=UNCLASSIFIED)
    made = {
        "first": assess(actor, world.officer, "2026-01-10", "neutral", 2, 2),
        "same_day_earlier": assess(actor, world.officer, "2026-03-01", "spoiler", 5, 1),
        "same_day_later": assess(actor, world.head, "2026-03-01", "influencer", 4, 3),
        "backdated": assess(actor, world.officer, "2025-12-01", "supportive", 1, 5),  # entered last, oldest date
    }
    return actor, made


def test_latest_assessment_is_the_current_picture_on_the_actor_page(world, login, assessed):
    actor, _ = assessed
    response = login(world.officer).get(actors_url("actor-detail", pk=actor.pk))
    current = section(response.text, "current-assessment")
    assert "Influencer" in current
    assert "4 / 3" in current
    assert "2026-03-01" in current
    assert "Spoiler" not in current and "Supportive" not in current
    assert response.context["current"].stance == "influencer"


def test_older_assessments_stay_in_the_history(world, login, assessed):
    actor, _ = assessed
    response = login(world.officer).get(actors_url("actor-detail", pk=actor.pk))
    assert history_rows(response.text) == [
        ("2026-03-01", "Influencer", "4", "3"),
        ("2026-03-01", "Spoiler", "5", "1"),
        ("2026-01-10", "Neutral", "2", "2"),
        ("2025-12-01", "Supportive", "1", "5"),
    ]


@pytest.mark.parametrize("standing", ["officer", "hct", "hq"])
def test_latest_assessment_fills_the_list_columns(world, login, assessed, standing):
    actor, _ = assessed
    response = login(world.by_role(standing)).get(actors_url("actor-list"))
    row = list_row(response.text, actor.name)
    assert row[2:5] == ["Influencer", "4", "3"]


def test_latest_assessment_places_the_actor_on_the_map(world, login, assessed):
    actor, _ = assessed
    response = login(world.officer).get(actors_url("stakeholder-map"))
    svg = svg_of(response.text)
    assert svg.count(f'data-key="{actor.pk}"') == 1
    assert "stance-influencer" in svg and "stance-spoiler" not in svg


def test_list_filter_uses_the_current_stance(world, login, assessed):
    actor, _ = assessed
    client = login(world.officer)
    assert actor.name in section(client.get(actors_url("actor-list"), {"stance": "influencer"}).text, "actor-table")
    assert actor.name not in section(client.get(actors_url("actor-list"), {"stance": "spoiler"}).text, "actor-table")
    assert actor.name in section(client.get(actors_url("actor-list"), {"influence": 4}).text, "actor-table")
    assert actor.name not in section(client.get(actors_url("actor-list"), {"influence": 5}).text, "actor-table")


def test_new_assessment_through_the_form_becomes_the_current_picture(world, login, assessed):
    actor, _ = assessed
    client = login(world.officer)
    response = client.post(
        actors_url("assessment-create", pk=actor.pk),
        {"assessed_on": "2026-04-02", "stance": "supportive", "influence": 3, "interest": 5,
         "access_attitude": "facilitating", "protection_attitude": "accepting", "strategy": "cooperation",
         "notes": "", "sensitivity": UNCLASSIFIED},
    )  # fmt: skip
    assert response.status_code == 302
    current = section(client.get(actors_url("actor-detail", pk=actor.pk)).text, "current-assessment")
    assert "Supportive" in current and "3 / 5" in current
    assert list_row(client.get(actors_url("actor-list")).text, actor.name)[2:5] == ["Supportive", "3", "5"]


# --- A newer assessment the reader may not see ----------------------------------------------------


@pytest.fixture
def hidden_newest(world):
    """A Confidential actor whose newest assessment is Strictly confidential (HQ reads the one before)."""
    actor = ActorFactory(
        operation=world.operation, name="Retour, Reclamation et Rehabilitation", sensitivity=CONFIDENTIAL
    )
    assess(actor, world.officer, "2026-01-15", "spoiler", 5, 2, sensitivity=CONFIDENTIAL)
    assess(actor, world.officer, "2026-05-20", "supportive", 1, 4, sensitivity=STRICTLY_CONFIDENTIAL)
    return actor


def test_hidden_assessment_is_not_hqs_current_picture(world, login, hidden_newest):
    response = login(world.hq).get(actors_url("actor-detail", pk=hidden_newest.pk))
    current = section(response.text, "current-assessment")
    assert "Spoiler" in current and "5 / 2" in current and "2026-01-15" in current
    assert "Supportive" not in response.text
    assert "2026-05-20" not in response.text
    assert history_rows(response.text) == [("2026-01-15", "Spoiler", "5", "2")]


def test_hidden_assessment_is_not_hqs_current_picture_in_the_list_and_map(world, login, hidden_newest):
    client = login(world.hq)
    assert list_row(client.get(actors_url("actor-list")).text, hidden_newest.name)[2:5] == ["Spoiler", "5", "2"]
    page = client.get(actors_url("stakeholder-map")).text
    assert "stance-spoiler" in svg_of(page) and "stance-supportive" not in svg_of(page)
    assert "2026-05-20" not in page
    assert client.get(actors_url("actor-list"), {"stance": "supportive"}).context["paginator"].count == 0


def test_officer_sees_the_hidden_assessment_as_current(world, login, hidden_newest):
    client = login(world.officer)
    current = section(client.get(actors_url("actor-detail", pk=hidden_newest.pk)).text, "current-assessment")
    assert "Supportive" in current and "1 / 4" in current
    assert list_row(client.get(actors_url("actor-list")).text, hidden_newest.name)[2:5] == ["Supportive", "1", "4"]


def test_hct_reads_the_latest_unclassified_assessment(world, login):
    actor = ActorFactory(operation=world.operation, name="Comite des sages de Paoua", sensitivity=UNCLASSIFIED)
    assess(actor, world.officer, "2026-02-01", "neutral", 2, 3, sensitivity=UNCLASSIFIED)
    assess(actor, world.officer, "2026-02-02", "spoiler", 4, 1, sensitivity=CONFIDENTIAL)
    client = login(world.hct)
    current = section(client.get(actors_url("actor-detail", pk=actor.pk)).text, "current-assessment")
    assert "Neutral" in current and "2 / 3" in current
    assert list_row(client.get(actors_url("actor-list")).text, actor.name)[2:5] == ["Neutral", "2", "3"]


def test_actor_with_only_hidden_assessments_reads_assessment_restricted(world, login):
    """An assessment above the reader's level is not a missing one: never "not assessed", and nothing of it shows."""
    actor = ActorFactory(operation=world.operation, name="Comite des sages de Paoua", sensitivity=UNCLASSIFIED)
    assess(actor, world.officer, "2026-02-02", "spoiler", 4, 1, sensitivity=STRICTLY_CONFIDENTIAL)
    client = login(world.hq)
    current = section(client.get(actors_url("actor-detail", pk=actor.pk)).text, "current-assessment")
    assert "Assessment restricted: 1 assessment of this actor is above your access level." in current
    assert "Not assessed yet." not in current and "Spoiler" not in current
    assert list_row(client.get(actors_url("actor-list")).text, actor.name)[2:5] == ["assessment restricted", "—", "—"]
    page = client.get(actors_url("stakeholder-map"))
    assert f'data-key="{actor.pk}"' not in svg_of(page.text)
    assert [a.pk for a in page.context["restricted"]] == [actor.pk]
    assert page.context["unassessed"] == []


# --- The assessment form starts from the current picture ------------------------------------------


def selected(html, field):
    """The value of the option selected in the drop-down named ``field`` ("" for the blank choice, None if none)."""
    select = re.search(rf'<select name="{field}".*?</select>', html, flags=re.S).group(0)
    found = re.search(r'<option value="([^"]*)"[^>]*\bselected\b', select)
    return found.group(1) if found else None


def test_the_assessment_form_starts_from_the_actor_s_current_assessment(world, login, assessed):
    actor, made = assessed
    made["same_day_later"].access_attitude, made["same_day_later"].strategy = "facilitating", "cooperation"
    made["same_day_later"].save()
    response = login(world.officer).get(actors_url("assessment-create", pk=actor.pk))
    html = response.text
    expected = {"stance": "influencer", "influence": "4", "interest": "3", "access_attitude": "facilitating",
                "strategy": "cooperation"}  # fmt: skip
    assert {field: selected(html, field) for field in expected} == expected
    assert "current assessment of 2026-03-01 (Influencer, influence 4, interest 3)" in section(html, "assessment-start")
    # Today's date in the operation (Bangui's, an hour ahead of UTC), and no notes carried over: they belong to the
    # earlier assessment.
    assessed_on = re.search(r'<input type="date" name="assessed_on"[^>]*>', html).group(0)
    assert f'value="{operation_today(world.operation).isoformat()}"' in assessed_on
    assert re.search(r'<textarea name="notes"[^>]*>\s*</textarea>', html)


def test_the_assessment_form_takes_over_the_current_level_when_it_is_higher(world, login):
    actor = ActorFactory(operation=world.operation, name="Zone commander Kaga", sensitivity=CONFIDENTIAL)
    assess(actor, world.officer, "2026-02-01", "spoiler", 5, 2, sensitivity=STRICTLY_CONFIDENTIAL)
    html = login(world.officer).get(actors_url("assessment-create", pk=actor.pk)).text
    assert selected(html, "sensitivity") == str(STRICTLY_CONFIDENTIAL)
    assert (selected(html, "influence"), selected(html, "interest")) == ("5", "2")


def test_without_an_assessment_no_rating_is_preselected(world, login):
    actor = ActorFactory(operation=world.operation, name="Village self-defence group", sensitivity=UNCLASSIFIED)
    client = login(world.officer)
    html = client.get(actors_url("assessment-create", pk=actor.pk)).text
    assert (selected(html, "influence"), selected(html, "interest")) in {("", ""), (None, None)}
    assert 'data-testid="assessment-start"' not in html
    assert selected(html, "sensitivity") == str(CONFIDENTIAL)  # assessments default to Confidential at least
    response = client.post(
        actors_url("assessment-create", pk=actor.pk),
        {"assessed_on": "2026-04-02", "stance": "neutral", "influence": "", "interest": "",
         "access_attitude": "unknown", "protection_attitude": "unknown", "strategy": "coexistence",
         "sensitivity": CONFIDENTIAL},
    )  # fmt: skip
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"influence", "interest"}
    assert not actor.assessments.exists()
