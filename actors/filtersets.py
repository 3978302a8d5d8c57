"""The one FilterSet of actors: it serves the actor list, the stakeholder map and the network alike.

It filters querysets annotated with the latest visible assessment (``selectors.actors_with_current_picture``).
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from cmcoord.core.filters import ScopedFilterSet
from cmcoord.core.search import folded_contains

from .choices import ActorCategory, ActorType, Stance


class ActorFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Name, acronym or alias"), method="filter_text")
    category = django_filters.ChoiceFilter(choices=ActorCategory.choices, label=_("Category"), empty_label=_("All"))
    actor_type = django_filters.ChoiceFilter(choices=ActorType.choices, label=_("Type"), empty_label=_("All"))
    stance = django_filters.ChoiceFilter(
        choices=Stance.choices, label=_("Current stance"), field_name="current_stance", empty_label=_("Any")
    )
    influence = django_filters.ChoiceFilter(
        choices=[(n, f"≥ {n}") for n in range(1, 6)], label=_("Influence at least"), method="filter_influence",
        empty_label=_("Any"),
    )  # fmt: skip
    party_to_conflict = django_filters.BooleanFilter(
        label=_("Party to the conflict"),
        widget=forms.Select(choices=[("", _("Any")), ("true", _("Yes")), ("false", _("No"))]),
    )
    area = django_filters.CharFilter(label=_("Area (P-code)"), method="filter_area")

    def filter_text(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(folded_contains(("name", "acronym", "aliases"), value))

    def filter_influence(self, queryset, name, value):
        return queryset.filter(current_influence__gte=int(value))

    def filter_area(self, queryset, name, value):
        return queryset.filter(areas__icontains=value.strip().upper())
