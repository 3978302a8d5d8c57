"""What the humanitarian notification system adds to other apps' pages: the operation dashboard's panel (awaiting
an answer, overdue answers, by status), the overdue flag in the officer's worklist (My tasks), and the
notifications linked to a task or notified to an actor on their pages. Each reads through ``restrict``."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from cmcoord.core.access import Action
from cmcoord.core.charts import Row, Series, bar_chart
from cmcoord.core.panels import Panel, Slot, register

from .choices import NotificationStatus
from .models import Notification, PartyAnswer
from .selectors import notification_counts, overdue_for_worklist

# Colours of the statuses (indexes of cmcoord.core.charts.PALETTE).
STATUS_COLOURS = {
    NotificationStatus.SUBMITTED: 1,  # orange
    NotificationStatus.ACKNOWLEDGED: 2,  # bluish green
    NotificationStatus.REJECTED: 3,  # vermillion
    NotificationStatus.NO_RESPONSE: 7,  # black
}
LISTED = 10  # notifications named on a task's or an actor's page; the rest are in the filtered list


@register(Slot.OPERATION_DASHBOARD)
def operation_dashboard_notifications(request, operation):
    """Awaiting an answer, overdue, and by status (two queries); with none, the card says so like the others."""
    counts = notification_counts(request.user, operation)
    list_url = reverse("deconfliction:list", kwargs={"code": operation.code})
    chart = bar_chart(
        "notifications-by-status",
        title=_("Notifications by status"),
        row_header=_("Status"),
        series=[Series("n", _("Notifications"), colour=0)],
        rows=[
            Row(
                str(status.label),
                counts.by_status[status].total,
                url=f"{list_url}?{urlencode({'status': status.value})}",
                restricted=counts.by_status[status].restricted,
            )
            for status in NotificationStatus
        ],
    )
    return Panel(
        "deconfliction/_dashboard.html",
        {
            "counts": counts,
            "chart": chart,
            "list_url": list_url,
            "overdue_url": f"{list_url}?{urlencode({'overdue': 'on'})}",
        },
    )


@register(Slot.MY_TASKS)
def worklist_overdue_notifications(request, operations):
    """ "3 notifications awaiting an answer for over 72 h", per operation where the user records answers."""
    found = overdue_for_worklist(request.user, operations)
    if not found:
        return None
    for entry in found:
        list_url = reverse("deconfliction:list", kwargs={"code": entry["operation"].code})
        entry["url"] = f"{list_url}?{urlencode({'overdue': 'on'})}"
    return Panel("deconfliction/_worklist.html", {"overdue": found})


@register(Slot.TASK_DETAIL)
def task_notifications(request, task):
    """Notifications the task serves, as far as the user may see them (one query)."""
    notifications = list(
        Notification.objects.restrict(request.user, Action.VIEW)
        .filter(tasks=task)
        .select_related("operation")
        .order_by("-submitted_at", "-pk")[: LISTED + 1]
    )
    if not notifications:
        return None
    return Panel(
        "deconfliction/_task_panel.html",
        {"notifications": notifications[:LISTED], "more": len(notifications) > LISTED},
    )


@register(Slot.ACTOR_DETAIL)
def actor_notifications(request, actor):
    """Notifications sent to this party and its answer to each, as far as the user may see them (one query)."""
    answers = list(
        PartyAnswer.objects.restrict(request.user, Action.VIEW)
        .filter(party=actor)
        .select_related("notification__operation")
        .order_by("-notification__submitted_at", "-pk")[: LISTED + 1]
    )
    if not answers:
        return None
    list_url = reverse("deconfliction:list", kwargs={"code": actor.operation.code})
    return Panel(
        "deconfliction/_actor_panel.html",
        {
            "answers": answers[:LISTED],
            "more_url": f"{list_url}?{urlencode({'party': actor.pk})}" if len(answers) > LISTED else "",
        },
    )
