"""The cross-country view of CMCS HQ: which operations and which period it compares, chosen in a small form.

The HQ dashboard (``views/hq.py``) reads the form, resolves the operations the reader may see that match its
region and strategy, and hands the result, a :class:`CrossCountryScope`, to the panels that apps register for
``Slot.HQ_DASHBOARD`` (and to the exports of the same summary). The operations are resolved once, here, so
every panel reads the same list and none repeats the access check per operation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cmcoord.core.forms import StrictForm
from cmcoord.core.validators import validate_sane_date

from .choices import CMCoordStrategy, OCHARegion
from .models import CountryOperation


class Period(models.TextChoices):
    THIS_QUARTER = "quarter", _("This quarter")
    LAST_3_MONTHS = "3m", _("Last 3 months")
    LAST_6_MONTHS = "6m", _("Last 6 months")
    LAST_12_MONTHS = "12m", _("Last 12 months")
    CUSTOM = "custom", _("From … to …")


MONTHS_BACK = {Period.LAST_3_MONTHS: 3, Period.LAST_6_MONTHS: 6, Period.LAST_12_MONTHS: 12}
DEFAULT_PERIOD = Period.THIS_QUARTER


def period_dates(period: str, today: date) -> tuple[date, date]:
    """First and last day (both included) of a named period that ends today."""
    if period == Period.THIS_QUARTER:
        return date(today.year, 3 * ((today.month - 1) // 3) + 1, 1), today
    return today - relativedelta(months=MONTHS_BACK[Period(period)]) + timedelta(days=1), today


class CrossCountryFilterForm(StrictForm):
    """Period, region and strategy of the HQ dashboard. Empty region or strategy: all of them."""

    period = forms.ChoiceField(label=_("Period"), choices=Period.choices, initial=DEFAULT_PERIOD, required=False)
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        validators=[validate_sane_date],
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("With “From … to …”."),
    )
    date_to = forms.DateField(
        label=_("To"),
        required=False,
        validators=[validate_sane_date],
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    region = forms.ChoiceField(label=_("Region"), choices=[("", _("All regions")), *OCHARegion.choices], required=False)
    strategy = forms.ChoiceField(
        label=_("CMCoord strategy"), choices=[("", _("All strategies")), *CMCoordStrategy.choices], required=False
    )

    def clean(self):
        cleaned = super().clean()
        period = cleaned.get("period") or DEFAULT_PERIOD
        cleaned["period"] = period
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if period != Period.CUSTOM:
            return cleaned
        if self.errors:  # a date that did not parse has its own message already
            return cleaned
        if start is None:
            self.add_error("date_from", _("Give the first day of the period."))
        if end is None:
            self.add_error("date_to", _("Give the last day of the period."))
        if start and end and end < start:
            self.add_error("date_to", _("The period cannot end before it starts."))
        return cleaned

    def dates(self, today: date) -> tuple[date, date]:
        """The period the valid form chose."""
        period = self.cleaned_data["period"]
        if period == Period.CUSTOM:
            return self.cleaned_data["date_from"], self.cleaned_data["date_to"]
        return period_dates(period, today)


@dataclass
class CrossCountryScope:
    """What the HQ dashboard compares: the reader's operations that match the filters, over one period.

    ``operations`` are the reader's own (read through ``visible_to``), in name order; panels count within them
    and still read every record through ``restrict``. ``query`` is the filters as a query string, for links and
    exports that must show the same selection.
    """

    operations: list
    start: date
    end: date
    region: str = ""
    strategy: str = ""
    query: str = ""


def crosscountry_scope(user, form: CrossCountryFilterForm, *, today: date | None = None) -> CrossCountryScope:
    """The scope chosen by a valid ``form`` for ``user`` (one query: the operations)."""
    start, end = form.dates(today or timezone.localdate())
    region, strategy = form.cleaned_data.get("region", ""), form.cleaned_data.get("strategy", "")
    operations = CountryOperation.objects.visible_to(user)
    if region:
        operations = operations.filter(region=region)
    if strategy:
        operations = operations.filter(strategy=strategy)
    return CrossCountryScope(
        operations=list(operations.order_by("name")),
        start=start,
        end=end,
        region=region,
        strategy=strategy,
        query=form.data.urlencode() if hasattr(form.data, "urlencode") else "",
    )
