"""Reads of the operations app shared by the record apps. Every read is scoped by the caller's user."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from cmcoord.core.access import Action, ceiling, standings_allowed
from cmcoord.core.choices import Sensitivity
from cmcoord.core.people import person_name

from .models import Membership


def operation_members(user, operation=None, action: Action = Action.VIEW):
    """Active people with a membership the acting ``user`` may see (in ``operation`` if given) whose standing
    allows ``action`` there: ``Action.CHANGE`` for task owners, who must be able to work on their tasks."""
    memberships = Membership.objects.restrict(user, Action.VIEW).filter(role__in=standings_allowed(action))
    if operation is not None:
        memberships = memberships.filter(operation=operation)
    return (
        get_user_model()
        .objects.filter(is_active=True, pk__in=memberships.values("user_id"))
        .order_by("first_name", "last_name", "username")
    )


def members_who_cannot_read(people, level) -> list:
    """Those of ``people`` (annotated by :func:`with_role_in`) whose role in the operation does not let them read
    a record at ``level``: an HCT member offered as collaborator on a Confidential task would never see it, and
    nobody would know. No query: the role came with the choices."""
    if level is None:
        return []
    blocked = []
    for person in people:
        if person is None:
            continue
        reach = ceiling(Action.VIEW, person.role_here) if person.role_here else None
        if reach is None or reach < level:
            blocked.append(person)
    return blocked


def with_role_in(people, operation):
    """``people`` (a queryset of users) with ``role_here``: their membership role in ``operation``."""
    role = Membership.objects.filter(operation=operation, user=OuterRef("pk")).values("role")[:1]
    return people.annotate(role_here=Subquery(role))


def member_label(person) -> str:
    """A member as a choice names how far they read where that is not everything (annotated by ``with_role_in``)."""
    reach = ceiling(Action.VIEW, person.role_here) if getattr(person, "role_here", None) else None
    if reach is None or reach >= max(Sensitivity):
        return person_name(person)
    return _("%(name)s (reads %(level)s only)") % {"name": person_name(person), "level": Sensitivity(reach).label}
