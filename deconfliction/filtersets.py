"""The one FilterSet of notifications: it serves the operation's notification list and the API alike.

On an operation's page it is given that ``operation`` (the party choices are then its actors); in the API it
filters across the user's operations. Every model choice passes through ``restrict`` (``ScopedFilterSet``).
"""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from actors.models import Actor
from cmcoord.core.filters import ScopedFilterSet
from cmcoord.core.validators import validate_operation_code
from cmcoord.operations.models import CountryOperation

from .choices import NotificationKind, NotificationStatus
from .models import Notification
from .selectors import overdue_condition, response_hours_for

DATE = forms.DateInput(attrs={"type": "date"})


class NotificationFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Reference, site or organisation"), method="filter_text")
    operation = django_filters.CharFilter(
        label=_("Operation (ISO alpha-3)"), method="filter_operation", validators=[validate_operation_code]
    )
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

    class Meta:
        model = Notification
        fields = []

    def __init__(self, *args, operation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.operation = operation
        if operation is not None:
            del self.filters["operation"]  # the page's operation is fixed by its URL
            self.filters["party"].queryset = self.filters["party"].queryset.filter(operation=operation)

    def filter_text(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(reference__icontains=value) | Q(title__icontains=value) | Q(notifying_organisation__icontains=value)
        )

    def filter_operation(self, queryset, name, value):
        from django_countries import countries

        code = value.strip().upper()
        alpha2 = countries.alpha2(code) if code.isascii() and code.isalpha() else ""
        return queryset.filter(operation__country=alpha2 or "--")

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        operations = [self.operation] if self.operation is not None else CountryOperation.objects.visible_to(self.user)
        return queryset.filter(overdue_condition(response_hours_for(operations)))
