"""Exactly once: one digest per (schedule, period) whatever the dispatcher does, one mail per recipient whatever
the workers do, retries on SMTP errors, a final failure recorded and resent by the head of office."""

import smtplib
import threading
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.core import mail
from django.db import connection

from cmcoord.core.choices import Role, Standing
from digests import services
from digests.choices import DeliveryStatus, DigestStatus
from digests.models import Digest, DigestDelivery
from digests.tasks import send_delivery
from tests.factories import HeadquartersAccessFactory, MembershipFactory

NOON_3_MARCH = datetime(2026, 3, 3, 12, tzinfo=UTC)


def addresses():
    return sorted(address for message in mail.outbox for address in message.to)


def test_dispatcher_run_twice_for_one_period_makes_one_digest_and_one_mail(make_schedule, committed):
    make_schedule(dispatch_from=datetime(2026, 3, 3, tzinfo=UTC))  # one period due by noon: 3 March 07:00 Bangui
    with committed():
        first = services.dispatch(now=NOON_3_MARCH)
    with committed():
        second = services.dispatch(now=NOON_3_MARCH + timedelta(minutes=5))
    assert len(first) == 1
    assert second == []
    assert Digest.objects.count() == 1
    assert addresses() == ["hct@example.org"]


def test_a_period_already_produced_is_found_not_created_again(make_schedule):
    schedule = make_schedule()
    start, end = datetime(2026, 3, 2, 6, tzinfo=UTC), datetime(2026, 3, 3, 6, tzinfo=UTC)
    digest, created = services.digest_for_period(schedule, start, end)
    again, created_again = services.digest_for_period(schedule, start, end)
    assert created and not created_again
    assert again.pk == digest.pk


def test_missed_periods_are_each_produced_once_in_order(make_schedule, committed):
    schedule = make_schedule(dispatch_from=datetime(2026, 3, 1, 12, tzinfo=UTC))
    with committed():
        services.dispatch(now=datetime(2026, 3, 1, 13, tzinfo=UTC))  # nothing due yet: 2 March 07:00 is next
        assert not Digest.objects.exists()
        services.dispatch(now=datetime(2026, 3, 4, 12, tzinfo=UTC))  # down for two days and more
        services.dispatch(now=datetime(2026, 3, 4, 12, 5, tzinfo=UTC))
    produced = list(Digest.objects.order_by("pk").values_list("period_start", "period_end"))
    assert produced == [
        (datetime(2026, 3, 1, 6, tzinfo=UTC), datetime(2026, 3, 2, 6, tzinfo=UTC)),
        (datetime(2026, 3, 2, 6, tzinfo=UTC), datetime(2026, 3, 3, 6, tzinfo=UTC)),
        (datetime(2026, 3, 3, 6, tzinfo=UTC), datetime(2026, 3, 4, 6, tzinfo=UTC)),
    ]
    assert len(mail.outbox) == 3
    assert [message.subject[-24:] for message in mail.outbox] == [
        "2026-03-01 to 2026-03-02",
        "2026-03-02 to 2026-03-03",
        "2026-03-03 to 2026-03-04",
    ]
    assert schedule.digests.filter(status=DigestStatus.SENT).count() == 3


def test_switched_off_schedules_and_closed_operations_produce_nothing(world, make_schedule, committed):
    make_schedule(active=False)
    make_schedule(operation=world.other_operation, name="Mali")
    world.other_operation.is_active = False
    world.other_operation.save()
    with committed():
        assert services.dispatch(now=NOON_3_MARCH) == []


def test_recipients_by_role_and_extra_addresses_each_receive_one_mail(world, make_schedule, committed):
    MembershipFactory(operation=world.operation, role=Role.HCT, user__username="no_mail", user__email="")
    MembershipFactory(operation=world.operation, role=Role.HCT, user__username="gone", user__is_active=False)
    HeadquartersAccessFactory(user__username="hq_mali", all_operations=False, operations=[world.other_operation])
    make_schedule(
        recipient_roles=[Standing.HCT, Standing.HEAD, Standing.HQ],
        extra_recipients="ngo.focal@example.net\nHCT@example.org",
        dispatch_from=datetime(2026, 3, 3, tzinfo=UTC),
    )
    with committed():
        services.dispatch(now=NOON_3_MARCH)
    assert addresses() == ["hct@example.org", "head@example.org", "hq@example.org", "ngo.focal@example.net"]
    digest = Digest.objects.get()
    assert digest.deliveries.filter(user__isnull=True).get().address == "ngo.focal@example.net"
    message = mail.outbox[0]
    assert message.alternatives[0].mimetype == "text/html"
    assert "Work by task area" in message.body


class FlakyConnection:
    """A mail connection whose first ``failures`` sends raise an SMTP error, like a server that hiccups."""

    def __init__(self, failures):
        self.failures = failures
        self.sent = []

    def __call__(self, *args, **kwargs):
        return self

    def send_messages(self, messages):
        if self.failures:
            self.failures -= 1
            raise smtplib.SMTPServerDisconnected("connection unexpectedly closed")
        self.sent.extend(messages)
        return len(messages)


