"""What training events add to other apps' pages: the operation dashboard's reach by sex and by audience category,
and the trainings of a task and of an actor on their pages. Counts include what the reader may only count and say
so; trainings are named only where the reader may open them."""

from django.urls import reverse
from django.utils.translation import gettext as _

from cmcoord.core.charts import Row, bar_chart
from cmcoord.core.panels import Panel, Slot, register

from .selectors import training_reach, trainings_linked


@register(Slot.OPERATION_DASHBOARD)
def operation_dashboard_trainings(request, operation):
    """People trained in the last 12 months by sex and by organisation type (one query)."""
    reach = training_reach(request.user, operation)
    by_sex = bar_chart(
        "training-reach-by-sex",
        title=_("People trained by sex, last 12 months"),
        row_header=_("Sex"),
        rows=[Row(str(label), count.total, restricted=count.restricted) for label, count in reach.by_sex],
    )
    by_organisation = bar_chart(
        "training-reach-by-audience",
        title=_("People trained by audience category, last 12 months"),
        row_header=_("Audience category"),
        rows=[Row(str(label), count.total, restricted=count.restricted) for label, count in reach.by_organisation],
    )
    return Panel(
        "trainings/_dashboard.html",
        {
            "reach": reach,
            "by_sex": by_sex,
            "by_organisation": by_organisation,
            "list_url": reverse("trainings:list", kwargs={"code": operation.code}),
        },
    )


@register(Slot.TASK_DETAIL)
def task_trainings_panel(request, task):
    """The trainings recorded for the task that the user may open, and how many there are in all."""
    trainings, count = trainings_linked(request.user, tasks=task)
    if not count:
        return None
    return Panel("trainings/_linked_panel.html", {"trainings": trainings, "count": count, "testid": "task-trainings"})


@register(Slot.ACTOR_DETAIL)
def actor_trainings_panel(request, actor):
    """The trainings the actor attended that the user may open, and how many there are in all."""
    trainings, count = trainings_linked(request.user, audience=actor)
    if not count:
        return None
    return Panel("trainings/_linked_panel.html", {"trainings": trainings, "count": count, "testid": "actor-trainings"})
