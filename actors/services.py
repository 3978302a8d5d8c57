"""Writes of the actor registry."""

from __future__ import annotations

from django.utils.translation import gettext as _

from cmcoord.core.access import Action
from cmcoord.core.scoping import OutOfScope, save_within_scope

from .choices import default_actor_sensitivity
from .models import TaskActor


def actor_apply_defaults(actor) -> None:
    """An actor saved without a sensitivity takes its category's default (armed actors: Confidential)."""
    if not actor.sensitivity:
        actor.sensitivity = default_actor_sensitivity(actor.category)


def task_actor_link(*, user, form) -> TaskActor:
    """Link an actor to a task with a role (a valid ``TaskActorForm``: the actor among those of the task's operation
    the user may read), checked against both within the transaction: the task's page and the API link through here."""
    return save_within_scope(user, form.instance, save=form.save)


def task_actor_unlink(*, user, link: TaskActor) -> None:
    """Remove an actor's link to a task, if the user may change it (the task and the actor both)."""
    if not TaskActor.objects.restrict(user, Action.CHANGE).filter(pk=link.pk).exists():
        raise OutOfScope(_("You cannot change the actors of this task."))
    link.delete()
