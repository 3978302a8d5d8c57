"""Producing and sending digests, exactly once per (schedule, period) and once per address.

The flow, each step safe to run twice or concurrently:

1. :func:`dispatch` (beat, every few minutes, on a UTC interval): for every active schedule, the periods whose
   send instant has passed since the last one produced (:mod:`digests.periods`, in the operation's time zone)
   get a :class:`Digest` row. The unique constraint on (schedule, period start) makes a second tick, or two
   dispatchers, find the row instead of adding one. Each new digest is queued for building, without ETA.
2. :func:`build` claims a pending digest with a conditional UPDATE (one worker wins), builds the sections for
   the schedule's audience, stores the data, HTML and text, and creates one delivery per address (unique per
   digest and address), each queued for sending, without ETA.
3. :func:`send` claims a delivery the same way (pending or retrying → sending; a duplicate task finds it taken
   and does nothing), sends it, records the outcome. An SMTP error leaves it "retrying" and is raised for the
   task to retry with backoff; on the last attempt it is recorded as failed, and the head of office may resend.
4. :func:`recover`, run by the dispatcher: work whose queue message was lost (a broker restart, a worker
   killed mid-task) is queued again after a while. Claims make the repeat harmless.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.utils import timezone, translation
from django.utils.translation import ngettext

from cmcoord.accounts.models import AccountPreferences
from cmcoord.core.choices import Standing
from cmcoord.core.language import supported
from cmcoord.core.outage import is_database_outage

from . import content, periods
from .choices import CLAIMABLE, DeliveryStatus, DigestStatus
from .models import Digest, DigestDelivery, DigestSchedule

logger = logging.getLogger(__name__)

# Errors worth another attempt: the mail server or the network failed, not the message.
TRANSIENT_ERRORS = (smtplib.SMTPException, ConnectionError, TimeoutError)
# Work still unfinished this long after its last change is taken to have lost its queue message.
STALE_AFTER = timedelta(minutes=20)


def _enqueue(task, *args) -> None:
    """Queue ``task`` once the current transaction commits (now, outside one), never with an ETA. A broker that
    is down is logged, not raised: :func:`recover` queues the work again later."""
    transaction.on_commit(lambda: task.delay(*args), robust=True)


# --- 1. Dispatch ----------------------------------------------------------------------------------------------


def dispatch(now=None) -> list[int]:
    """Create the digests that are due, oldest period first, and queue them. Returns the ids created."""
    from .tasks import build_digest

    now = now or timezone.now()
    created_ids = []
    schedules = (
        DigestSchedule.objects.filter(active=True, operation__is_active=True)
        .select_related("operation")
        .annotate(last_end=Max("digests__period_end"))
        .order_by("pk")
    )
    for schedule in schedules:
        after = max(filter(None, (schedule.produce_after, schedule.last_end)))
        for start, end in periods.due_periods(
            schedule.cadence, after=after, now=now, limit=settings.DIGEST_BACKFILL_PERIODS
        ):
            digest, created = digest_for_period(schedule, start, end)
            if created:
                created_ids.append(digest.pk)
                _enqueue(build_digest, digest.pk)
    recover(now)
    return created_ids


def digest_for_period(schedule: DigestSchedule, start, end) -> tuple[Digest, bool]:
    """The schedule's digest for the period starting at ``start``: created once, found every other time."""
    try:
        with transaction.atomic():
            return Digest.objects.get_or_create(
                schedule=schedule,
                period_start=start,
                defaults={"period_end": end, "audience": schedule.audience},
            )
    except IntegrityError:  # a concurrent dispatcher created it between our read and our insert
        return Digest.objects.get(schedule=schedule, period_start=start), False


def recover(now=None) -> None:
    """Queue again the digests and deliveries whose task was lost; release claims of workers that died."""
    from .tasks import build_digest, send_delivery

    now = now or timezone.now()
    stale = now - STALE_AFTER
    lost = Digest.objects.filter(
        status__in=[DigestStatus.PENDING, DigestStatus.BUILDING], updated_at__lt=stale
    ).values_list("pk", "status")
    for pk, status in lost:
        released = Digest.objects.filter(pk=pk, status=status, updated_at__lt=stale).update(
            status=DigestStatus.PENDING, updated_at=now
        )
        if released:
            _enqueue(build_digest, pk)
    lost = DigestDelivery.objects.filter(
        status__in=[*CLAIMABLE, DeliveryStatus.SENDING], updated_at__lt=stale
    ).values_list("pk", "status")
    for pk, status in lost:
        # A claim older than any task may run (the time limit) belongs to a worker that died: release it.
        released = DigestDelivery.objects.filter(pk=pk, status=status, updated_at__lt=stale).update(
            status=DeliveryStatus.RETRYING if status == DeliveryStatus.SENDING else status, updated_at=now
        )
        if released:
            _enqueue(send_delivery, pk)


