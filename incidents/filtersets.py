"""The one FilterSet of access incidents: it serves the operation's list, the export and the API alike (the
operation, text and place filters come from :class:`cmcoord.records.filters.RecordFilterSet`)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from actors.models import Actor
from cmcoord.records.filters import RecordFilterSet, location_filter

from .choices import AccessCategory, IncidentSource
from .models import AccessIncident

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class IncidentFilterSet(RecordFilterSet):
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
    location = location_filter()

    search_fields = ("title", "description")
    operation_choices = ("actor",)

    class Meta:
        model = AccessIncident
        fields = []
