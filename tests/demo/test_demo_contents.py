"""What ``manage.py seed_demo`` loads from the files as they are: every record type in every active operation, every
sensitivity level, a dashboard whose every panel shows data, and nothing new on a second run.

The demo is loaded once for the module (it takes seconds), in a transaction rolled back when the module ends; each
test's own writes are rolled back to a savepoint as usual."""

import re
from collections import Counter

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from actors.models import Actor, ActorAssessment, ActorRelationship, LiaisonContact, TaskActor
from cmcoord.attachments.models import Attachment
from cmcoord.core.choices import Role, Sensitivity
from cmcoord.operations.calendar import operation_today
from cmcoord.operations.models import CountryOperation, HeadquartersAccess, Membership
from cmcoord.records.registry import record_types
from deconfliction.models import PartyAnswer
from deconfliction.selectors import notification_counts
from digests.choices import Audience, DeliveryStatus, DigestStatus
from digests.models import Digest, DigestDelivery, DigestSchedule
from engagements.models import Engagement, FollowUp, KeyMessage
from incidents.models import AccessIncident
from missions.models import Mission, MissionComponent, MissionLiaisonOfficer, MissionPhaseChange, TaskMission
from planning.choices import ItemStatus
from planning.keypoints import key_points
from planning.models import ChecklistItem, MCDARequest, PlanningDocument
from planning.selectors import assessment_flags
from protection_tasks.models import ProtectionPriority, Task
from summaries.models import Summary
from tests.demo.helpers import demo_files, mission_present, seed
from tests.support import load_catalogue
from trainings.models import Training

# Every app the demo writes to: a second load must not add a row to any of their tables, history included.
DEMO_APPS = (
    "auth", "operations", "protection_tasks", "actors", "missions", "engagements", "deconfliction", "incidents",
    "trainings", "planning", "digests", "attachments", "summaries",
)  # fmt: skip


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo as seed_demo loads it (its output), its attachments stored in a folder of the module's own. The
    catalogue is loaded again first: a transactional test run before on this worker may have flushed it."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            load_catalogue()
            yield seed()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def files():
    return demo_files()


def _all(countries, section):
    return [entry for country in countries for entry in country.get(section, [])]


def _row_counts() -> dict:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in DEMO_APPS
    }


