"""Reads of the actor registry. Each takes the user and reads through ``restrict``."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Subquery

from cmcoord.core.access import Action
from cmcoord.core.counts import RestrictedCount, counting

from .choices import TaskActorRole
from .models import Actor, ActorAssessment, ActorRelationship


def latest_assessment_values(user, *fields, action: Action = Action.VIEW):
    """Subqueries giving, per actor, the fields of its latest assessment the user may see (``action``: the API
    reads the latest one it may carry, never a Strictly confidential one)."""
    latest = ActorAssessment.objects.restrict(user, action).filter(actor=OuterRef("pk")).order_by("-assessed_on", "-pk")
    return {f"current_{field}": Subquery(latest.values(field)[:1]) for field in fields}


def assessed_at_all(user):
    """Per actor: whether it has any assessment the user may count, seen or not (``Action.COUNT``). An actor
    without a visible assessment but with one of these reads "assessment restricted", never "not assessed"."""
    return Exists(ActorAssessment.objects.restrict(user, Action.COUNT).filter(actor=OuterRef("pk")))


def actors_with_current_picture(user, operation):
    """The operation's actors the user may see, each with the stance, influence and interest of its latest
    visible assessment (``current_*``, None if none) and ``assessed`` (any assessment exists, restricted or not)."""
    return (
        Actor.objects.restrict(user, Action.VIEW)
        .filter(operation=operation)
        .select_related("operation")
        .with_scoped(user, "parent")
        .annotate(
            **latest_assessment_values(user, "stance", "influence", "interest", "assessed_on"),
            assessed=assessed_at_all(user),
        )
    )


#: The stance buckets of the dashboard, after the four stances: what the reader cannot see, and what nobody knows.
RESTRICTED = "restricted"
NOT_ASSESSED = "not_assessed"


def actor_counts(user, operation) -> dict[tuple[str, str], RestrictedCount]:
    """The operation's actors by category and current stance, restricted ones included, in one grouped query:
    ``{(category, stance or RESTRICTED or NOT_ASSESSED): RestrictedCount}``.

    The stance is that of the actor's latest assessment the user may open, as on the stakeholder map; an actor
    with none of those but with an assessment above the user's level (or an actor the user cannot open, whose
    assessments they cannot open either) counts as "assessment restricted"; one with no assessment at all as "not
    assessed".
    """
    rows = (
        Actor.objects.restrict(user, Action.COUNT)
        .filter(operation=operation)
        .annotate(**latest_assessment_values(user, "stance"), assessed=assessed_at_all(user))
        .order_by()
        .values("category", "current_stance", "assessed")
        .annotate(**counting(Actor, user, "n"))
    )
    counts: dict[tuple[str, str], RestrictedCount] = {}
    for row in rows:
        stance = row["current_stance"] or (RESTRICTED if row["assessed"] else NOT_ASSESSED)
        key = (row["category"], stance)
        counts[key] = counts.get(key, RestrictedCount()) + RestrictedCount.of(row, "n")
    return counts


def restricted_assessments(user, actor) -> int:
    """How many of the actor's assessments exist above the user's level (one query)."""
    row = (
        ActorAssessment.objects.restrict(user, Action.COUNT)
        .filter(actor=actor)
        .aggregate(**counting(ActorAssessment, user, "n"))
    )
    return RestrictedCount.of(row, "n").restricted


def relationships_for_network(user, operation):
    """Relationships the user may see: both actors and the relationship itself within their ceiling."""
    return (
        ActorRelationship.objects.restrict(user, Action.VIEW)
        .filter(operation=operation)
        .select_related("source__operation", "target__operation")
    )


def group_links(links, record):
    """Task links grouped by the record ``record(link)`` returns (the task, or the actor), in first-seen order:
    ``[(record, [link, …]), …]``, each record's links in the order of the roles. An actor linked to a task in two
    roles is then listed once, with both roles."""
    groups = {}
    for link in links:
        target = record(link)
        groups.setdefault(target.pk, (target, []))[1].append(link)
    for _target, roles in groups.values():
        roles.sort(key=lambda link: ROLE_ORDER.get(link.role, len(ROLE_ORDER)))
    return list(groups.values())


# Roles in the order the link form offers them: target, interlocutor, partner.
ROLE_ORDER = {role: n for n, role in enumerate(TaskActorRole.values)}
