"""What a digest says: each section's numbers, clearance (nothing restricted named in either part of the mail),
restricted counts marked, the extension point, and a query budget that does not grow with the operation."""

from datetime import UTC, date, datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cmcoord.core.choices import Sensitivity
from digests import content, sections, services
from digests.choices import Audience
from tests.factories import (
    ActorAssessmentFactory,
    ActorFactory,
    LiaisonContactFactory,
    MissionFactory,
    MissionPhaseChangeFactory,
    ProtectionPriorityFactory,
    TaskFactory,
)
from tests.support import CONFIDENTIAL, UNCLASSIFIED

# The period of the digest sent on Monday 2 March 2026 at 07:00 in Bangui: 23 February 07:00 to 2 March 07:00.
START = datetime(2026, 2, 23, 6, tzinfo=UTC)
END = datetime(2026, 3, 2, 6, tzinfo=UTC)
NEXT_END = datetime(2026, 3, 9, 6, tzinfo=UTC)
IN_PERIOD = date(2026, 2, 25)
NEXT_PERIOD = date(2026, 3, 4)
EVERY_SECTION = ["task-areas", "priorities", "due-next", "actors", "missions"]


def seed(world, prefix="", count=1):
    """Tasks, priorities, actors with contacts and assessments, and a mission, at every level."""
    operation, owner = world.operation, world.officer
    priority = ProtectionPriorityFactory(operation=operation, title=f"{prefix}Safe access to water points")
    for level in Sensitivity:
        name = level.name.title().replace("_", "")
        for index in range(count):
            tag = f"{prefix}{name}{index}"
            TaskFactory(
                operation=operation, owner=owner, sensitivity=level, title=f"Completed {tag}",
                status="completed", completed_on=IN_PERIOD, start_date=IN_PERIOD,
                protection_priorities=[priority],
            )  # fmt: skip
            TaskFactory(
                operation=operation, owner=owner, sensitivity=level, title=f"Due {tag}",
                due_date=NEXT_PERIOD, protection_priorities=[priority],
            )  # fmt: skip
            TaskFactory(operation=operation, owner=owner, sensitivity=level, title=f"Overdue {tag}", due_date=IN_PERIOD)
            actor = ActorFactory(operation=operation, name=f"Actor {tag}", sensitivity=level)
            ActorAssessmentFactory(
                actor=actor, sensitivity=level, assessed_on=date(2026, 1, 10), stance="neutral", assessor=owner
            )
            ActorAssessmentFactory(
                actor=actor, sensitivity=level, assessed_on=IN_PERIOD, stance="spoiler", influence=5, assessor=owner
            )
            LiaisonContactFactory(
                actor=actor, name=f"Contact {tag}", phone="+236 70 00 00 01", email=f"{tag.lower()}@armed.example",
                sensitivity=level,
            )  # fmt: skip
    mission = MissionFactory(acronym=f"{prefix.upper()}MINUSCA", operations=[operation])
    MissionPhaseChangeFactory(mission=mission, phase="drawdown", started_on=IN_PERIOD)
    return priority


def build(world, audience=Audience.HCT, keys=EVERY_SECTION):
    return content.build_context(world.operation, audience, keys, START, END, NEXT_END)


def section(context, key):
    return next(entry["data"] for entry in context["sections"] if entry["key"] == key)


@pytest.mark.parametrize("audience", list(Audience))
def test_a_digest_names_nothing_restricted_in_either_part(world, audience):
    seed(world)
    _subject, html, text = content.render_mail(build(world, audience))
    for part in (html, text):
        assert "Completed Unclassified0" not in part  # a completed task is counted, not listed
        assert "Due Unclassified0" in part
        assert "Actor Unclassified0" in part
        for name in ("Confidential0", "StrictlyConfidential0"):
            assert name not in part, (audience, name)
        assert "Contact" not in part  # liaison contacts: never, at any level
        assert "armed.example" not in part
        assert "+236" not in part
        assert "<script" not in part.lower()
        assert "restricted" in part
    assert "http" not in html.replace('href="http://127.0.0.1:8000/operations/CAF/"', "")  # no remote images


def hct_count(total: int, visible: int) -> dict:
    """A number of the HCT's digest: what it may not read is restricted, none of it to open in the product."""
    return {
        "total": total,
        "visible": visible,
        "restricted": total - visible,
        "openable": [],
        "closed": total - visible,
    }


def test_counts_include_restricted_records_and_say_how_many(world):
    seed(world)
    data = build(world)
    areas = section(data, "task-areas")
    analysis = areas["areas"][0]
    assert analysis["code"] == "AN"
    assert analysis["completed"] == hct_count(3, 1)
    assert analysis["started"] == hct_count(3, 1)
    assert analysis["overdue"] == hct_count(3, 1)  # due in the period, still open
    assert areas["totals"]["completed"]["total"] == 3
    due = section(data, "due-next")
    assert due["count"] == hct_count(3, 1)
    assert [task["title"] for task in due["tasks"]] == ["Due Unclassified0"]
    (priority,) = section(data, "priorities")["priorities"]
    assert priority["total"] == hct_count(6, 2)
    assert priority["done"] == hct_count(3, 1)
    assert priority["share"] == 50
    actors = section(data, "actors")
    assert actors["assessed"] == hct_count(3, 1)
    (change,) = actors["changes"]
    assert (change["actor"], change["previous_stance"], change["stance"]) == (
        "Actor Unclassified0",
        "Neutral",
        "Spoiler",
    )
    (phase,) = section(data, "missions")["changes"]
    assert phase["phase"] == "Drawdown"
    text = content.render_mail(data)[2]
    assert "(2 restricted)" in text


