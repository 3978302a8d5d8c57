"""The digests' pages: who may open each (anonymous, other operation, each standing), the schedule form's
validation, the archive and preview."""

from datetime import UTC, datetime

import pytest
from django.core import mail
from django.urls import reverse

from cmcoord.core.choices import Standing
from digests import services
from digests.choices import Audience, DeliveryStatus, DigestStatus, Frequency
from digests.models import DigestDelivery, DigestSchedule
from tests.factories import TaskFactory
from tests.support import STANDINGS, UNCLASSIFIED, expected_status

MANAGERS = {"head"}
STAFF = {"head", "officer"}


def url(name, **kwargs):
    return reverse(f"digests:{name}", kwargs={"code": "CAF", **kwargs})


@pytest.fixture
def sent_digest(make_schedule, committed):
    schedule = make_schedule(dispatch_from=datetime(2026, 3, 3, tzinfo=UTC))
    with committed():
        services.dispatch(now=datetime(2026, 3, 3, 12, tzinfo=UTC))
    return schedule.digests.get()


def form_data(**overrides):
    data = {
        "name": "Weekly HCT digest",
        "audience": Audience.HCT,
        "frequency": Frequency.WEEKLY,
        "weekday": "0",
        "day_of_month": "1",
        "hour": "7",
        "starts_on": "2026-03-02",
        "recipient_roles": [Standing.HCT],
        "extra_recipients": "",
        "sections": ["task-areas", "due-next"],
        "active": "on",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("standing", STANDINGS)
def test_who_opens_which_page(world, login, standing, sent_digest):
    client = login(world.by_role(standing))
    schedule = sent_digest.schedule
    pages = {
        url("schedule-list"): MANAGERS,
        url("schedule-create"): MANAGERS,
        url("schedule-edit", pk=schedule.pk): MANAGERS,
        url("schedule-delete", pk=schedule.pk): MANAGERS,
        url("schedule-preview", pk=schedule.pk): MANAGERS,
        url("archive"): STAFF,
        url("digest-detail", pk=sent_digest.pk): STAFF,
    }
    for address, allowed in pages.items():
        assert client.get(address).status_code == expected_status(standing, allowed), (standing, address)
    resend = client.post(url("digest-resend", pk=sent_digest.pk))
    assert resend.status_code == (302 if standing in MANAGERS else expected_status(standing, MANAGERS))


def test_anonymous_is_sent_to_sign_in(client, sent_digest):
    for address in (url("schedule-list"), url("archive"), url("digest-detail", pk=sent_digest.pk)):
        response = client.get(address)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_another_operations_schedule_is_not_found(world, login, make_schedule):
    mali = make_schedule(operation=world.other_operation, name="Mali digest")
    client = login(world.head)
    assert client.get(url("schedule-edit", pk=mali.pk)).status_code == 404
    assert client.get(url("schedule-preview", pk=mali.pk)).status_code == 404
    assert client.post(url("schedule-delete", pk=mali.pk)).status_code == 404
    assert DigestSchedule.objects.filter(pk=mali.pk).exists()


def test_the_head_creates_edits_and_deletes_a_schedule(world, login):
    client = login(world.head)
    response = client.post(url("schedule-create"), form_data())
    assert response.status_code == 302, response.context["form"].errors
    schedule = DigestSchedule.objects.get()
    assert schedule.operation == world.operation
    assert schedule.recipient_roles == ["hct"]
    assert schedule.sections == ["task-areas", "due-next"]
    assert schedule.history.count() == 1
    created_from = schedule.dispatch_from

    response = client.post(url("schedule-edit", pk=schedule.pk), form_data(name="Renamed"))
    schedule.refresh_from_db()
    assert schedule.name == "Renamed"
    assert schedule.dispatch_from == created_from  # same timing: periods continue
    client.post(url("schedule-edit", pk=schedule.pk), form_data(hour="9"))
    schedule.refresh_from_db()
    assert schedule.dispatch_from > created_from  # new timing: no back-dated digests

    assert client.get(url("schedule-list")).content.decode().count('data-testid="digest-schedule"') == 1
    client.post(url("schedule-delete", pk=schedule.pk))
    assert not DigestSchedule.objects.exists()


def test_a_schedule_with_digests_is_switched_off_rather_than_deleted(world, login, sent_digest):
    response = login(world.head).post(url("schedule-delete", pk=sent_digest.schedule.pk), follow=True)
    assert "switch it off instead" in response.content.decode()
    assert DigestSchedule.objects.filter(pk=sent_digest.schedule.pk).exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"recipient_roles": [], "extra_recipients": ""}, "recipient_roles", "Choose at least one role"),
        ({"extra_recipients": "someone@example.org\nnot-an-address"}, "extra_recipients", "not-an-address"),
        (
            {"audience": Audience.STAFF, "recipient_roles": [Standing.OFFICER], "extra_recipients": "x@example.org"},
            "extra_recipients",
            "HCT digests only",
        ),
        ({"sections": []}, "sections", "This field is required"),
        ({"sections": ["no-such-section"]}, "sections", "Select a valid choice"),
        ({"hour": "24"}, "hour", "less than or equal to 23"),
        ({"day_of_month": "32"}, "day_of_month", "less than or equal to 31"),
        ({"recipient_roles": ["admin"]}, "recipient_roles", "Select a valid choice"),
    ],
)
def test_the_form_explains_what_is_wrong(world, login, overrides, field, message):
    response = login(world.head).post(url("schedule-create"), form_data(**overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert message in " ".join(errors.get(field, [])), errors
    assert not DigestSchedule.objects.exists()


def test_a_closed_operation_keeps_its_archive_readable_but_not_its_schedules(world, login, sent_digest):
    world.operation.is_active = False
    world.operation.save()
    client = login(world.head)
    assert client.get(url("archive")).status_code == 200
    assert client.get(url("schedule-list")).status_code == 403


def test_the_archive_shows_who_received_what_and_when(world, login, sent_digest):
    client = login(world.officer)
    archive = client.get(url("archive")).content.decode()
    assert archive.count('data-testid="archived-digest"') == 1
    detail = client.get(url("digest-detail", pk=sent_digest.pk)).content.decode()
    assert "hct@example.org" in detail
    assert "Work by task area" in detail
    assert "Resend" not in detail  # nothing failed, and officers do not resend


def test_the_head_sees_a_failed_delivery_and_resends_it(world, login, sent_digest, committed):
    DigestDelivery.objects.filter(digest=sent_digest).update(status=DeliveryStatus.FAILED, error="SMTPException: x")
    sent_digest.status = DigestStatus.FAILED
    sent_digest.failure = "1 delivery failed."
    sent_digest.save()
    mail.outbox.clear()
    client = login(world.head)
    assert 'data-testid="digest-failures"' in client.get(url("schedule-list")).content.decode()
    detail = client.get(url("digest-detail", pk=sent_digest.pk)).content.decode()
    assert "Resend what failed" in detail and "SMTPException: x" in detail
    with committed():
        response = client.post(url("digest-resend", pk=sent_digest.pk), follow=True)
    assert "1 delivery queued again." in response.content.decode()
    assert len(mail.outbox) == 1
    sent_digest.refresh_from_db()
    assert sent_digest.status == DigestStatus.SENT


@pytest.mark.parametrize("audience", list(Audience))
def test_preview_shows_the_next_digest_as_each_audience_gets_it(world, login, make_schedule, audience):
    schedule = make_schedule()
    TaskFactory(operation=world.operation, owner=world.officer, sensitivity=UNCLASSIFIED, title="Open water talks")
    TaskFactory(operation=world.operation, owner=world.officer, title="Confidential checkpoint talks")
    response = login(world.head).get(url("schedule-preview", pk=schedule.pk), {"audience": audience})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="digest-body"' in page
    assert "Confidential checkpoint talks" not in page
    assert str(Audience(audience).label) in page
    assert "style=" not in page  # the page's CSP forbids inline styles
    assert mail.outbox == []  # a preview sends nothing
    assert not schedule.digests.exists()
    assert login(world.head).get(url("schedule-preview", pk=schedule.pk), {"audience": "x"}).status_code == 404


def test_the_operation_menu_links_managers_to_the_digests(world, login):
    link = f'href="{url("schedule-list")}"'
    assert link in login(world.head).get(reverse("operations:detail", kwargs={"code": "CAF"})).content.decode()
    assert link not in login(world.officer).get(reverse("operations:detail", kwargs={"code": "CAF"})).content.decode()
