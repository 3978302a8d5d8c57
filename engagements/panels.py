"""What engagements and key messages add to other apps' pages: a section of the operation dashboard, the
engagements of a task, and on an actor's page the engagements with it and the key messages it has heard."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from cmcoord.core.access import Action, can
from cmcoord.core.charts import Row, Series, bar_chart
from cmcoord.core.counts import RestrictedCount
from cmcoord.core.panels import Panel, Slot, register

from .choices import EngagementMode, EngagementTopic, KeyMessageStatus
from .selectors import (
    engagement_dashboard,
    engagements_of_actor,
    engagements_of_task,
    messages_heard,
    messages_not_yet_heard,
)


def _link(base: str, **params) -> str:
    return f"{base}?{urlencode(params)}"


@register(Slot.OPERATION_DASHBOARD)
def operation_dashboard_engagements(request, operation):
    """Engagements this month by mode and topic, follow-ups waiting to become tasks, key messages by status."""
    data = engagement_dashboard(request.user, operation)
    engagement_list = reverse("engagements:engagement-list", kwargs={"code": operation.code})
    message_list = reverse("engagements:key-message-list", kwargs={"code": operation.code})
    month = data.month.isoformat()
    by_mode = bar_chart(
        "engagements-by-mode",
        title=_("Engagements this month by mode"),
        row_header=_("Mode"),
        rows=[
            Row(mode.label, data.by_mode[mode].total, url=_link(engagement_list, mode=mode, after=month),
                restricted=data.by_mode[mode].restricted)
            for mode in EngagementMode
        ],
    )  # fmt: skip
    by_topic = bar_chart(
        "engagements-by-topic",
        title=_("Engagements this month by topic"),
        row_header=_("Topic"),
        series=[Series("n", _("Engagements"), colour=0)],
        rows=[
            Row(topic.label, [data.by_topic[topic].total], url=_link(engagement_list, topic=topic, after=month),
                restricted=data.by_topic[topic].restricted)
            for topic in EngagementTopic
        ],
    )  # fmt: skip
    return Panel(
        "engagements/_dashboard.html",
        {
            "data": data,
            "by_mode": by_mode,
            "by_topic": by_topic,
            "messages": [
                (status.label, data.messages_by_status[status], _link(message_list, status=status))
                for status in KeyMessageStatus
            ],
            "messages_total": RestrictedCount.sum(data.messages_by_status.values()),
            "engagement_list": engagement_list,
            "open_follow_ups_url": _link(engagement_list, open_follow_ups="on"),
            "message_list": message_list,
        },
    )


@register(Slot.TASK_DETAIL)
def task_engagements_panel(request, task):
    """The engagements the task served or came from, as far as the user may read them."""
    engagements = engagements_of_task(request.user, task)
    if not engagements:
        return None
    return Panel("engagements/_task_panel.html", {"engagements": engagements})


@register(Slot.ACTOR_DETAIL)
def actor_engagements_panel(request, actor):
    """At a glance: when the user's office last met the actor, which key messages it has heard (and where), and
    which agreed messages aimed at it it has not heard yet."""
    user = request.user
    engagements = engagements_of_actor(user, actor)
    heard = messages_heard(engagements)
    context = {
        "engagements": engagements[:10],
        "more": max(0, len(engagements) - 10),
        "heard": heard,
        "not_yet_heard": messages_not_yet_heard(user, actor, [message.pk for message, _seen in heard]),
        "can_log": can(user, Action.CHANGE, actor.operation),
        "list_url": _link(
            reverse("engagements:engagement-list", kwargs={"code": actor.operation.code}), actor=actor.pk
        ),
        "create_url": _link(
            reverse("engagements:engagement-create", kwargs={"code": actor.operation.code}), actor=actor.pk
        ),
    }
    return Panel("engagements/_actor_panel.html", context)
