"""The one FilterSet of training events: it serves the operation's list, the export and the API alike."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from actors.models import Actor
from cmcoord.records.filters import RecordFilterSet, location_filter

from .choices import TrainingTopic
from .models import Training

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class TrainingFilterSet(RecordFilterSet):
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
    location = location_filter()

    search_fields = ("title", "partners", "notes")
    operation_choices = ("audience",)

    class Meta:
        model = Training
        fields = []

    def filter_topic(self, queryset, name, value):
        # Topics are a JSON list of codes; a code in quotes matches that element only, on PostgreSQL and SQLite alike.
        return queryset.filter(topics__icontains=f'"{value}"')
