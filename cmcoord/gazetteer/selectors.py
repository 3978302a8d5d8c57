"""Reads of the gazetteer, each one query whatever the number of units or records."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from cmcoord.core.access import Action

from .models import AdminUnit


def country_units(user, country) -> list[AdminUnit]:
    """The current units of ``country`` (both levels, each admin 2 with its parent), by level and name."""
    return list(
        AdminUnit.objects.restrict(user, Action.VIEW)
        .filter(country=country, is_active=True)
        .select_related("parent")
        .order_by("level", "name", "pcode")
    )


@dataclass(frozen=True)
class Place:
    """A P-code as a page shows it: "Ouaka (CF71)", or the bare code where the gazetteer does not know it."""

    pcode: str
    name: str = ""

    def __str__(self):
        return f"{self.name} ({self.pcode})" if self.name else self.pcode


def places_by_pcode(user, codes: Iterable[str]) -> dict[str, Place]:
    """The named place of each P-code in ``codes`` the gazetteer knows (also units no longer current)."""
    codes = sorted(set(codes))
    if not codes:
        return {}
    rows = AdminUnit.objects.restrict(user, Action.VIEW).filter(pcode__in=codes).values_list("pcode", "name")
    return {pcode: Place(pcode, name) for pcode, name in rows}


def attach_places(user, records: Iterable, codes_of: Callable, attribute: str = "places") -> list:
    """Set ``attribute`` on each record to the :class:`Place` list of its codes (``codes_of(record)``), with one
    query for all of them: e.g. ``attach_places(user, actors, lambda actor: actor.area_list, "area_places")``."""
    records = list(records)
    known = places_by_pcode(user, (code for record in records for code in codes_of(record)))
    for record in records:
        setattr(record, attribute, [known.get(code) or Place(code) for code in codes_of(record)])
    return records
