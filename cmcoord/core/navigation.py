"""The operation's navigation, from a registry: each app names its sections; the core draws them in a few groups.

An app registers its sections in its ``AppConfig.ready`` (``navigation.register(Section(...))``), as it registers
panels; no template lists them. A section is shown to who may perform its ``action`` on the operation (asked
through :func:`cmcoord.core.access.can`, which needs no query for an operation). The groups are few enough to fit
a 1366 px screen without scrolling; on a phone, the main menu lists every section.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .access import Action, can


class Group(Enum):
    """The operation's groups of sections, in the order they are shown."""

    DASHBOARD = _("Dashboard")
    TASKS = _("Tasks")
    ACTORS = _("Actors")
    FIELD = _("Field")
    PLANNING = _("Planning")
    OPERATION = _("Operation")


@dataclass(frozen=True)
class Section:
    """One page of an operation in its navigation.

    ``url_name`` is reversed with the operation's code. The section is current on its own page and on every page
    below its address (a record's detail below its list), unless ``exact``; ``also`` names other pages (URL names)
    where it is current. ``shown`` adds a condition to ``action`` (e.g. "not already offered the other way").
    """

    group: Group
    label: str
    url_name: str
    order: int = 100
    action: Action = Action.VIEW
    exact: bool = False
    also: tuple[str, ...] = ()
    shown: Callable | None = field(default=None, compare=False)


_SECTIONS: list[Section] = []


def register(*sections: Section) -> None:
    for section in sections:
        if section not in _SECTIONS:
            _SECTIONS.append(section)


def unregister(section: Section) -> None:
    _SECTIONS.remove(section)


@dataclass
class Entry:
    label: str
    url: str
    current: bool


@dataclass
class GroupEntry:
    label: str
    entries: list[Entry]

    @property
    def url(self) -> str:
        return self.entries[0].url

    @property
    def current(self) -> bool:
        return any(entry.current for entry in self.entries)


def sections_for(request, operation) -> list[GroupEntry]:
    """The groups and sections ``request.user`` may open in ``operation``, each marked current or not."""
    user = request.user
    path = request.path
    view_name = getattr(getattr(request, "resolver_match", None), "view_name", "")
    groups: dict[Group, list[Entry]] = {group: [] for group in Group}
    for section in sorted(_SECTIONS, key=lambda s: s.order):
        if not can(user, section.action, operation):
            continue
        if section.shown is not None and not section.shown(user, operation):
            continue
        url = reverse(section.url_name, kwargs={"code": operation.code})
        current = path == url if section.exact else path.startswith(url)
        groups[section.group].append(Entry(section.label, url, current or view_name in section.also))
    found = [GroupEntry(group.value, entries) for group, entries in groups.items() if entries]
    # The longest match wins where two sections nest (the dashboard's address is above every other).
    current = [entry for group in found for entry in group.entries if entry.current]
    if len(current) > 1:
        keep = max(current, key=lambda entry: len(entry.url))
        for entry in current:
            entry.current = entry is keep
    return found
