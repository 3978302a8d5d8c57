"""Redis stopped and started again (the test's own server) around a page view, an export and beat's ticks: pages
keep working while it is down, the export page says the file will be built later, and once Redis is back what was
missed is done once: each digest period once, each recipient's mail once, the export built once."""

from datetime import timedelta

from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from cmcoord.core.choices import Standing
from cmcoord.core.outage import queue
from cmcoord.exports.models import ExportFile, ExportFileStatus, ExportLog
from cmcoord.exports.tasks import recover_export_files
from digests import services, tasks
from digests.choices import Audience, DigestStatus, Frequency
from digests.models import Digest, DigestSchedule
from tests.exports.support import export_url
from tests.factories import ActorFactory, ActorRelationshipFactory, TaskFactory

BOUNDED = 5  # seconds: a page while Redis is down may wait for it (0.5 s a call), never for long


def test_pages_and_sign_in_work_while_redis_is_down(world, broker, client, password):
    first, second = ActorFactory(operation=world.operation), ActorFactory(operation=world.operation)
    ActorRelationshipFactory(source=first, target=second)
    client.force_login(world.officer)
    network = reverse("actors:network", kwargs={"code": "CAF"})
    assert client.get(network).status_code == 200  # its layout is now in the cache

    broker.server.stop()
    started = timezone.now()
    response = client.get(network)
    assert response.status_code == 200 and "<svg" in response.content.decode()
    assert client.get(reverse("home")).status_code == 200
    client.logout()
    signed_in = client.post(reverse("login"), {"username": "officer", "password": password})
    assert signed_in.status_code == 302 and signed_in["Location"] == reverse("home")  # sign-in limits: database
    assert (timezone.now() - started).total_seconds() < BOUNDED

    broker.server.start()
    cache.set("after-the-restart", "kept")
    assert cache.get("after-the-restart") == "kept"  # the same process uses Redis again, nothing restarted


def test_an_export_asked_while_redis_is_down_is_built_once_when_it_is_back(world, broker, login, settings, tmp_path):
    settings.MEDIA_ROOT, settings.EXPORT_XLSX_DIRECT_ROWS = tmp_path / "media", 1
    for number in range(2):
        TaskFactory(operation=world.operation, owner=world.officer, title=f"Task {number}")
    client = login(world.officer)

    broker.server.stop()
    response = client.get(export_url("tasks", "xlsx"), follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Your file will be built when it is back" in page and 'data-status="pending"' in page
    job = ExportFile.objects.get()

    broker.server.start()
    assert recover_export_files() == {"requeued": 0, "failed": 0}  # a minute later: perhaps only queued slowly
    in_six_minutes = timezone.now() + timedelta(minutes=6)
    assert recover_export_files(now=in_six_minutes) == {"requeued": 1, "failed": 0}
    assert broker.queued() == [("exports.build_export_file", [str(job.pk)])]
    assert broker.run_queued() == ["exports.build_export_file"]
    job.refresh_from_db()
    assert job.status == ExportFileStatus.READY and job.rows_done == 2 and job.attempts == 1
    assert [path.name for path in (tmp_path / "media" / "exports").iterdir()] == [f"{job.pk}.xlsx"]
    assert recover_export_files(now=in_six_minutes) == {"requeued": 0, "failed": 0} and broker.queued() == []


def test_a_job_no_worker_finished_is_reported_failed_not_left_in_progress(world, broker):
    log = ExportLog.objects.create(user=world.officer, operation=world.operation, export_name="tasks", format="xlsx")
    job = ExportFile.objects.create(log=log, user=world.officer, status=ExportFileStatus.RUNNING)
    assert recover_export_files(now=timezone.now() + timedelta(minutes=59))["failed"] == 0
    assert recover_export_files(now=timezone.now() + timedelta(minutes=61))["failed"] == 1
    job.refresh_from_db()
    assert job.status == ExportFileStatus.FAILED and job.finished_at is not None


def test_beat_ticks_missed_while_redis_is_down_give_each_digest_once(world, broker, django_capture_on_commit_callbacks):
    """Down for two days: beat's ticks do not reach a worker, and a dispatcher that ran queues nothing. Once Redis is
    back, each missed day's digest is sent once to the HCT, however many ticks follow."""
    # Noon in the operation's time zone, far from the 07:00 digest hour: the ticks below fall the same side of it
    # whenever the test runs (from timezone.now(), a run between 06:30 and 07:00 in Bangui made a fourth digest).
    local = timezone.localtime(timezone.now(), world.operation.time_zone)
    start = local.replace(hour=12, minute=0, second=0, microsecond=0)
    DigestSchedule.objects.create(
        operation=world.operation, name="HCT digest", audience=Audience.HCT, frequency=Frequency.DAILY, hour=7,
        recipient_roles=[Standing.HCT], sections=["task-areas"], dispatch_from=start,
        starts_on=timezone.localdate(start, world.operation.time_zone),
    )  # fmt: skip

    def tick(now, broker_up=True):
        """What the tick's dispatcher does, then what a worker does with the work it queued (none while down)."""
        with django_capture_on_commit_callbacks(execute=True):
            services.dispatch(now=now)
        while broker_up:
            with django_capture_on_commit_callbacks(execute=True):
                if not broker.run_queued():
                    return

    broker.server.stop()
    assert queue(tasks.dispatch) is False  # beat's tick is lost (beat logs it and ticks again later)
    # A dispatcher that did run: two days' digests are stored, their building is not queued.
    tick(start + timedelta(days=2), broker_up=False)
    assert Digest.objects.filter(status=DigestStatus.PENDING).count() == 2

    broker.server.start()
    tick(start + timedelta(days=3))  # the first tick after: the third day, and the two left waiting
    tick(start + timedelta(days=3, minutes=5))
    tick(start + timedelta(days=3, minutes=30))  # and later ones

    digests = list(Digest.objects.order_by("period_start"))
    assert [digest.status for digest in digests] == [DigestStatus.SENT] * 3
    assert [digest.period_end for digest in digests[:-1]] == [digest.period_start for digest in digests[1:]]
    assert sorted(message.subject for message in mail.outbox) == sorted(digest.subject for digest in digests)
    assert len({message.subject for message in mail.outbox}) == 3
    assert all(message.to == [world.hct.email] for message in mail.outbox)
    assert broker.queued() == []