@pytest.mark.django_db
def test_what_the_files_describe_is_loaded(loaded, files):
    deployment, countries = files
    usernames = {p["username"] for c in countries for p in c["people"]}
    usernames |= {p["username"] for p in deployment["headquarters_readers"]}
    usernames.add(deployment["site_administrator"]["username"])
    tasks, actors = _all(countries, "tasks"), _all(countries, "actors")
    present = [c for c in countries if mission_present(c)]
    assert CountryOperation.objects.count() == len(countries)
    assert set(get_user_model().objects.values_list("username", flat=True)) == usernames
    assert Membership.objects.count() == sum(len(c["people"]) for c in countries)
    assert HeadquartersAccess.objects.count() == len(deployment["headquarters_readers"])
    assert ProtectionPriority.objects.count() == len(_all(countries, "priorities"))
    assert Task.objects.filter(series__isnull=True).count() == len(tasks)
    assert Counter(Task.objects.filter(series__isnull=True).values_list("status", flat=True)) == Counter(
        t["status"] for t in tasks
    )
    assert Task.objects.exclude(recurrence_rule="").count() == sum(1 for t in tasks if t.get("recurring"))
    assert Actor.objects.count() == len(actors)
    assert ActorAssessment.objects.count() == sum(len(a["assessments"]) for a in actors)
    assert LiaisonContact.objects.count() == sum(len(a.get("contacts", [])) for a in actors)
    assert ActorRelationship.objects.count() == len(_all(countries, "relationships"))
    assert Mission.objects.count() == len(_all(countries, "missions"))
    assert MissionPhaseChange.objects.count() == sum(len(m["phases"]) for m in _all(countries, "missions"))
    assert MissionComponent.objects.count() == sum(1 for c in present for a in c["actors"] if a.get("component"))
    assert MissionLiaisonOfficer.objects.count() == sum(1 for c in present if c.get("liaison_officer"))
    assert TaskActor.objects.count() == sum(len(t.get("linked_actors", [])) for t in tasks)
    assert TaskMission.objects.count() == sum(1 for c in present for t in c["tasks"] if t.get("linked_to_mission"))
    assert f"Demo ready: {len(countries)} operations, {len(usernames)} people." in loaded
    assert deployment["password"] not in loaded  # not in local mode

    engagements, messages = _all(countries, "engagements"), _all(countries, "key_messages")
    assert Engagement.objects.count() == len(engagements)
    assert FollowUp.objects.filter(task=None).count() == sum(len(e.get("follow_ups", [])) for e in engagements)
    assert KeyMessage.objects.count() == len(messages)
    assert KeyMessage.objects.filter(status="delivered").count() == sum(1 for m in messages if m.get("delivered_at"))
    notifications = _all(countries, "notifications")
    parties = [p for n in notifications for p in n["parties"]]
    assert PartyAnswer.objects.count() == len(parties)
    assert PartyAnswer.objects.filter(answered_at=None).count() == sum(1 for p in parties if "answer" not in p)
    assert AccessIncident.objects.count() == len(_all(countries, "incidents"))
    assert Training.objects.count() == len(_all(countries, "trainings"))
    assert PlanningDocument.objects.count() == len(_all(countries, "planning_documents"))
    assert MCDARequest.objects.count() == len(_all(countries, "mcda_requests"))
    checklist = _all(countries, "checklist")
    assert ChecklistItem.objects.count() == len(countries) * len(key_points())
    assert ChecklistItem.objects.filter(status=ItemStatus.DONE).count() == sum(
        1 for item in checklist if item["status"] == "done"
    )
    attached = [f for s in ("engagements", "incidents", "trainings", "planning_documents") for e in _all(countries, s)
                for f in e.get("attachments", [])]  # fmt: skip
    assert Attachment.objects.count() == len(attached)
    schedules = _all(countries, "digests")
    assert DigestSchedule.objects.count() == len(schedules)
    assert Digest.objects.count() == sum(s.get("archived", 0) for s in schedules)


@pytest.mark.django_db
def test_every_demo_account_signs_in_with_the_demo_password(loaded, files, client):
    deployment, _countries = files
    users = list(get_user_model().objects.all())
    assert users and all(user.check_password(deployment["password"]) for user in users)
    assert not any(user.check_password(deployment["password"] + "x") for user in users)
    response = client.post(reverse("login"), {"username": "officer.caf", "password": deployment["password"]})
    assert response.status_code == 302 and response.wsgi_request.user.username == "officer.caf"


@pytest.mark.django_db
def test_every_record_type_is_in_every_active_operation_at_every_level(loaded):
    """Read from the registry, so that a record type added later must be in the demo too."""
    active = list(CountryOperation.objects.filter(is_active=True))
    assert active
    for record_type in record_types():
        model = record_type.model
        if apps.get_app_config(model._meta.app_label).name.startswith("tests."):
            continue  # a type the tests declare to try the record kit, not one of the product
        name = model._meta.label
        for operation in active:
            assert model.objects.filter(operation=operation).exists(), f"no {name} in {operation.code}"
        levels = set(model.objects.values_list("sensitivity", flat=True))
        assert levels == set(Sensitivity.values), f"{name} at {sorted(levels)} only"


