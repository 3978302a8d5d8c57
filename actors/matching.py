"""Actors named in a spreadsheet's cell, matched as the import of other records needs (the actors met at an
engagement, an incident's actor responsible, a training's audience): by name, acronym or alias, among the operation's
actors the user may read, through the access policy. An actor the user may not read is never matched, and the
message does not say whether one exists."""

from __future__ import annotations

from django.utils.translation import gettext as _

from cmcoord.core.access import Action
from cmcoord.imports.parsing import header_key
from cmcoord.records.imports import split_names

from .models import Actor


class ActorNames:
    """The operation's actors ``user`` may read, by name, acronym and alias, as compared (accents and case aside)."""

    def __init__(self, user, operation):
        self.by_key: dict[str, set[int]] = {}
        for actor in (
            Actor.objects.restrict(user, Action.VIEW)
            .filter(operation=operation)
            .only("pk", "name", "acronym", "aliases")
        ):
            for name in (actor.name, actor.acronym, *actor.alias_list):
                key = header_key(name)
                if key:
                    self.by_key.setdefault(key, set()).add(actor.pk)

    def find(self, name: str) -> tuple[int | None, str]:
        """The actor ``name`` names, or None and why not."""
        found = self.by_key.get(header_key(name), set())
        if len(found) == 1:
            return next(iter(found)), ""
        if found:
            return None, _("Several actors are called “%(name)s”: write the actor's full name.") % {"name": name}
        return None, _("No actor called “%(name)s” that you may read in this operation.") % {"name": name}


def match_actors(context: dict, text: str, problems: dict, field: str) -> list[int]:
    """The actors a cell names (several separated by semicolons or line breaks), by primary key; a name not found
    is a problem of the form's ``field``. The operation's names are read once per import (in ``context``)."""
    names = context.get("actor_names")
    if names is None:
        names = context["actor_names"] = ActorNames(context["user"], context["operation"])
    found = []
    for name in split_names(text):
        pk, problem = names.find(name)
        if pk is None:
            problems.setdefault(field, []).append(problem)
        elif pk not in found:
            found.append(pk)
    return found