def test_a_send_retried_after_an_smtp_failure_goes_out_once(make_schedule, committed, retrying_worker):
    make_schedule(dispatch_from=datetime(2026, 3, 3, tzinfo=UTC))
    connection_ = FlakyConnection(failures=1)
    with mock.patch("digests.services.get_connection", connection_), committed():
        services.dispatch(now=NOON_3_MARCH)
    assert [message.to for message in connection_.sent] == [["hct@example.org"]]
    delivery = DigestDelivery.objects.get()
    assert delivery.status == DeliveryStatus.SENT
    assert delivery.attempts == 2
    assert delivery.error == ""
    assert Digest.objects.get().status == DigestStatus.SENT
    # A duplicate of the task (a broker redelivering it) finds the delivery sent and does nothing.
    with mock.patch("digests.services.get_connection", connection_):
        assert send_delivery.delay(delivery.pk).get() == "skipped"
    assert len(connection_.sent) == 1


def test_a_final_failure_is_recorded_and_the_head_resends_it(make_schedule, committed, retrying_worker):
    make_schedule(dispatch_from=datetime(2026, 3, 3, tzinfo=UTC))
    always_down = FlakyConnection(failures=100)
    with mock.patch("digests.services.get_connection", always_down), committed():
        services.dispatch(now=NOON_3_MARCH)
    delivery = DigestDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == send_delivery.max_retries + 1
    assert "SMTPServerDisconnected" in delivery.error
    digest = Digest.objects.get()
    assert digest.status == DigestStatus.FAILED
    assert digest.failure == "1 delivery failed."

    working = FlakyConnection(failures=0)
    with mock.patch("digests.services.get_connection", working), committed():
        assert services.resend(digest) == 1
        assert services.resend(digest) == 0  # already queued: not twice
    assert len(working.sent) == 1
    digest.refresh_from_db()
    assert digest.status == DigestStatus.SENT


def test_a_claim_is_won_once(make_schedule, committed):
    """Two workers handed the same delivery: the conditional UPDATE lets exactly one of them send it."""
    schedule = make_schedule()
    digest = Digest.objects.create(
        schedule=schedule,
        period_start=datetime(2026, 3, 2, 6, tzinfo=UTC),
        period_end=datetime(2026, 3, 3, 6, tzinfo=UTC),
        audience=schedule.audience,
        status=DigestStatus.SENDING,
        subject="s",
        html="<p>h</p>",
        text="t",
    )
    delivery = DigestDelivery.objects.create(digest=digest, address="hct@example.org")
    assert services.claim(delivery.pk) is True
    assert services.claim(delivery.pk) is False
    assert services.send(delivery.pk) == "skipped"
    assert mail.outbox == []


def test_a_digest_is_built_once_by_two_workers(make_schedule, committed):
    schedule = make_schedule()
    digest, _ = services.digest_for_period(
        schedule, datetime(2026, 3, 2, 6, tzinfo=UTC), datetime(2026, 3, 3, 6, tzinfo=UTC)
    )
    with committed():
        assert services.build(digest.pk) is True
        assert services.build(digest.pk) is False
    assert DigestDelivery.objects.count() == 1
    assert len(mail.outbox) == 1


def test_lost_work_is_queued_again_and_sent_once(make_schedule, committed):
    """A worker died mid-send (the delivery stays "sending"), a build message was lost (the digest stays
    pending): the dispatcher's recovery queues both again after a while, and each goes out once."""
    schedule = make_schedule()
    long_ago = datetime(2026, 3, 3, 7, tzinfo=UTC)
    stuck, _ = services.digest_for_period(schedule, long_ago - timedelta(days=1), long_ago)
    Digest.objects.filter(pk=stuck.pk).update(updated_at=long_ago)
    with committed():
        services.recover(now=long_ago + timedelta(minutes=5))  # not stale yet: left alone
    assert mail.outbox == []
    with committed():
        services.recover(now=long_ago + services.STALE_AFTER + timedelta(minutes=1))
    assert len(mail.outbox) == 1
    delivery = DigestDelivery.objects.get()
    DigestDelivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.SENDING, updated_at=long_ago)
    with committed():
        services.recover(now=long_ago + services.STALE_AFTER + timedelta(minutes=1))
    assert len(mail.outbox) == 2  # the dead worker's mail may not have gone out: at least once, recorded
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite's in-memory test database is not shared between threads"
)
@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_send_one_mail(world, make_schedule):
    """Real concurrency where the database has it (PostgreSQL, as in CI): two threads, each its own connection, send
    the same delivery at the same moment (on SQLite, :func:`test_a_claim_is_won_once` stands in for it)."""
    schedule = make_schedule()
    digest = Digest.objects.create(
        schedule=schedule,
        period_start=datetime(2026, 3, 2, 6, tzinfo=UTC),
        period_end=datetime(2026, 3, 3, 6, tzinfo=UTC),
        audience=schedule.audience,
        status=DigestStatus.SENDING,
        subject="s",
        html="<p>h</p>",
        text="t",
    )
    delivery = DigestDelivery.objects.create(digest=digest, address="hct@example.org")
    barrier = threading.Barrier(2)
    results = []

    def worker():
        from django.db import connections

        try:
            barrier.wait(timeout=10)
            results.append(services.send(delivery.pk))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results) == ["sent", "skipped"]
    assert len(mail.outbox) == 1