@pytest.mark.django_db
def test_the_demo_shows_what_an_office_meets(loaded):
    """Overdue answers, an incident trend, PP-4 raised in some operations only, a checklist under way, and digests
    archived for every audience with their deliveries."""
    operations = list(CountryOperation.objects.filter(is_active=True))
    heads = {m.operation_id: m.user for m in Membership.objects.filter(role=Role.HEAD).select_related("user")}
    assert any(notification_counts(heads[o.pk], o).overdue.total for o in operations)

    hq = HeadquartersAccess.objects.get().user
    flags = assessment_flags(hq, operations)
    assert 0 < sum(flags[o.pk].flagged for o in operations) < len(operations)

    def rising(operation) -> bool:
        """More incidents in the last three months than in the three before."""
        today = operation_today(operation)
        ages = [(today - day).days for day in AccessIncident.objects.filter(operation=operation).values_list(
            "occurred_on", flat=True)]  # fmt: skip
        return sum(age < 90 for age in ages) > sum(90 <= age < 180 for age in ages)

    assert any(rising(o) for o in operations)

    for operation in operations:
        statuses = set(ChecklistItem.objects.filter(operation=operation).values_list("status", flat=True))
        assert {ItemStatus.DONE, ItemStatus.NOT_STARTED} <= statuses, operation.code
        audiences = set(DigestSchedule.objects.filter(operation=operation).values_list("audience", flat=True))
        assert audiences == set(Audience.values), operation.code
    assert set(Digest.objects.values_list("status", flat=True)) == {DigestStatus.SENT}
    assert set(DigestDelivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}
    assert all(Digest.objects.filter(schedule__audience=audience).exists() for audience in Audience.values)
    assert KeyMessage.objects.filter(engagements__isnull=False).exists()
    assert Attachment.objects.filter(mime_type="application/pdf").exists()
    assert Attachment.objects.filter(mime_type="image/png").exists()


@pytest.mark.django_db
def test_every_operation_has_summaries_for_the_hct_cleared_and_one_waiting(loaded, files):
    """Summaries written by the head of office are cleared; in every active operation one, written by an officer,
    waits for her clearance."""
    _deployment, countries = files
    specs = [entry for s in ("engagements", "notifications", "incidents") for entry in _all(countries, s)]
    specs += [item for actor in _all(countries, "actors") for item in actor["assessments"]]
    summarised = [spec for spec in specs if spec.get("hct_summary")]
    assert Summary.objects.count() == len(summarised)
    assert Summary.objects.filter(cleared_by__isnull=True).count() == sum(
        1 for spec in summarised if spec.get("hct_summary_cleared") is False
    )
    for operation in CountryOperation.objects.filter(is_active=True):
        summaries = Summary.objects.filter(operation=operation)
        assert summaries.filter(cleared_by__isnull=False).exists(), f"no cleared summary in {operation.code}"
        assert summaries.filter(cleared_by__isnull=True).count() == 1, f"{operation.code}: not one summary waiting"


# --- The operation dashboard ------------------------------------------------------------------------------------
#
# What shows that each panel of the dashboard has data, read from its template: the number or the element a panel
# renders when it has something, where its empty state renders 0 or another element. A panel the dashboard shows
# that is not listed here fails the test, so that a new panel is given its evidence.

SECTION = re.compile(r'<section[^>]*data-testid="(dashboard-[a-z-]+)"[^>]*>(.*?)</section>', re.S)
CHART_VALUES = re.compile(r'<td class="text-end(?: fw-semibold)?">(\d+)</td>')


def _number(html: str, testid: str) -> int:
    """The number a count element starts with (``<span data-testid="dashboard-open">11 open tasks``), else -1."""
    found = re.search(rf'data-testid="{testid}"[^>]*>\s*(\d+)', html)
    return int(found.group(1)) if found else -1


def _element(html: str, testid: str) -> str:
    """The element with ``data-testid=testid``, up to the end of its tag's first closing (no nesting of that tag)."""
    start = html.find(f'data-testid="{testid}"')
    if start < 0:
        return ""
    tag = html[html.rindex("<", 0, start) + 1 : start].split()[0]
    return html[start : html.index(f"</{tag}>", start)]


