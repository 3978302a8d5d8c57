"""Reads of the operations app shared by the record apps. Every read is scoped by the caller's user."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from cmcoord.core.access import Action, standings_allowed

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
