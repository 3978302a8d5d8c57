"""What the humanitarian notification system adds to the reporting digests: the notifications submitted in the
period and the parties' answers recorded in it. Every number counts what the audience may count and says how much
of it is restricted; only notifications (and parties) the audience may read under ``Action.DIGEST`` are named.
Four queries, whatever the operation's size."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cmcoord.core.access import Action
from digests.sections import DigestScope, counted, register

from .choices import AnswerStatus, NotificationStatus
from .models import Notification, PartyAnswer

# A digest names at most this many notifications; the rest are counted.
LISTED = 25


@register(
    "notifications", title=_("Humanitarian notifications"), template="deconfliction/digest/notifications", order=35
)
def notifications(scope: DigestScope) -> dict:
    in_period = Q(submitted_at__gte=scope.start, submitted_at__lt=scope.end)
    by_status = {status.value: Q(status=status) for status in NotificationStatus}
    aggregates = scope.tally("submitted", Q(), Notification)
    for status, condition in by_status.items():
        aggregates.update(scope.tally(f"status_{status}", condition, Notification))
    submitted = scope.countable(Notification.objects.filter(in_period, operation=scope.operation)).aggregate(
        **aggregates
    )
    answered_in_period = Q(answered_at__gte=scope.start, answered_at__lt=scope.end)
    answer_aggregates = {}
    for status in (AnswerStatus.ACKNOWLEDGED, AnswerStatus.REJECTED, AnswerStatus.NO_RESPONSE):
        answer_aggregates.update(scope.tally(f"answer_{status}", Q(status=status), PartyAnswer))
    answers = scope.countable(
        PartyAnswer.objects.filter(answered_in_period, notification__operation=scope.operation)
    ).aggregate(**answer_aggregates)
    listed = list(
        Notification.objects.restrict(scope.access, Action.DIGEST)
        .filter(in_period, operation=scope.operation)
        .order_by("submitted_at", "pk")[:LISTED]
    )
    named = {}
    for answer in (
        PartyAnswer.objects.restrict(scope.access, Action.DIGEST)
        .filter(notification__in=[notification.pk for notification in listed])
        .select_related("party")
        .order_by("party__name", "pk")
    ):
        named.setdefault(answer.notification_id, []).append(answer)
    zone = scope.operation.time_zone
    return {
        "submitted": counted(submitted, "submitted"),
        "by_status": [
            {"status": str(status.label), "count": counted(submitted, f"status_{status.value}")}
            for status in NotificationStatus
        ],
        "answers": [
            {"status": str(AnswerStatus(status).label), "count": counted(answers, f"answer_{status}")}
            for status in (AnswerStatus.ACKNOWLEDGED, AnswerStatus.REJECTED, AnswerStatus.NO_RESPONSE)
        ],
        "notifications": [
            {
                "reference": notification.reference,
                "title": notification.title,
                "kind": str(notification.get_kind_display()),
                "organisation": notification.notifying_organisation,
                "submitted": timezone.localtime(notification.submitted_at, zone).strftime("%Y-%m-%d %H:%M"),
                "valid": f"{notification.valid_from.isoformat()} to {notification.valid_to.isoformat()}",
                "status": str(notification.get_status_display()),
                "answers": [
                    {"party": answer.party.name, "status": str(answer.get_status_display())}
                    for answer in named.get(notification.pk, [])
                ],
            }
            for notification in listed
        ],
        "more": max(0, (submitted.get("submitted_visible") or 0) - len(listed)),
    }