# --- 2. Build -------------------------------------------------------------------------------------------------


def recipients(schedule: DigestSchedule) -> list[tuple[str, int | None]]:
    """(address, user id) of everyone the schedule sends to: members in the chosen roles, HQ readers of the
    operation if chosen, then the extra addresses. Active accounts with an address only; each address once."""
    user_model = get_user_model()
    roles = set(schedule.recipient_roles or [])
    member_roles = roles - {Standing.HQ}
    condition = Q(pk__in=[])
    if member_roles:
        condition |= Q(memberships__operation=schedule.operation, memberships__role__in=sorted(member_roles))
    if Standing.HQ in roles:
        condition |= Q(hq_access__all_operations=True) | Q(hq_access__operations=schedule.operation)
    people = (
        user_model.objects.filter(condition, is_active=True)
        .exclude(email="")
        .order_by("email", "pk")
        .values_list("email", "pk")
        .distinct()
    )
    found, seen = [], set()
    for email, pk in people:
        if email.lower() not in seen:
            seen.add(email.lower())
            found.append((email, pk))
    for address in schedule.extra_addresses:
        if address not in seen:
            seen.add(address)
            found.append((address, None))
    return found


def recipient_languages(schedule: DigestSchedule, addresses) -> dict[str, str]:
    """The language each address of ``recipients`` reads its mail in: the one its account's owner chose
    (``AccountPreferences``), else the schedule's (addresses without an account, people who chose none). One query."""
    own = schedule.mail_language
    users = [user_id for _address, user_id in addresses if user_id]
    chosen = dict(
        AccountPreferences.objects.filter(user_id__in=users).exclude(language="").values_list("user_id", "language")
    ) if users else {}  # fmt: skip
    return {address: supported(chosen.get(user_id)) or own for address, user_id in addresses}


def build(digest_id: int, *, resume: bool = False) -> bool:
    """Build a pending digest and queue its deliveries. False if another worker has it or it is done; a run that
    takes over from a dead one (``resume``) may take a digest left building."""
    from .tasks import send_delivery

    now = timezone.now()
    statuses = [DigestStatus.PENDING, *([DigestStatus.BUILDING] if resume else [])]
    claimed = Digest.objects.filter(pk=digest_id, status__in=statuses).update(
        status=DigestStatus.BUILDING, updated_at=now
    )
    if not claimed:
        return False
    digest = Digest.objects.select_related("schedule__operation").get(pk=digest_id)
    schedule = digest.schedule
    try:
        next_end = periods.next_send(schedule.cadence, digest.period_end)
        addresses = recipients(schedule)
        languages = recipient_languages(schedule, addresses)
        own = schedule.mail_language
        mails = {}
        for language in [own, *sorted(set(languages.values()) - {own})]:
            # Built in each reader's language, not only rendered in it: the sections' labels (modes, levels,
            # areas) are written into the data as it is built.
            with translation.override(language):
                data = content.build_context(
                    schedule.operation, digest.audience, schedule.sections, digest.period_start, digest.period_end,
                    next_end,
                )  # fmt: skip
            mails[language] = (data, *content.render_mail(data, language))
    except Exception as error:
        if is_database_outage(error):
            raise  # not the digest's fault: the task is retried and takes its claim over
        logger.exception("digest %s could not be built", digest_id)
        Digest.objects.filter(pk=digest_id).update(status=DigestStatus.FAILED, failure=repr(error), updated_at=now)
        raise
    with transaction.atomic():
        digest.context, digest.subject, digest.html, digest.text = mails[own]
        digest.language = own
        digest.in_other_languages = {
            language: {"subject": subject, "html": html, "text": text}
            for language, (_data, subject, html, text) in mails.items()
            if language != own
        }
        digest.built_at, digest.failure = timezone.now(), ""
        digest.status = DigestStatus.SENDING if addresses else DigestStatus.SENT
        if not addresses:
            digest.sent_at = digest.built_at
        digest.save()
        DigestDelivery.objects.bulk_create(
            [
                DigestDelivery(digest=digest, address=address, user_id=user_id, language=languages[address])
                for address, user_id in addresses
            ],
            ignore_conflicts=True,
        )
        for pk in digest.deliveries.filter(status=DeliveryStatus.PENDING).values_list("pk", flat=True):
            _enqueue(send_delivery, pk)
    return True


# --- 3. Send --------------------------------------------------------------------------------------------------


