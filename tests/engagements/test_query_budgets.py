"""Query budgets of engagements and key messages: a fixed number of queries whatever the number of records.

Three hundred engagements, each with actors, follow-ups and key messages, are bulk-created, so that one query per
row (an N+1) would blow every budget; each budget is the page's count at the time of writing plus a small margin.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import RequestFactory

from cmcoord.core.choices import Sensitivity
from digests import content
from digests.choices import Audience
from engagements import panels
from engagements.models import Engagement, FollowUp, KeyMessage
from protection_tasks.models import Activity
from tests.engagements.conftest import engagements_url
from tests.factories import ActorFactory, TaskFactory
from tests.support import actors_url, task_url

COUNT = 300


@pytest.fixture
def many(world):
    """300 engagements of CAF this month over three levels, each with two actors, two follow-ups (one a task's)
    and two key messages delivered; 30 key messages aimed at the first actor."""
    operation = world.operation
    actors = [ActorFactory(operation=operation, name=f"Group {n}", category="nsag", sensitivity=n % 3 + 1)
              for n in range(6)]  # fmt: skip
    now = datetime.now(tz=UTC)
    Engagement.objects.bulk_create(
        Engagement(operation=operation, occurred_at=now - timedelta(minutes=n), mode=["meeting", "call"][n % 2],
                   topics=",access,psea," if n % 2 else ",protection_risks,", summary=f"Engagement {n}",
                   sensitivity=Sensitivity(n % 3 + 1))
        for n in range(COUNT)
    )  # fmt: skip
    engagements = list(Engagement.objects.filter(operation=operation).order_by("pk"))
    through = Engagement.actors.through
    through.objects.bulk_create(
        through(engagement=e, actor=actors[(i + k) % 6]) for i, e in enumerate(engagements) for k in range(2)
    )
    task = TaskFactory(operation=operation, owner=world.officer, sensitivity=1)
    activity = Activity.objects.get(code="DI-1")
    FollowUp.objects.bulk_create(
        FollowUp(engagement=e, text=f"Follow-up {i}", activity=activity, owner=world.officer)
        for i, e in enumerate(engagements)
        for _k in range(2)
    )
    FollowUp.objects.filter(pk=FollowUp.objects.order_by("pk").first().pk).update(task=task)
    Engagement.tasks.through.objects.bulk_create(Engagement.tasks.through(engagement=e, task=task) for e in engagements)
    KeyMessage.objects.bulk_create(
        KeyMessage(operation=operation, title=f"Message {n:02d}", text="x", issue="psea", status="agreed",
                   sensitivity=n % 3 + 1)
        for n in range(30)
    )  # fmt: skip
    messages = list(KeyMessage.objects.order_by("pk"))
    KeyMessage.engagements.through.objects.bulk_create(
        KeyMessage.engagements.through(keymessage=messages[(i + k) % 30], engagement=e)
        for i, e in enumerate(engagements)
        for k in range(2)
    )
    KeyMessage.target_actors.through.objects.bulk_create(
        KeyMessage.target_actors.through(keymessage=m, actor=actors[0]) for m in messages
    )
    return {"engagements": engagements, "actors": actors, "messages": messages, "task": task}


@pytest.mark.parametrize("standing", ["officer", "hq", "hct"])
def test_lists_and_details(world, login, many, django_assert_max_num_queries, standing):
    client = login(world.by_role(standing))
    readable = [e for e in many["engagements"] if e.sensitivity == Sensitivity.UNCLASSIFIED]
    pages = [
        (engagements_url("engagement-list"), 14),
        (engagements_url("engagement-list") + "?topic=psea&mode=call&page=2", 14),
        (engagements_url("key-message-list"), 14),
        (engagements_url("engagement-detail", pk=readable[0].pk), 22),
        (engagements_url("key-message-detail", pk=many["messages"][0].pk), 20),
        (actors_url("actor-detail", pk=many["actors"][0].pk), 30),
        (task_url(many["task"]), 40),
    ]
    for url, budget in pages:
        with django_assert_max_num_queries(budget):
            response = client.get(url)
        assert response.status_code == 200, url


def test_forms(world, login, many, django_assert_max_num_queries):
    client = login(world.officer)
    for url in (
        engagements_url("engagement-create"),
        engagements_url("engagement-edit", pk=many["engagements"][0].pk),
        engagements_url("key-message-create"),
    ):
        with django_assert_max_num_queries(20):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize("standing", ["officer", "hq"])
def test_api(world, login, many, django_assert_max_num_queries, standing):
    client = login(world.by_role(standing))
    for url in ("/api/v1/engagements/?page_size=200", "/api/v1/key-messages/"):
        with django_assert_max_num_queries(12):
            response = client.get(url)
        assert response.status_code == 200 and response.json()["results"]


def test_dashboard_panel_and_digest(world, many, django_assert_max_num_queries):
    request = RequestFactory().get("/")
    request.user = world.hct
    with django_assert_max_num_queries(6):
        panel = panels.operation_dashboard_engagements(request, world.operation)
    assert panel.context["data"].total.total == COUNT
    end = datetime.now(tz=UTC) + timedelta(minutes=1)
    with django_assert_max_num_queries(8):
        context = content.build_context(world.operation, Audience.HCT, ["engagements"], end - timedelta(days=7),
                                        end, end + timedelta(days=7))  # fmt: skip
    assert context["sections"][0]["data"]["total"]["total"] == COUNT


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_pages_in_another_language_cost_the_same(world, login, many, django_assert_max_num_queries, language):
    """Key messages in several languages and engagements that record the language delivered: a French or Arabic
    reader's pages and the engagement form (which offers the languages the messages have) stay within budget."""
    KeyMessage.objects.update(text_fr="Message en français", text_ar="رسالة بالعربية")
    Engagement.objects.update(delivered_language="fr")
    client = login(world.officer)
    client.cookies["cmcoord_language"] = language
    pages = [
        (engagements_url("key-message-detail", pk=many["messages"][0].pk), 20),
        (engagements_url("engagement-detail", pk=many["engagements"][0].pk), 22),
        (engagements_url("engagement-create"), 20),
        (engagements_url("engagement-edit", pk=many["engagements"][0].pk), 20),
        (engagements_url("key-message-edit", pk=many["messages"][0].pk), 20),
    ]
    for url, budget in pages:
        with django_assert_max_num_queries(budget):
            response = client.get(url)
        assert response.status_code == 200, url
    form = client.get(engagements_url("engagement-create")).context["form"]
    assert [code for code, _name in form.fields["delivered_language"].choices] == ["", "en", "fr", "ar"]
