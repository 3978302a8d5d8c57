"""Reads of engagements, follow-ups and key messages: every one through ``restrict``, in a fixed number of queries.

A record that shows other records (the actors of an engagement, the engagements at which a message was delivered)
shows only those the reader may read too: the links are prefetched through ``restrict`` as well.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import translation

from actors.models import Actor
from cmcoord.core.access import Action
from cmcoord.core.counts import RestrictedCount, count_of, counting
from cmcoord.operations.calendar import operation_today
from protection_tasks.models import Task

from .choices import EngagementMode, EngagementTopic, KeyMessageStatus
from .models import Engagement, FollowUp, KeyMessage, language_name


def readable_actors(user, action: Action = Action.VIEW, field: str = "actors", to_attr: str | None = None) -> Prefetch:
    """The actors of ``field`` the user may read (``action``), by name."""
    return Prefetch(field, queryset=Actor.objects.restrict(user, action).order_by("name"), to_attr=to_attr)


# --- Pages (cmcoord.records: the list's queryset, the detail page's context, the API's prefetches) --------------


def engagement_list(user, queryset):
    """The list's engagements with their actors where readable (as ``listed_actors``; the kit loads the mission, a
    scoped relation), and the number of follow-ups not yet turned into tasks."""
    return queryset.prefetch_related(readable_actors(user, to_attr="listed_actors")).annotate(
        open_follow_ups=count_of(FollowUp.objects.filter(engagement=OuterRef("pk"), task__isnull=True))
    )


def key_message_list(user, queryset):
    """The list's key messages with their readable target actors (as ``listed_actors``) and the number of
    engagements the user may read at which each was delivered."""
    return queryset.prefetch_related(readable_actors(user, field="target_actors", to_attr="listed_actors")).annotate(
        deliveries=count_of(Engagement.objects.restrict(user, Action.VIEW).filter(key_messages=OuterRef("pk")))
    )


def engagement_detail_context(request, engagement) -> dict:
    """An engagement's page: its actors, tasks, key messages and follow-ups the reader may read, its OCHA people."""
    user = request.user
    return {
        "actors": engagement.actors.restrict(user, Action.VIEW).select_related("operation").order_by("name"),
        "participants": engagement.ocha_participants.order_by("first_name", "last_name"),
        "tasks": Task.objects.restrict(user, Action.VIEW).filter(engagements=engagement).select_related("operation"),
        "key_messages": (
            KeyMessage.objects.restrict(user, Action.VIEW).filter(engagements=engagement).select_related("operation")
        ),
        "follow_ups": (
            FollowUp.objects.restrict(user, Action.VIEW)
            .filter(engagement=engagement)
            .select_related("owner", "activity")
            .prefetch_related(
                Prefetch("task", queryset=Task.objects.restrict(user, Action.VIEW).select_related("operation"))
            )
        ),
    }


@dataclass
class ShownVersion:
    """The version of a key message a reader is shown: their language's where the message has it, else the text in
    its own language (``fallback``); ``others``: the names of the message's other languages."""

    language: str
    name: str
    text: str
    fallback: bool
    others: list[str]


def shown_version(message: KeyMessage, reader_language: str | None) -> ShownVersion:
    code, text = message.shown_in(reader_language)
    wanted = (reader_language or "").split("-")[0]
    return ShownVersion(
        language=code,
        name=language_name(code),
        text=text,
        fallback=code != wanted,
        others=[language_name(other) for other in message.languages if other != code],
    )


def key_message_detail_context(request, message) -> dict:
    """A key message's page: its text in the reader's language (or its own), the target actors and the engagements
    it was delivered at that the reader may read."""
    user = request.user
    return {
        "shown": shown_version(message, translation.get_language()),
        "targets": (
            Actor.objects.restrict(user, Action.VIEW).filter(key_messages_targeted=message).select_related("operation")
        ),
        "deliveries": (
            Engagement.objects.restrict(user, Action.VIEW)
            .filter(key_messages=message)
            .select_related("operation")
            .prefetch_related(readable_actors(user))
            .order_by("-occurred_at", "-pk")
        ),
    }


def engagement_prefetch(user) -> list:
    """The API's reads of an engagement's actors, tasks and follow-ups (the kit loads the mission, a scoped
    relation): only what the reader may read through the API is named (a follow-up's task by its reference where
    readable)."""
    readable_tasks = Task.objects.restrict(user, Action.API)
    follow_ups = FollowUp.objects.select_related("activity", "task").annotate(
        task_readable=Exists(readable_tasks.filter(pk=OuterRef("task_id")))
    )
    return [
        readable_actors(user, Action.API),
        Prefetch("tasks", queryset=readable_tasks.order_by("reference")),
        Prefetch("follow_ups", queryset=follow_ups),
    ]


