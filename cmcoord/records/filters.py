"""The FilterSet base of a record type: what every record list, export and API route filters the same way.

- ``operation``: an ISO alpha-3 code, in the API (across the reader's operations); the pages' operation is fixed by
  their URL, so there the filter is taken away and ``operation_choices`` (model choice filters to narrow to the
  operation, e.g. ``("actor",)``) are narrowed to it.
- ``q``: text search over ``search_fields``, whatever the accents and case (:mod:`cmcoord.core.search`).
- ``location``: for a record with a place, a name or the start of a P-code of its admin 1 or admin 2.
"""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from cmcoord.core.filters import ScopedFilterSet
from cmcoord.core.search import folded_contains
from cmcoord.core.validators import validate_operation_code

PLACE_NAMES = ("admin1_name", "admin2_name")
PLACE_CODES = ("admin1_pcode", "admin2_pcode")


def operation_country(code: str) -> str:
    """The ISO alpha-2 country of an alpha-3 ``code``, or a value no operation has."""
    code = code.strip().upper()
    alpha2 = countries.alpha2(code) if code.isascii() and code.isalpha() else ""
    return alpha2 or "--"


class RecordFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    operation = django_filters.CharFilter(
        label=_("Operation (ISO alpha-3)"), method="filter_operation", validators=[validate_operation_code]
    )

    search_fields: tuple[str, ...] = ()
    operation_choices: tuple[str, ...] = ()

    def __init__(self, *args, operation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.operation = operation
        if operation is not None:
            del self.filters["operation"]  # the page's operation is fixed by its URL
            for name in self.operation_choices:
                self.filters[name].queryset = self.filters[name].queryset.filter(operation=operation)

    def filter_text(self, queryset, name, value):
        if not self.search_fields or not value.strip():
            return queryset
        return queryset.filter(folded_contains(self.search_fields, value))

    def filter_operation(self, queryset, name, value):
        return queryset.filter(operation__country=operation_country(value))

    def filter_location(self, queryset, name, value):
        value = value.strip()
        condition = folded_contains(PLACE_NAMES, value)
        for field in PLACE_CODES:
            condition |= Q(**{f"{field}__istartswith": value})
        return queryset.filter(condition)


def location_filter():
    """The ``location`` filter of a record with a place (:meth:`RecordFilterSet.filter_location`)."""
    return django_filters.CharFilter(label=_("Location or P-code"), method="filter_location")