def claim(delivery_id: int, *, resume: bool = False) -> bool:
    """Take a delivery for sending: one conditional UPDATE, so of two workers exactly one gets True. A run that
    takes over from a dead one (``resume``) may take a delivery left sending."""
    statuses = [*CLAIMABLE, *([DeliveryStatus.SENDING] if resume else [])]
    return bool(
        DigestDelivery.objects.filter(pk=delivery_id, status__in=statuses).update(
            status=DeliveryStatus.SENDING, attempts=F("attempts") + 1, updated_at=timezone.now()
        )
    )


def send(delivery_id: int, *, last_attempt: bool = False, resume: bool = False) -> str:
    """Send one claimed delivery. A transient error is recorded and raised (the task retries it), or on the last
    attempt recorded as a failure. Returns the delivery's status, or "skipped" if another worker had it."""
    if not claim(delivery_id, resume=resume):
        return "skipped"
    delivery = DigestDelivery.objects.select_related("digest").get(pk=delivery_id)
    digest = delivery.digest
    subject, html, text = digest.mail_in(delivery.language)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[delivery.address],
        connection=get_connection(),
    )
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except TRANSIENT_ERRORS as error:
        delivery.error = f"{type(error).__name__}: {error}"[:2000]
        delivery.status = DeliveryStatus.FAILED if last_attempt else DeliveryStatus.RETRYING
        delivery.updated_at = timezone.now()
        delivery.save(update_fields=["error", "status", "updated_at"])
        _settle(digest.pk)
        if last_attempt:
            logger.warning("digest delivery %s failed for good: %s", delivery_id, delivery.error)
            return delivery.status
        raise
    delivery.status, delivery.sent_at, delivery.error = DeliveryStatus.SENT, timezone.now(), ""
    delivery.updated_at = delivery.sent_at
    delivery.save(update_fields=["status", "sent_at", "error", "updated_at"])
    _settle(digest.pk)
    return delivery.status


def _settle(digest_id: int) -> None:
    """The digest's status from its deliveries: sent when all are, failed when none is left to try."""
    statuses = set(DigestDelivery.objects.filter(digest_id=digest_id).values_list("status", flat=True).distinct())
    if statuses and statuses <= {DeliveryStatus.SENT}:
        Digest.objects.filter(pk=digest_id).exclude(status=DigestStatus.SENT).update(
            status=DigestStatus.SENT, sent_at=timezone.now(), failure="", updated_at=timezone.now()
        )
    elif DeliveryStatus.FAILED in statuses and not statuses & {*CLAIMABLE, DeliveryStatus.SENDING}:
        failed = DigestDelivery.objects.filter(digest_id=digest_id, status=DeliveryStatus.FAILED).count()
        with translation.override(settings.LANGUAGE_CODE):
            failure = ngettext("%(count)d delivery failed.", "%(count)d deliveries failed.", failed) % {"count": failed}
        Digest.objects.filter(pk=digest_id).update(
            status=DigestStatus.FAILED, failure=failure, updated_at=timezone.now()
        )


# --- Resend (head of office) ----------------------------------------------------------------------------------


def resend(digest: Digest) -> int:
    """Try a failed digest again: rebuild it if it was never built, else resend its failed deliveries only (who
    received it does not receive it twice). Returns how many deliveries (or 1 for a rebuild) were queued."""
    from .tasks import build_digest, send_delivery

    now = timezone.now()
    if not digest.built_at:
        if Digest.objects.filter(pk=digest.pk, status=DigestStatus.FAILED).update(
            status=DigestStatus.PENDING, failure="", updated_at=now
        ):
            _enqueue(build_digest, digest.pk)
            return 1
        return 0
    failed = list(digest.deliveries.filter(status=DeliveryStatus.FAILED).values_list("pk", flat=True))
    requeued = 0
    for pk in failed:
        if DigestDelivery.objects.filter(pk=pk, status=DeliveryStatus.FAILED).update(
            status=DeliveryStatus.PENDING, attempts=0, updated_at=now
        ):
            requeued += 1
            _enqueue(send_delivery, pk)
    if requeued:
        Digest.objects.filter(pk=digest.pk).update(status=DigestStatus.SENDING, updated_at=now)
    return requeued


# --- Preview --------------------------------------------------------------------------------------------------


def preview(schedule: DigestSchedule, now=None) -> dict:
    """The data of the schedule's next digest as it stands now (nothing stored, nothing sent)."""
    now = now or timezone.now()
    start, end = periods.next_period(schedule.cadence, now)
    next_end = periods.next_send(schedule.cadence, end)
    return content.build_context(schedule.operation, schedule.audience, schedule.sections, start, end, next_end)