def key_message_prefetch(user) -> list:
    """The API's reads of a key message's target actors and engagements (ids) the reader may read through it."""
    return [
        readable_actors(user, Action.API, field="target_actors"),
        Prefetch("engagements", queryset=Engagement.objects.restrict(user, Action.API).order_by("pk").only("pk")),
    ]


def month_start(operation) -> datetime.datetime:
    """The first instant of the current month where the operation works."""
    today = operation_today(operation)
    return datetime.datetime(today.year, today.month, 1, tzinfo=operation.time_zone)


@dataclass
class EngagementDashboard:
    month: datetime.date
    by_mode: dict[str, RestrictedCount]
    by_topic: dict[str, RestrictedCount]
    total: RestrictedCount
    open_follow_ups: RestrictedCount
    messages_by_status: dict[str, RestrictedCount]


def engagement_dashboard(user, operation) -> EngagementDashboard:
    """Engagements of this month by mode and by topic, follow-ups not yet turned into tasks, key messages by status;
    each number counts what the reader may count and says how much is restricted (three queries)."""
    start = month_start(operation)
    month = (
        Engagement.objects.restrict(user, Action.COUNT).filter(operation=operation, occurred_at__gte=start).order_by()
    )
    aggregates = counting(Engagement, user, "total")
    for topic in EngagementTopic:
        aggregates.update(counting(Engagement, user, f"t_{topic}", condition=Q(topics__contains=f",{topic},")))
    for mode in EngagementMode:
        aggregates.update(counting(Engagement, user, f"m_{mode}", condition=Q(mode=mode)))
    row = month.aggregate(**aggregates)
    follow_ups = (
        FollowUp.objects.restrict(user, Action.COUNT)
        .filter(engagement__operation=operation, task__isnull=True)
        .order_by()
        .aggregate(**counting(Engagement, user, "n", through="engagement"))
    )
    messages = (
        KeyMessage.objects.restrict(user, Action.COUNT)
        .filter(operation=operation)
        .order_by()
        .values("status")
        .annotate(**counting(KeyMessage, user, "n"))
    )
    by_status = {entry["status"]: RestrictedCount.of(entry) for entry in messages}
    return EngagementDashboard(
        month=start.date(),
        by_mode={mode: RestrictedCount.of(row, f"m_{mode}") for mode in EngagementMode},
        by_topic={topic: RestrictedCount.of(row, f"t_{topic}") for topic in EngagementTopic},
        total=RestrictedCount.of(row, "total"),
        open_follow_ups=RestrictedCount.of(follow_ups),
        messages_by_status={status: by_status.get(status, RestrictedCount()) for status in KeyMessageStatus},
    )


def engagements_of_actor(user, actor) -> list[Engagement]:
    """The engagements with ``actor`` the user may read, newest first, each with the key messages delivered there
    that the user may read (two queries)."""
    return list(
        Engagement.objects.restrict(user, Action.VIEW)
        .filter(actors=actor)
        .select_related("operation")
        .prefetch_related(
            Prefetch(
                "key_messages",
                queryset=KeyMessage.objects.restrict(user, Action.VIEW).select_related("operation").order_by("title"),
            )
        )
        .order_by("-occurred_at", "-pk")
    )


def messages_heard(engagements) -> list[tuple[KeyMessage, list[Engagement]]]:
    """Each key message delivered at one of ``engagements`` (prefetched), with the engagements it was delivered at,
    the most recently heard first."""
    heard: dict[int, tuple[KeyMessage, list[Engagement]]] = {}
    for engagement in engagements:  # newest first
        for message in engagement.key_messages.all():
            heard.setdefault(message.pk, (message, []))[1].append(engagement)
    return list(heard.values())


def messages_not_yet_heard(user, actor, heard_ids) -> list[KeyMessage]:
    """Agreed messages aimed at ``actor`` that no engagement the user may read has delivered to it yet."""
    return list(
        KeyMessage.objects.restrict(user, Action.VIEW)
        .filter(target_actors=actor, status=KeyMessageStatus.AGREED)
        .select_related("operation")
        .exclude(pk__in=heard_ids)
        .order_by("title")
    )


def engagements_of_task(user, task) -> list[Engagement]:
    """Engagements the task is linked to, or whose follow-up it came from (``agreed_here``), that the user may read
    (one query). This is the task's only reference back to where it was agreed: a reader who may not open the
    engagement is told neither its name nor its address."""
    agreed_here = FollowUp.objects.filter(task=task)
    return list(
        Engagement.objects.restrict(user, Action.VIEW)
        .filter(Q(pk__in=Engagement.tasks.through.objects.filter(task=task).values("engagement_id"))
                | Q(pk__in=agreed_here.values("engagement_id")))
        .annotate(agreed_here=Exists(agreed_here.filter(engagement=OuterRef("pk"))))
        .select_related("operation")
        .order_by("-occurred_at", "-pk")
    )  # fmt: skip