EVIDENCE = {
    "dashboard-tasks": lambda html: _number(html, "dashboard-open") > 0,
    "dashboard-deadlines": lambda html: _number(html, "dashboard-upcoming") > 0 and 'data-testid="deadline"' in html,
    "dashboard-completed": lambda html: _number(html, "dashboard-completed-total") > 0,
    "dashboard-priorities": lambda html: 'data-testid="chart"' in html,
    "dashboard-actors": lambda html: _number(html, "dashboard-actors-total") > 0,
    "dashboard-missions": lambda html: 'data-testid="dashboard-mission"' in html,
    "dashboard-engagements": lambda html: (
        _number(html, "dashboard-engagements-month") > 0
        and _number(html, "dashboard-open-follow-ups") > 0
        and re.search(r'restricted-count">[1-9]', _element(html, "dashboard-key-messages")) is not None
    ),
    "dashboard-notifications": lambda html: 'data-testid="chart"' in html,
    "dashboard-incidents": lambda html: _number(html, "dashboard-incidents-total") > 0,
    "dashboard-trainings": lambda html: _number(html, "dashboard-trainings-people") > 0,
    "dashboard-planning": lambda html: (
        _number(html, "dashboard-documents-total") > 0 and _number(html, "dashboard-mcda-pending") > 0
    ),
    "dashboard-checklist": lambda html: (
        "dashboard-checklist-not-started" not in html and _number(html, "checklist-done") > 0
    ),
    # Released summaries of the last days, and (the reader is the head of office) the link to the one waiting.
    "dashboard-summaries": lambda html: (
        'data-testid="summary-text"' in html and 'data-testid="summaries-waiting"' in html
    ),
}


def _empty_charts(html: str) -> int:
    """Charts whose table has no number above 0: a chart of nothing."""
    charts = html.split('data-testid="chart"')[1:]
    return sum(1 for chart in charts if not any(int(v) for v in CHART_VALUES.findall(chart.split("</figure>")[0])))


@pytest.mark.django_db
def test_every_panel_of_every_dashboard_shows_data(loaded, files, client):
    """Each active operation's dashboard, as its head of office sees it (every level): every panel is there and
    shows data. The peace operation's panel is left out by the dashboard itself where no mission is present."""
    _deployment, countries = files
    by_code = {CountryOperation.objects.get(country=c["operation"]["country"]).code: c for c in countries}
    for operation in CountryOperation.objects.filter(is_active=True):
        head = Membership.objects.filter(operation=operation, role=Role.HEAD).first().user
        client.force_login(head)
        # In English (the demo's offices work in French or Arabic): the evidence reads the numbers counts start with.
        dashboard = reverse("operations:detail", kwargs={"code": operation.code})
        html = client.get(dashboard, headers={"accept-language": "en"}).text
        sections = dict(SECTION.findall(html))
        expected = set(EVIDENCE) - (set() if mission_present(by_code[operation.code]) else {"dashboard-missions"})
        assert set(sections) == expected, f"{operation.code}: panels {sorted(set(sections) ^ expected)}"
        empty = [testid for testid, body in sections.items() if not EVIDENCE[testid](body) or _empty_charts(body)]
        assert not empty, f"{operation.code}: empty panels {empty}"


@pytest.mark.django_db
def test_a_second_run_creates_nothing(loaded, files):
    deployment, _countries = files
    before = _row_counts()  # every row of the demo's apps, their history included
    with override_settings(CMCOORD_LOCAL_MODE=True):
        output = seed()
    assert _row_counts() == before
    assert f"Every demo account's password: {deployment['password']}" in output
    assert "jean.yakite" in output


@pytest.mark.django_db
def test_the_demo_shows_key_messages_and_digests_in_several_languages(loaded):
    """A CAF key message agreed in French too and delivered in French, a Sudan one in Arabic; digests of French and
    Arabic operations written in the operation's language for whoever chose none."""
    french = KeyMessage.objects.get(operation__country="CF", title="Notify rather than escort")
    assert french.languages == ["en", "fr"]
    assert french.engagements.filter(delivered_language="fr").exists()
    arabic = KeyMessage.objects.get(operation__country="SD", title__startswith="Water points")
    assert arabic.languages == ["en", "ar"]
    assert arabic.engagements.filter(delivered_language="ar").exists()
    for country, language in (("CF", "fr"), ("SD", "ar")):
        digests = Digest.objects.filter(schedule__operation__country=country, schedule__language="")
        assert digests.exists() and set(digests.values_list("language", flat=True)) == {language}, country
    assert '<html lang="ar" dir="rtl">' in Digest.objects.filter(language="ar").first().html
