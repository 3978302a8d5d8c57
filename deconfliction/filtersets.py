"""The one FilterSet of notifications: it serves the operation's notification list and the API alike.

On an operation's page it is given that ``operation`` (the party choices are then its actors); in the API it
filters across the user's operations. Every model choice passes through ``restrict`` (``ScopedFilterSet``).
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from actors.models import Actor
from cmcoord.operations.models import CountryOperation
from cmcoord.records.filters import RecordFilterSet

from .choices import NotificationKind, NotificationStatus
from .models import Notification
from .selectors import overdue_condition, response_hours_for

DATE = forms.DateInput(attrs={"type": "date"})


class NotificationFilterSet(RecordFilterSet):
    q = django_filters.CharFilter(label=_("Reference, site or organisation"), method="filter_text")
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=NotificationStatus.choices, widget=forms.CheckboxSelectMultiple, distinct=False
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=NotificationKind.choices, empty_label=_("Any"))
    party = django_filters.ModelChoiceFilter(
        label=_("Party notified"), field_name="parties", queryset=Actor.objects.all(), empty_label=_("Any")
    )
    valid_after = django_filters.DateFilter(
        label=_("Valid on or after"), field_name="valid_to", lookup_expr="gte", widget=DATE,
        help_text=_("Notifications still valid on this date or later."),
    )  # fmt: skip
    valid_before = django_filters.DateFilter(
        label=_("Valid on or before"), field_name="valid_from", lookup_expr="lte", widget=DATE,
        help_text=_("Notifications already valid on this date or earlier."),
    )  # fmt: skip
    overdue = django_filters.BooleanFilter(
        label=_("Overdue answers only"), method="filter_overdue", widget=forms.CheckboxInput
    )

    search_fields = ("reference", "title", "notifying_organisation")
    operation_choices = ("party",)

    class Meta:
        model = Notification
        fields = []

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        operations = [self.operation] if self.operation is not None else CountryOperation.objects.visible_to(self.user)
        return queryset.filter(overdue_condition(response_hours_for(operations)))
