"""Recurring tasks: RFC 5545 RRULEs (python-dateutil) built from, and described in, plain words."""

from __future__ import annotations

from datetime import date, datetime

from dateutil import rrule
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

FREQUENCIES = {"DAILY": rrule.DAILY, "WEEKLY": rrule.WEEKLY, "MONTHLY": rrule.MONTHLY, "YEARLY": rrule.YEARLY}
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
WEEKDAY_CHOICES = [
    ("MO", gettext_lazy("Monday")),
    ("TU", gettext_lazy("Tuesday")),
    ("WE", gettext_lazy("Wednesday")),
    ("TH", gettext_lazy("Thursday")),
    ("FR", gettext_lazy("Friday")),
    ("SA", gettext_lazy("Saturday")),
    ("SU", gettext_lazy("Sunday")),
]
ORDINAL_CHOICES = [
    ("1", gettext_lazy("first")),
    ("2", gettext_lazy("second")),
    ("3", gettext_lazy("third")),
    ("4", gettext_lazy("fourth")),
    ("-1", gettext_lazy("last")),
]
REPEAT_CHOICES = [
    ("", gettext_lazy("Does not repeat")),
    ("DAILY", gettext_lazy("Daily")),
    ("WEEKLY", gettext_lazy("Weekly")),
    ("MONTHLY", gettext_lazy("Monthly")),
    ("YEARLY", gettext_lazy("Yearly")),
]
MONTHLY_MODE_CHOICES = [
    ("day", gettext_lazy("on the same day of the month as the due date")),
    ("weekday", gettext_lazy("on a weekday of the month (e.g. the first Monday)")),
]
MAX_OCCURRENCES_PER_RUN = 60  # a safety bound if the beat job was down for a long time


def build_rule(
    *,
    frequency: str,
    interval: int = 1,
    weekdays: list[str] | None = None,
    monthly_mode: str = "day",
    ordinal: str = "1",
    weekday: str = "MO",
    until: date | None = None,
) -> str:
    """The RRULE for a friendly choice, e.g. monthly on the first Monday: ``FREQ=MONTHLY;BYDAY=1MO``."""
    if not frequency:
        return ""
    parts = [f"FREQ={frequency}"]
    if interval and interval > 1:
        parts.append(f"INTERVAL={interval}")
    if frequency == "WEEKLY" and weekdays:
        parts.append("BYDAY=" + ",".join(day for day in WEEKDAYS if day in weekdays))
    if frequency == "MONTHLY" and monthly_mode == "weekday":
        parts.append(f"BYDAY={int(ordinal)}{weekday}")
    if until:
        parts.append(f"UNTIL={until:%Y%m%d}")
    rule = ";".join(parts)
    parse(rule, date(2000, 1, 1))  # raise ValueError early on anything dateutil refuses
    return rule


def split(rule: str) -> dict:
    """The friendly choices a rule was built from (the reverse of :func:`build_rule`), for editing."""
    if not rule:
        return {"frequency": ""}
    fields = dict(part.split("=", 1) for part in rule.split(";") if "=" in part)
    result = {"frequency": fields.get("FREQ", ""), "interval": int(fields.get("INTERVAL", 1))}
    byday = fields.get("BYDAY", "")
    if result["frequency"] == "WEEKLY" and byday:
        result["weekdays"] = byday.split(",")
    if result["frequency"] == "MONTHLY" and byday:
        result.update(monthly_mode="weekday", ordinal=byday[:-2], weekday=byday[-2:])
    if "UNTIL" in fields:
        result["until"] = datetime.strptime(fields["UNTIL"][:8], "%Y%m%d").date()  # noqa: DTZ007 - a date
    return result


def parse(rule: str, start: date) -> rrule.rrule:
    """The dateutil rule, counting from ``start``."""
    return rrule.rrulestr(rule, dtstart=datetime(start.year, start.month, start.day))  # noqa: DTZ001 - dates only


def dates_between(rule: str, start: date, after: date, until: date) -> list[date]:
    """Occurrence dates strictly after ``after`` and on or before ``until``, at most MAX_OCCURRENCES_PER_RUN."""
    found = []
    for moment in parse(rule, start).xafter(datetime(after.year, after.month, after.day), inc=False):  # noqa: DTZ001
        if moment.date() > until or len(found) >= MAX_OCCURRENCES_PER_RUN:
            break
        found.append(moment.date())
    return found


def describe(rule: str) -> str:
    """A rule in words, e.g. "Monthly on the first Monday"."""
    if not rule:
        return ""
    parts = split(rule)
    frequency, interval = parts["frequency"], parts.get("interval", 1)
    every = {
        "DAILY": (_("Daily"), _("Every %(n)s days")),
        "WEEKLY": (_("Weekly"), _("Every %(n)s weeks")),
        "MONTHLY": (_("Monthly"), _("Every %(n)s months")),
        "YEARLY": (_("Yearly"), _("Every %(n)s years")),
    }[frequency]
    text = every[0] if interval == 1 else every[1] % {"n": interval}
    day_names = dict(WEEKDAY_CHOICES)
    if parts.get("weekdays"):
        text += " " + _("on %(days)s") % {"days": ", ".join(str(day_names[d]) for d in parts["weekdays"])}
    if parts.get("monthly_mode") == "weekday":
        ordinal = dict(ORDINAL_CHOICES)[parts["ordinal"]]
        text += " " + _("on the %(ordinal)s %(day)s") % {"ordinal": ordinal, "day": day_names[parts["weekday"]]}
    if parts.get("until"):
        text += " " + _("until %(date)s") % {"date": parts["until"].isoformat()}
    return text
