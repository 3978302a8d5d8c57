"""The one FilterSet of access incidents: it serves the operation's list, the export and the API alike.

Given the page's ``operation`` it narrows its choices to it; in the API it filters across the user's operations.
"""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from actors.models import Actor
from cmcoord.core.filters import ScopedFilterSet
from cmcoord.core.validators import validate_operation_code

from .choices import AccessCategory, IncidentSource
from .models import AccessIncident

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class IncidentFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    operation = django_filters.CharFilter(
        label=_("Operation (ISO alpha-3)"), method="filter_operation", validators=[validate_operation_code]
    )
    category = django_filters.ChoiceFilter(label=_("Category"), choices=AccessCategory.choices, empty_label=_("All"))
    source = django_filters.ChoiceFilter(label=_("Source"), choices=IncidentSource.choices, empty_label=_("Any"))
    verified = django_filters.BooleanFilter(
        label=_("Verified"), widget=forms.Select(choices=[("", _("Any")), ("true", _("Yes")), ("false", _("No"))])
    )
    actor = django_filters.ModelChoiceFilter(
        label=_("Actor responsible"), queryset=Actor.objects.all(), empty_label=_("Any")
    )
    occurred_after = django_filters.DateFilter(
        label=_("From"), field_name="occurred_on", lookup_expr="gte", widget=DATE_INPUT
    )
    occurred_before = django_filters.DateFilter(
        label=_("Until"), field_name="occurred_on", lookup_expr="lte", widget=DATE_INPUT
    )
    location = django_filters.CharFilter(label=_("Location or P-code"), method="filter_location")

    class Meta:
        model = AccessIncident
        fields = []

    def __init__(self, *args, operation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.operation = operation
        if operation is not None:
            del self.filters["operation"]  # the page's operation is fixed by its URL
            self.filters["actor"].queryset = self.filters["actor"].queryset.filter(operation=operation)

    def filter_text(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value))

    def filter_operation(self, queryset, name, value):
        code = value.strip().upper()
        alpha2 = countries.alpha2(code) if code.isascii() and code.isalpha() else ""
        return queryset.filter(operation__country=alpha2 or "--")

    def filter_location(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(admin1_name__icontains=value)
            | Q(admin2_name__icontains=value)
            | Q(admin1_pcode__istartswith=value)
            | Q(admin2_pcode__istartswith=value)
        )