def test_an_earlier_assessment_the_audience_may_not_read_is_not_compared_with(world):
    """An Unclassified assessment after a Confidential one must not reveal the Confidential stance."""
    actor = ActorFactory(operation=world.operation, name="Open actor", sensitivity=UNCLASSIFIED)
    ActorAssessmentFactory(actor=actor, sensitivity=CONFIDENTIAL, assessed_on=date(2026, 1, 5), stance="spoiler")
    ActorAssessmentFactory(actor=actor, sensitivity=UNCLASSIFIED, assessed_on=IN_PERIOD, stance="supportive")
    (change,) = section(build(world), "actors")["changes"]
    assert change["first"] is True
    assert change["previous_stance"] == ""


def test_only_chosen_sections_in_registry_order_and_the_dashboard_link(world):
    data = build(world, keys=["missions", "task-areas", "not-a-section"])
    assert [entry["key"] for entry in data["sections"]] == ["task-areas", "missions"]
    assert data["dashboard_url"].endswith("/operations/CAF/")
    subject, _html, text = content.render_mail(data)
    assert subject == "Central African Republic: CMCoord digest, 2026-02-23 to 2026-03-02"
    assert "From 2026-02-23 07:00 to 2026-03-02 07:00 (Africa/Bangui)" in text


def test_apps_add_sections_by_registering_them(world):
    @sections.register("test-extra", title="Extra", template="digests/_count", order=1)
    def extra(scope):
        assert scope.start_date == date(2026, 2, 23) and scope.end_date == date(2026, 3, 2)
        return {"ok": True}

    try:
        assert sections.available()[0].key == "test-extra"
        data = build(world, keys=["test-extra"])
        assert data["sections"] == [{"key": "test-extra", "data": {"ok": True}}]
    finally:
        sections.unregister("test-extra")
    # A stored section whose app is gone is left out when the digest is shown again.
    assert "Extra" not in content.render_page(data)


def test_the_page_rendering_has_no_inline_style(world):
    seed(world)
    page = content.render_page(build(world))
    assert "style=" not in page
    assert "Due Unclassified0" in page


def _queries_to_build_and_send(schedule, committed):
    digest, _ = services.digest_for_period(
        schedule, datetime(2026, 3, 2, 6, tzinfo=UTC), datetime(2026, 3, 3, 6, tzinfo=UTC)
    )
    with CaptureQueriesContext(connection) as queries, committed():
        services.build(digest.pk)
    return len(queries)


def test_query_budget_per_digest_does_not_grow_with_the_operation(world, make_schedule, committed):
    seed(world, prefix="small", count=1)
    small = _queries_to_build_and_send(make_schedule(name="first", sections=EVERY_SECTION), committed)
    seed(world, prefix="big", count=6)
    big = _queries_to_build_and_send(make_schedule(name="second", sections=EVERY_SECTION), committed)
    assert big == small
    assert small <= 40, small
    assert len(mail.outbox) == 2


def test_each_audience_gets_its_own_digest_with_a_link_for_what_the_mail_may_not_carry(world):
    """The mail is Unclassified for every audience; the operation's staff open the Confidential and Strictly
    confidential tasks in the product, HQ the Confidential ones, the HCT none."""
    seed(world)
    confidential = {"level": "Confidential", "count": 1}
    strictly = {"level": "Strictly confidential", "count": 1}
    expected = {
        Audience.STAFF: ([confidential, strictly], 0),
        Audience.HQ: ([confidential], 1),
        Audience.HCT: ([], 2),
    }
    mails = {}
    for audience, (openable, closed) in expected.items():
        data = build(world, audience)
        completed = section(data, "task-areas")["areas"][0]["completed"]
        assert (completed["total"], completed["visible"]) == (3, 1)
        assert (completed["openable"], completed["closed"]) == (openable, closed), audience
        _subject, html, text = content.render_mail(data)
        for part in (html, text):
            assert "Completed Confidential0" not in part and "Completed StrictlyConfidential0" not in part
        mails[audience] = text
    assert "1 Confidential item, 1 Strictly confidential item — open in CMCoord Tracker: http" in mails[Audience.STAFF]
    assert "1 Confidential item — open in CMCoord Tracker: http" in mails[Audience.HQ]
    assert "; 1 restricted" in mails[Audience.HQ]
    assert "open in CMCoord Tracker" not in mails[Audience.HCT]
    assert len(set(mails.values())) == 3
