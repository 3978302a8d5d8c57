"""The one FilterSet of training events: it serves the operation's list, the export and the API alike.

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

from .choices import TrainingTopic
from .models import Training

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class TrainingFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    operation = django_filters.CharFilter(
        label=_("Operation (ISO alpha-3)"), method="filter_operation", validators=[validate_operation_code]
    )
    topic = django_filters.ChoiceFilter(
        label=_("Topic"), choices=TrainingTopic.choices, method="filter_topic", empty_label=_("Any")
    )
    audience = django_filters.ModelChoiceFilter(
        label=_("Audience actor"), queryset=Actor.objects.all(), empty_label=_("Any")
    )
    started_after = django_filters.DateFilter(
        label=_("From"), field_name="start_date", lookup_expr="gte", widget=DATE_INPUT
    )
    started_before = django_filters.DateFilter(
        label=_("Until"), field_name="start_date", lookup_expr="lte", widget=DATE_INPUT
    )
    location = django_filters.CharFilter(label=_("Location or P-code"), method="filter_location")

    class Meta:
        model = Training
        fields = []

    def __init__(self, *args, operation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.operation = operation
        if operation is not None:
            del self.filters["operation"]  # the page's operation is fixed by its URL
            self.filters["audience"].queryset = self.filters["audience"].queryset.filter(operation=operation)

    def filter_text(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(title__icontains=value) | Q(partners__icontains=value) | Q(notes__icontains=value))

    def filter_topic(self, queryset, name, value):
        # Topics are a JSON list of codes; a code in quotes matches that element only, on PostgreSQL and SQLite alike.
        return queryset.filter(topics__icontains=f'"{value}"')

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
