"""Reads of the actor registry. Each takes the user and reads through ``restrict``."""

from __future__ import annotations

from django.db.models import OuterRef, Subquery

from cmcoord.core.access import Action

from .choices import TaskActorRole
from .models import Actor, ActorAssessment, ActorRelationship


def latest_assessment_values(user, *fields):
    """Subqueries giving, per actor, the fields of its latest assessment the user may see."""
    latest = (
        ActorAssessment.objects.restrict(user, Action.VIEW).filter(actor=OuterRef("pk")).order_by("-assessed_on", "-pk")
    )
    return {f"current_{field}": Subquery(latest.values(field)[:1]) for field in fields}


def actors_with_current_picture(user, operation):
    """The operation's actors the user may see, each with the stance, influence and interest of its latest
    visible assessment (``current_*``, None if none)."""
    return (
        Actor.objects.restrict(user, Action.VIEW)
        .filter(operation=operation)
        .select_related("operation")
        .with_scoped(user, "parent")
        .annotate(**latest_assessment_values(user, "stance", "influence", "interest", "assessed_on"))
    )


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
