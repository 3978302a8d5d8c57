"""Digest sections: an extension point, like page panels. Apps above this one register theirs.

An app adds a section in its own ``digests.py``, imported by its ``AppConfig.ready``::

    from digests.sections import DigestScope, register

    @register("task-areas", title=_("Task areas"), template="protection_tasks/digest/areas", order=10)
    def task_areas(scope: DigestScope) -> dict | None:
        rows = Task.objects.restrict(scope.access, Action.COUNT).filter(operation=scope.operation) ...
        return {"areas": [...]}

A builder receives a :class:`DigestScope` (the operation, the audience's access profile, the period) and returns
plain data (JSON: strings, numbers, lists, dicts; dates as ISO strings) or None to leave the section out. It
reads only through ``restrict(scope.access, Action.DIGEST)`` for what it names and ``Action.COUNT`` for what it
counts (:meth:`DigestScope.tally` splits such a count into what the audience may read and what is restricted).
It runs a fixed number of queries, whatever the operation's size. The data is stored with the digest and
rendered by ``<template>.html`` (the mail and the archive page, with the styles in ``s``: inline styles in the
mail, classes on the page) and ``<template>.txt`` (the plain-text part), each given ``data``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Q

from cmcoord.core.access import AccessProfile, Action, scope_q, sensitivity_fields
from cmcoord.core.choices import Sensitivity

# The levels a mail never carries (it is Unclassified): counted per level for an audience that may open them.
LINKED_LEVELS = (Sensitivity.CONFIDENTIAL, Sensitivity.STRICTLY_CONFIDENTIAL)


@dataclass(frozen=True)
class DigestScope:
    """What a section is built for: one operation, one audience's access, one period.

    ``start``/``end`` are the period's UTC instants (end exclusive); ``next_end`` ends the following period
    ("due next period"). The ``*_date`` properties are the same bounds as local dates of the operation, for
    date fields (a due date, a completion date): a record dated on ``start_date`` is in the period, one dated on
    ``end_date`` belongs to the next.
    """

    operation: object
    access: AccessProfile
    start: datetime
    end: datetime
    next_end: datetime

    def _local(self, moment: datetime) -> date:
        return moment.astimezone(self.operation.time_zone).date()

    @property
    def start_date(self) -> date:
        return self._local(self.start)

    @property
    def end_date(self) -> date:
        return self._local(self.end)

    @property
    def next_end_date(self) -> date:
        return self._local(self.next_end)

    def visible(self, model, *, through: str = "") -> Q:
        """The filter for rows of ``model`` the audience may read in a digest (``Action.DIGEST``)."""
        return scope_q(model, self.access, Action.DIGEST, through=through)

    def countable(self, queryset):
        """``queryset`` narrowed to the rows the audience may count (``Action.COUNT``)."""
        return queryset.restrict(self.access, Action.COUNT)

    def countable_q(self, model, *, through: str = "") -> Q:
        """The filter for rows of ``model`` the audience may count (``Action.COUNT``), e.g. through a relation."""
        return scope_q(model, self.access, Action.COUNT, through=through)

    def tally(self, name: str, condition: Q, model, *, through: str = "") -> dict:
        """Two aggregates for ``annotate``/``aggregate`` over a countable queryset: ``name`` (all rows matching
        ``condition``) and ``name_visible`` (those the audience may read). Read back with :func:`counted`."""
        prefix = f"{through}__" if through else ""
        visible = self.visible(model, through=through)
        aggregates = {
            name: Count(f"{prefix}pk", filter=condition, distinct=bool(through)),
            f"{name}_visible": Count(f"{prefix}pk", filter=condition & visible, distinct=bool(through)),
        }
        # What the mail may not carry but the audience may open in the product, per level: a signed-in link.
        openable = scope_q(model, self.access, Action.VIEW, through=through) & ~visible
        level_field = f"{prefix}{sensitivity_fields(model)[0]}"
        for level in LINKED_LEVELS:
            aggregates[f"{name}_open{level.value}"] = Count(
                f"{prefix}pk", filter=condition & openable & Q(**{level_field: level}), distinct=bool(through)
            )
        return aggregates


def counted(row: dict | None, name: str) -> dict:
    """A number and how many of it are restricted, from the two aggregates :meth:`DigestScope.tally` made."""
    row = row or {}
    total, visible = row.get(name) or 0, row.get(f"{name}_visible") or 0
    levels = [
        {"level": str(level.label), "count": row[key]}
        for level in LINKED_LEVELS
        if (key := f"{name}_open{level.value}") in row and row[key]
    ]
    opened = sum(entry["count"] for entry in levels)
    # ``restricted``: kept out of the mail; of it, ``openable`` (by level) the audience opens in the product and
    # ``closed`` it may only count.
    return {
        "total": total,
        "visible": visible,
        "restricted": total - visible,
        "openable": levels,
        "closed": total - visible - opened,
    }


def summed(counts) -> dict:
    """Several :func:`counted` numbers added up (a total over categories)."""
    counts = list(counts)
    levels: dict[str, int] = {}
    for count in counts:
        for entry in count.get("openable", []):
            levels[entry["level"]] = levels.get(entry["level"], 0) + entry["count"]
    total = {key: sum(count.get(key, 0) for count in counts) for key in ("total", "visible", "restricted", "closed")}
    return {**total, "openable": [{"level": level, "count": n} for level, n in levels.items()]}


@dataclass(frozen=True)
class SectionType:
    key: str
    title: object  # a lazy translation
    template: str  # without extension: ``.html`` and ``.txt`` are rendered
    build: Callable[[DigestScope], dict | None]
    order: int = 100


_SECTIONS: dict[str, SectionType] = {}


def register(key: str, *, title, template: str, order: int = 100) -> Callable:
    """Decorator: add a section builder under ``key`` (the value schedules store; keep it stable)."""

    def decorator(build: Callable[[DigestScope], dict | None]) -> Callable:
        _SECTIONS[key] = SectionType(key=key, title=title, template=template, build=build, order=order)
        return build

    return decorator


def unregister(key: str) -> None:
    _SECTIONS.pop(key, None)


def available() -> list[SectionType]:
    """Every registered section, in order."""
    return sorted(_SECTIONS.values(), key=lambda section: (section.order, section.key))


def get(key: str) -> SectionType | None:
    return _SECTIONS.get(key)


def build(scope: DigestScope, keys: list[str]) -> list[dict]:
    """The data of the chosen sections, in the registry's order; unknown keys and empty sections left out."""
    chosen = set(keys)
    built = []
    for section in available():
        if section.key in chosen and (data := section.build(scope)) is not None:
            built.append({"key": section.key, "data": data})
    return built
