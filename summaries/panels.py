"""Where summaries show: the operation dashboard (leading for the HCT), beside a summarised record, under a record
list for the records the reader may not open, and beside an actor's current assessment."""

from django.urls import reverse

from cmcoord.core.access import Action, can
from cmcoord.core.choices import Standing
from cmcoord.core.panels import Panel, Slot, register
from cmcoord.operations.calendar import operation_today

from . import selectors, services


@register(Slot.OPERATION_DASHBOARD)
def operation_dashboard_summaries(request, operation):
    """What the HCT may know of the last weeks' records, and for a head of office what waits for her clearance."""
    user = request.user
    may_clear = services.may_clear(user, operation)
    list_url = reverse("summaries:list", kwargs={"code": operation.code})
    return Panel(
        "summaries/_dashboard.html",
        {
            "summaries": selectors.recent(user, operation, operation_today(operation)),
            "days": selectors.RECENT_DAYS,
            "waiting": selectors.waiting(user, operation).count() if may_clear else 0,
            "list_url": list_url,
            "waiting_url": f"{list_url}?show=waiting",
        },
        leads_for=frozenset({Standing.HCT}),
        lead_order=1,  # after the protection priorities
        last=True,
    )


@register(Slot.RECORD_DETAIL)
def record_summary(request, record):
    """The record's summary for the HCT, its writer and clearance; the clear button for a head of office."""
    if not services.summarised(type(record)):
        return None
    summary = selectors.of_record(request.user, record)
    can_change = can(request.user, Action.CHANGE, record)
    if summary is None and not can_change:
        return None
    return Panel("summaries/_record.html", _record_context(request, record, summary, can_change))


def _record_context(request, record, summary, can_change) -> dict:
    operation = record.operation
    return {
        "summary": summary,
        "can_change": can_change,
        "may_clear": summary is not None and not summary.is_cleared and services.may_clear(request.user, operation),
        "needs_clearance": operation.summaries_need_clearance,
        "next": request.get_full_path(),
    }


@register(Slot.RECORD_LIST)
def closed_record_summaries(request, subject):
    """Under a list: the released summaries of the records of this type the reader may not open."""
    model, operation = subject
    if not services.summarised(model):
        return None
    summaries = selectors.of_closed_records(request.user, operation, model)
    if not summaries:
        return None
    return Panel("summaries/_closed.html", {"summaries": summaries, "label": model._meta.verbose_name_plural})


@register(Slot.ACTOR_DETAIL)
def actor_assessment_summary(request, actor):
    """The summary of the actor's current assessment: beside the assessment for who may open it, in its place
    for who may not."""
    summaries = selectors.assessment_summaries(request.user, actor.operation, [actor.pk])
    latest = summaries.get(actor.pk)
    can_change = can(request.user, Action.CHANGE, actor)
    if latest is None:
        return None
    return Panel(
        "summaries/_assessment.html",
        {**_record_context(request, actor, latest, can_change), "facts": latest.fact_items()},
    )
