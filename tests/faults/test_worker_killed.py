"""A real Celery worker killed with SIGKILL (as the out-of-memory killer does) in the middle of a digest and of a
large Excel export, then a new one started: each recipient gets the digest once, the export is built once and
leaves one file. Late acknowledgement brings the killed worker's message back; the new run takes its work over."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cmcoord.core.choices import Role, Standing
from cmcoord.exports.models import ExportFile, ExportFileStatus
from digests.choices import Audience, DeliveryStatus, DigestStatus, Frequency
from digests.models import Digest, DigestSchedule
from digests.services import dispatch
from tests.exports.support import export_url
from tests.factories import MembershipFactory, TaskFactory

from .conftest import wait_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_worker_killed_while_mailing_a_digest(world, broker, workers):
    readers = ["hct.one@example.org", "hct.two@example.org"]
    for address in readers:
        MembershipFactory(operation=world.operation, role=Role.HCT, user__username=address, user__email=address)
    now = timezone.now()
    local = timezone.localtime(now, world.operation.time_zone)
    DigestSchedule.objects.create(
        operation=world.operation, name="HCT digest", audience=Audience.HCT, frequency=Frequency.DAILY,
        hour=local.hour, starts_on=local.date() - timedelta(days=1), recipient_roles=[Standing.HCT],
        sections=["task-areas"], dispatch_from=now - timedelta(hours=2),
    )  # fmt: skip
    (digest_id,) = dispatch(now)  # beat's tick: the digest is created and its building queued
    assert broker.queued() == [("digests.build_digest", [digest_id])]

    first = workers.start(stall="mail")  # builds the digest, then stops while mailing the first recipient
    workers.wait_until_stalled(first)
    workers.kill(first)
    digest = Digest.objects.get()
    assert digest.status == DigestStatus.SENDING
    statuses = sorted(digest.deliveries.values_list("status", flat=True))
    assert statuses == [DeliveryStatus.PENDING, DeliveryStatus.PENDING, DeliveryStatus.SENDING]
    assert not any(workers.mail_dir.iterdir())  # the killed worker sent nothing

    workers.start()
    wait_for(lambda: Digest.objects.get().status == DigestStatus.SENT, what="the digest's delivery by a new worker")
    mails = "".join(path.read_text() for path in workers.mail_dir.iterdir())
    hct = world.hct.email
    assert {address: mails.count(f"To: {address}") for address in [*readers, hct]} == dict.fromkeys([*readers, hct], 1)
    assert Digest.objects.count() == 1
    assert set(Digest.objects.get().deliveries.values_list("status", flat=True)) == {DeliveryStatus.SENT}


def test_a_worker_killed_while_writing_an_export(world, guidance_note_catalogue, broker, workers, login, settings):
    settings.EXPORT_XLSX_DIRECT_ROWS = 1
    for number in range(3):
        TaskFactory(operation=world.operation, owner=world.officer, title=f"Task {number}")
    response = login(world.officer).get(export_url("tasks", "xlsx"))
    job = ExportFile.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()

    first = workers.start(stall="export")  # stops half-way through writing the file
    workers.wait_until_stalled(first)
    workers.kill(first)
    assert ExportFile.objects.get().status == ExportFileStatus.RUNNING

    workers.start()
    wait_for(lambda: ExportFile.objects.get().status == ExportFileStatus.READY, what="the export by a new worker")
    job = ExportFile.objects.get()
    assert job.attempts == 2 and job.rows_done == 3
    files = sorted(path.name for path in (settings.MEDIA_ROOT / "exports").iterdir())
    assert files == [f"{job.pk}.xlsx"]
    download = login(world.officer).get(reverse("exports:file-download", kwargs={"pk": job.pk}))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"PK")
