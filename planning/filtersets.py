"""One FilterSet per record type: each serves the operation's list page and the API alike.

On a page the FilterSet is given the page's ``operation`` and drops the ``operation`` filter; in the API it
filters across the user's operations by ISO alpha-3 code.
"""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from cmcoord.core.choices import Sensitivity
from cmcoord.core.filters import ScopedFilterSet
from cmcoord.core.validators import validate_operation_code

from .choices import Decision, DocumentKind, DocumentStatus, Justification
from .models import MCDARequest, PlanningDocument

DATE = forms.DateInput(attrs={"type": "date"})


class OperationFilterSet(ScopedFilterSet):
    operation = django_filters.CharFilter(
        label=_("Operation (ISO alpha-3)"), method="filter_operation", validators=[validate_operation_code]
    )
    sensitivity = django_filters.ChoiceFilter(label=_("Sensitivity"), choices=Sensitivity.choices, empty_label=_("Any"))

    def __init__(self, *args, operation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.operation = operation
        if operation is not None:
            del self.filters["operation"]  # the page's operation is fixed by its URL

    def filter_operation(self, queryset, name, value):
        code = value.strip().upper()
        alpha2 = countries.alpha2(code) if code.isascii() and code.isalpha() else ""
        return queryset.filter(operation__country=alpha2 or "--")


class PlanningDocumentFilterSet(OperationFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    kind = django_filters.MultipleChoiceFilter(
        label=_("Kind"), choices=DocumentKind.choices, widget=forms.CheckboxSelectMultiple
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=DocumentStatus.choices, widget=forms.CheckboxSelectMultiple
    )
    review_due_before = django_filters.DateFilter(
        label=_("Review due until"), field_name="review_due", lookup_expr="lte", widget=DATE
    )
    review_due_after = django_filters.DateFilter(
        label=_("Review due from"), field_name="review_due", lookup_expr="gte", widget=DATE
    )

    class Meta:
        model = PlanningDocument
        fields = []

    def filter_text(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(title__icontains=value) | Q(notes__icontains=value)) if value else queryset


class MCDARequestFilterSet(OperationFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    decision = django_filters.MultipleChoiceFilter(
        label=_("Decision"), choices=Decision.choices, widget=forms.CheckboxSelectMultiple
    )
    justification = django_filters.ChoiceFilter(
        label=_("Justification"), choices=Justification.choices, method="filter_justification", empty_label=_("Any")
    )
    requested_after = django_filters.DateFilter(
        label=_("Requested from"), field_name="requested_on", lookup_expr="gte", widget=DATE
    )
    requested_before = django_filters.DateFilter(
        label=_("Requested until"), field_name="requested_on", lookup_expr="lte", widget=DATE
    )
    decided_after = django_filters.DateFilter(
        label=_("Decided from"), field_name="decided_on", lookup_expr="gte", widget=DATE
    )
    decided_before = django_filters.DateFilter(
        label=_("Decided until"), field_name="decided_on", lookup_expr="lte", widget=DATE
    )

    class Meta:
        model = MCDARequest
        fields = []

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(requested__icontains=value) | Q(asset__icontains=value) | Q(purpose__icontains=value))

    def filter_justification(self, queryset, name, value):
        return queryset.filter(**{value: True}) if value in Justification.values else queryset
