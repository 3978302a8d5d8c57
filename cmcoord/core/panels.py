"""Extension points: an app adds a section to another app's page by registering a panel, not by being imported.

A page owns a :class:`Slot`; an app registers builders for it in its ``panels.py`` (imported by its
``AppConfig.ready``). A builder takes the request and the page's subject and returns a :class:`Panel` or
None; it must read through ``restrict(request.user, …)`` like every other view. Slots for many subjects at
once (the home page's operation cards) take the list of subjects and return ``{subject pk: Panel}``, so a
builder answers for all of them in one query.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum


class Slot(StrEnum):
    HOME_OPERATION = "home-operation"  # a line on each operation card of the home page (many subjects)
    OPERATION_OVERVIEW = "operation-overview"  # a section of an operation's About page (settings, members)
    OPERATION_DASHBOARD = "operation-dashboard"  # a section of an operation's dashboard, its landing page
    TASK_DETAIL = "task-detail"  # a section of a task's page
    ACTOR_DETAIL = "actor-detail"  # a section of an actor's page
    HQ_DASHBOARD = "hq-dashboard"  # a section of the cross-country dashboard (subject: the filters' scope)
    RECORD_DETAIL = "record-detail"  # a section of a record kit's record page, beside it (subject: the record)
    RECORD_LIST = "record-list"  # under a record kit's list (subject: (record type's model, operation))
    MY_TASKS = "my-tasks"  # a section of the user's worklist, My tasks (subject: the operations the user reads)


@dataclass
class Panel:
    """A section of a page: a template rendered with ``context`` (as ``panel``) beside the page's own context."""

    template_name: str
    context: dict = field(default_factory=dict)
    # The standings whose page leads with this panel (the HCT's dashboard opens on what the HCT decides on).
    leads_for: frozenset = frozenset()
    lead_order: int = 0  # among the leading panels
    last: bool = False  # after the other panels, for the other standings

    def rank(self, standing) -> tuple[int, int]:
        """Where the panel goes for a reader of ``standing`` (sort stably: equal ranks keep their order)."""
        if standing in self.leads_for:
            return (0, self.lead_order)
        return (2, 0) if self.last else (1, 0)


_BUILDERS: dict[Slot, list[Callable]] = {slot: [] for slot in Slot}


def register(slot: Slot) -> Callable[[Callable], Callable]:
    """Decorator: add a panel builder to ``slot`` (panels appear in order of registration)."""

    def decorator(builder: Callable) -> Callable:
        if builder not in _BUILDERS[slot]:
            _BUILDERS[slot].append(builder)
        return builder

    return decorator


def unregister(slot: Slot, builder: Callable) -> None:
    _BUILDERS[slot].remove(builder)


def builders(slot: Slot) -> list[Callable]:
    """The builders registered for ``slot``, in order (the benchmark times each alone)."""
    return list(_BUILDERS[slot])


def panels(slot: Slot, request, subject) -> list[Panel]:
    """The panels of ``slot`` for one subject, in order of registration."""
    return [panel for build in _BUILDERS[slot] if (panel := build(request, subject)) is not None]


def panels_for_each(slot: Slot, request, subjects) -> dict[int, list[Panel]]:
    """The panels of a many-subject slot, per subject's primary key (each builder called once)."""
    found: dict[int, list[Panel]] = {subject.pk: [] for subject in subjects}
    for build in _BUILDERS[slot]:
        for pk, panel in (build(request, subjects) or {}).items():
            if panel is not None and pk in found:
                found[pk].append(panel)
    return found
