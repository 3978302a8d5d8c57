"""FilterSets of engagements and key messages: each serves its operation's list page and the API alike.

Every model choice passes through ``restrict``; the operation and text filters come from ``RecordFilterSet``. On an
operation's page the FilterSet is given that ``operation`` and narrows its choices to it; in the API it filters
across the user's operations.
"""

import datetime

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from actors.models import Actor
from cmcoord.core.validators import validate_sane_date
from cmcoord.records.filters import RecordFilterSet
from missions.models import Mission

from .choices import EngagementMode, EngagementTopic, KeyMessageStatus, MessageIssue
from .models import Engagement, FollowUp, KeyMessage, encode_topics

DATE = forms.DateInput(attrs={"type": "date"})


class EngagementFilterSet(RecordFilterSet):
    after = django_filters.DateFilter(
        label=_("From"), method="filter_after", widget=DATE, validators=[validate_sane_date]
    )
    before = django_filters.DateFilter(
        label=_("Until"), method="filter_before", widget=DATE, validators=[validate_sane_date]
    )
    actor = django_filters.ModelChoiceFilter(
        label=_("Actor"), field_name="actors", queryset=Actor.objects.all(), empty_label=_("Any actor")
    )
    mode = django_filters.ChoiceFilter(label=_("Mode"), choices=EngagementMode.choices, empty_label=_("Any"))
    topic = django_filters.ChoiceFilter(
        label=_("Topic"), choices=EngagementTopic.choices, method="filter_topic", empty_label=_("Any")
    )
    mission = django_filters.ModelChoiceFilter(label=_("Mission"), queryset=Mission.objects.all(), empty_label=_("Any"))
    open_follow_ups = django_filters.BooleanFilter(
        label=_("With follow-ups not yet tasks"), method="filter_open_follow_ups", widget=forms.CheckboxInput
    )

    search_fields = ("summary", "outcome", "other_participants")
    operation_choices = ("actor",)

    class Meta:
        model = Engagement
        fields = []

    def __init__(self, *args, operation=None, **kwargs):
        super().__init__(*args, operation=operation, **kwargs)
        if operation is not None:  # a mission covers operations
            self.filters["mission"].queryset = self.filters["mission"].queryset.filter(operations=operation)

    def _start_of(self, day: datetime.date) -> datetime.datetime:
        """Midnight of ``day`` where the page's operation works (UTC in the API, across operations)."""
        zone = self.operation.time_zone if self.operation is not None else datetime.UTC
        return datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)

    def filter_after(self, queryset, name, value):
        return queryset.filter(occurred_at__gte=self._start_of(value))

    def filter_before(self, queryset, name, value):
        return queryset.filter(occurred_at__lt=self._start_of(value + datetime.timedelta(days=1)))

    def filter_topic(self, queryset, name, value):
        return queryset.filter(topics__contains=encode_topics([value]))

    def filter_open_follow_ups(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(pk__in=FollowUp.objects.filter(task__isnull=True).values("engagement_id"))


class KeyMessageFilterSet(RecordFilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=KeyMessageStatus.choices, widget=forms.CheckboxSelectMultiple
    )
    issue = django_filters.ChoiceFilter(label=_("Issue"), choices=MessageIssue.choices, empty_label=_("Any"))
    actor = django_filters.ModelChoiceFilter(
        label=_("Target actor"), field_name="target_actors", queryset=Actor.objects.all(), empty_label=_("Any actor")
    )
    endorsed_after = django_filters.DateFilter(
        label=_("Endorsed from"),
        field_name="endorsed_on",
        lookup_expr="gte",
        widget=DATE,
        validators=[validate_sane_date],
    )
    endorsed_before = django_filters.DateFilter(
        label=_("Endorsed until"),
        field_name="endorsed_on",
        lookup_expr="lte",
        widget=DATE,
        validators=[validate_sane_date],
    )

    search_fields = ("title", "text")
    operation_choices = ("actor",)

    class Meta:
        model = KeyMessage
        fields = []
