"""The one FilterSet of tasks: it serves the operation's task list, my tasks and the API alike.

Every model choice passes through ``restrict`` (``ScopedFilterSet``). On an operation's page the FilterSet is
given that ``operation`` and narrows its choices to it; in the API it filters across the user's operations.
"""

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from cmcoord.core.filters import ScopedFilterSet
from cmcoord.core.people import person_name
from cmcoord.core.validators import validate_operation_code
from cmcoord.operations.models import CountryOperation
from cmcoord.operations.selectors import operation_members

from .choices import TaskStatus, Urgency
from .models import Activity, ProtectionPriority, Task, TaskArea
from .search import search_tasks
from .selectors import activities_for_operation, grouped_activity_choices, overdue_condition


class TaskOrdering(django_filters.OrderingFilter):
    """Sortable columns; empty values (an undated task) last in either direction, as on every database, and the
    primary key breaks ties so that pages never overlap."""

    def filter(self, qs, value):
        if not value:
            return qs
        ordering = [self.get_ordering_value(param) for param in value]
        descending = ordering[-1].startswith("-")
        return qs.order_by(*(self._column(qs.model, name) for name in ordering), "-pk" if descending else "pk")

    @staticmethod
    def _column(model, name: str):
        """A nullable column sorts its empty values last; others sort plainly, as the indexes of the sorts are."""
        field_name = name.lstrip("-")
        if "__" in field_name or not model._meta.get_field(field_name).null:
            return name
        return F(field_name).desc(nulls_last=True) if name.startswith("-") else F(field_name).asc(nulls_last=True)


class TaskFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    operation = django_filters.CharFilter(
        label=_("Operation (ISO alpha-3)"), method="filter_operation", validators=[validate_operation_code]
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Area"), field_name="activity__area", to_field_name="code", queryset=TaskArea.objects.all(),
        empty_label=_("All areas"),
    )  # fmt: skip
    activity = django_filters.ModelChoiceFilter(label=_("Activity"), queryset=Activity.objects.all())
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=TaskStatus.choices, widget=forms.CheckboxSelectMultiple, distinct=False
    )  # a column of the task itself: no join, so no DISTINCT over every row
    owner = django_filters.ModelChoiceFilter(label=_("Owner"), queryset=None, empty_label=_("Anyone"))
    urgency = django_filters.ChoiceFilter(label=_("Urgency"), choices=Urgency.choices, empty_label=_("Any"))
    due_after = django_filters.DateFilter(
        label=_("Due from"), field_name="due_date", lookup_expr="gte", widget=forms.DateInput(attrs={"type": "date"})
    )
    due_before = django_filters.DateFilter(
        label=_("Due until"), field_name="due_date", lookup_expr="lte", widget=forms.DateInput(attrs={"type": "date"})
    )
    completed_after = django_filters.DateFilter(
        label=_("Completed from"), field_name="completed_on", lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )  # fmt: skip
    completed_before = django_filters.DateFilter(
        label=_("Completed until"), field_name="completed_on", lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )  # fmt: skip
    overdue = django_filters.BooleanFilter(label=_("Overdue only"), method="filter_overdue", widget=forms.CheckboxInput)
    protection_priority = django_filters.ModelChoiceFilter(
        label=_("Protection priority"), field_name="protection_priorities", queryset=ProtectionPriority.objects.all()
    )
    location = django_filters.CharFilter(label=_("Location or P-code"), method="filter_location")
    sort = TaskOrdering(
        label=_("Sort"),
        fields=(
            ("due_date", "due"), ("urgency", "urgency"), ("status", "status"), ("title", "title"),
            ("reference", "reference"), ("owner__first_name", "owner"), ("updated_at", "updated"),
            ("sensitivity", "sensitivity"), ("operation__name", "operation"),
        ),
        widget=forms.HiddenInput,
    )  # fmt: skip

    class Meta:
        model = Task
        fields = []

    def __init__(self, *args, operation=None, operation_choices=None, **kwargs):
        """``operation``: the page's operation, which fixes the choices; ``operation_choices``: on a page across
        operations (my tasks), the operations to offer in the operation filter as a drop-down."""
        super().__init__(*args, **kwargs)
        self.operation = operation
        self.operation_choices = operation_choices
        self.filters["owner"].queryset = operation_members(self.user, operation)
        if operation is None:
            self.activities = None
            return
        del self.filters["operation"]  # the page's operation is fixed by its URL
        self.activities = list(activities_for_operation(operation))
        self.filters["activity"].queryset = self.filters["activity"].queryset.filter(
            pk__in=[activity.pk for activity in self.activities]
        )
        self.filters["protection_priority"].queryset = self.filters["protection_priority"].queryset.filter(
            operation=operation
        )

    @property
    def form(self):
        form = super().form
        if self.activities is not None:
            form.fields["activity"].widget.choices = grouped_activity_choices(self.activities)
        form.fields["owner"].label_from_instance = person_name
        if self.operation is None and self.operation_choices is not None:
            form.fields["operation"].label = _("Operation")
            form.fields["operation"].widget = forms.Select(
                choices=[("", _("All your operations")), *((op.code, op.name) for op in self.operation_choices)]
            )
        return form

    def filter_operation(self, queryset, name, value):
        from django_countries import countries

        code = value.strip().upper()
        alpha2 = countries.alpha2(code) if code.isascii() and code.isalpha() else ""
        return queryset.filter(operation__country=alpha2 or "--")

    def filter_text(self, queryset, name, value):
        return search_tasks(queryset, value)

    def filter_location(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(admin1_name__icontains=value)
            | Q(admin2_name__icontains=value)
            | Q(admin1_pcode__istartswith=value)
            | Q(admin2_pcode__istartswith=value)
        )

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        if self.operation is not None:
            operations = [self.operation]
        elif self.operation_choices is not None:
            operations = self.operation_choices  # my tasks: the operations the page has read already
        else:
            operations = list(CountryOperation.objects.visible_to(self.user))
        # The condition itself, not the ``overdue`` annotation: ``status IN (open) AND due_date < today`` per
        # operation is what an index on (operation, status, due date) serves; a filter on the annotation's
        # CASE reads every task of the operation.
        return queryset.filter(overdue_condition(operations))
