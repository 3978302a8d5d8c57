"""Filters of the task lists (django-filter); the same FilterSet will serve the API."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import TaskPriority, TaskStatus
from .forms import grouped_activity_choices, operation_members
from .models import Activity, ProtectionPriority, TaskArea
from .selectors import activities_for_operation

SORTS = {
    "due": ("due_date", "pk"),
    "-due": ("-due_date", "-pk"),
    "priority": ("priority", "pk"),
    "-priority": ("-priority", "pk"),
    "status": ("status", "pk"),
    "-status": ("-status", "pk"),
    "title": ("title", "pk"),
    "-title": ("-title", "pk"),
    "reference": ("reference",),
    "-reference": ("-reference",),
    "owner": ("owner__first_name", "owner__last_name", "pk"),
    "-owner": ("-owner__first_name", "-owner__last_name", "-pk"),
    "updated": ("updated_at", "pk"),
    "-updated": ("-updated_at", "-pk"),
}
DEFAULT_SORT = ("-overdue", "due_date", "pk")


class TaskFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    area = django_filters.ModelChoiceFilter(
        label=_("Area"), field_name="activity__area", queryset=TaskArea.objects.all(), empty_label=_("All areas")
    )
    activity = django_filters.ModelChoiceFilter(label=_("Activity"), queryset=Activity.objects.none())
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=TaskStatus.choices, widget=forms.CheckboxSelectMultiple
    )
    owner = django_filters.ModelChoiceFilter(label=_("Owner"), queryset=None, empty_label=_("Anyone"))
    priority = django_filters.ChoiceFilter(label=_("Priority"), choices=TaskPriority.choices, empty_label=_("Any"))
    due_after = django_filters.DateFilter(
        label=_("Due from"), field_name="due_date", lookup_expr="gte", widget=forms.DateInput(attrs={"type": "date"})
    )
    due_before = django_filters.DateFilter(
        label=_("Due until"), field_name="due_date", lookup_expr="lte", widget=forms.DateInput(attrs={"type": "date"})
    )
    overdue = django_filters.BooleanFilter(label=_("Overdue only"), method="filter_overdue", widget=forms.CheckboxInput)
    protection_priority = django_filters.ModelChoiceFilter(
        label=_("Protection priority"), field_name="protection_priorities", queryset=ProtectionPriority.objects.none()
    )
    location = django_filters.CharFilter(label=_("Location or P-code"), method="filter_location")
    sort = django_filters.CharFilter(method="filter_sort", widget=forms.HiddenInput)

    def __init__(self, *args, operation, **kwargs):
        self.operation = operation
        super().__init__(*args, **kwargs)
        self.activities = list(activities_for_operation(operation))
        self.filters["activity"].queryset = Activity.objects.filter(pk__in=[a.pk for a in self.activities])
        self.filters["owner"].queryset = operation_members(operation)
        self.filters["protection_priority"].queryset = ProtectionPriority.objects.filter(operation=operation)

    @property
    def form(self):
        form = super().form
        form.fields["activity"].widget.choices = grouped_activity_choices(self.activities)
        form.fields["owner"].label_from_instance = lambda user: user.get_full_name() or user.get_username()
        return form

    def filter_text(self, queryset, name, value):
        words = value.split()
        for word in words[:8]:
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(description__icontains=word)
                | Q(reference__icontains=word)
                | Q(outcome__icontains=word)
            )
        return queryset

    def filter_location(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(admin1_name__icontains=value)
            | Q(admin2_name__icontains=value)
            | Q(admin1_pcode__istartswith=value)
            | Q(admin2_pcode__istartswith=value)
        )

    def filter_overdue(self, queryset, name, value):
        # The list's queryset already carries the ``overdue`` annotation (selectors.tasks_for_list).
        return queryset.filter(overdue=True) if value else queryset

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORTS.get(value, DEFAULT_SORT))
