"""One FilterSet per record type: each serves the operation's list page and the API alike.

On a page the FilterSet is given the page's ``operation`` and drops the ``operation`` filter; in the API it
filters across the user's operations by ISO alpha-3 code (``RecordFilterSet``, with the text search).
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from cmcoord.core.choices import Sensitivity
from cmcoord.records.filters import RecordFilterSet

from .choices import Decision, DocumentKind, DocumentStatus, Justification
from .models import MCDARequest, PlanningDocument

DATE = forms.DateInput(attrs={"type": "date"})


class PlanningFilterSet(RecordFilterSet):
    sensitivity = django_filters.ChoiceFilter(label=_("Sensitivity"), choices=Sensitivity.choices, empty_label=_("Any"))


class PlanningDocumentFilterSet(PlanningFilterSet):
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

    search_fields = ("title", "notes")

    class Meta:
        model = PlanningDocument
        fields = []


class MCDARequestFilterSet(PlanningFilterSet):
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

    search_fields = ("requested", "asset", "purpose")

    class Meta:
        model = MCDARequest
        fields = []

    def filter_justification(self, queryset, name, value):
        return queryset.filter(**{value: True}) if value in Justification.values else queryset
