"""The import of engagements from a spreadsheet: the export's columns (so our export re-imports unchanged) plus the
actors met (by name, acronym or alias, among the operation's actors the user may read), the tasks served (by
reference), the local time and the other participants; each row checked by the engagement form and saved by
``engagement_create`` / ``engagement_edit``, as on the page (an armed actor's engagement stays Confidential unless
the head of office imports it).

Identity: engagements have no reference. A row is the engagement its identifier names (``#meta+id``, as the
export writes it); without one, the engagement of the same local date with the same summary (accents, case and
spacing aside), if the user may change exactly one such; else a new engagement.

Date and time: the export writes the UTC date only. A row whose date is the engagement's UTC date and that gives no
time leaves its date and time as they are; otherwise the date is read as the operation's local date, at the time
the row gives (local, "14:30" or "14h30"), else at the engagement's own local time, else at noon.
"""

from __future__ import annotations

import datetime
import re

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actors.choices import ARMED_CATEGORIES
from actors.matching import match_actors
from actors.models import Actor
from cmcoord.core.access import Action, can
from cmcoord.core.choices import Sensitivity
from cmcoord.imports.parsing import header_key
from cmcoord.imports.registry import ImportColumn, choice_keys, register
from cmcoord.records.imports import RecordImporter

from . import services
from .choices import EngagementMode, EngagementTopic
from .records import ENGAGEMENTS

_TIME = re.compile(r"^(\d{1,2})\s*[:hH.]\s*(\d{2})(?::\d{2}(?:\.\d+)?)?$")
_SEPARATORS = re.compile(r"[,;\n]+")
NOON = "12:00"


def _local(moment, operation) -> datetime.datetime:
    return timezone.localtime(moment, operation.time_zone)


@register
class EngagementImporter(RecordImporter):
    name = "engagements"
    title = gettext_lazy("Engagements")
    noun = gettext_lazy("engagement")
    record_type = ENGAGEMENTS
    fields = {"mode": "mode", "summary": "summary", "outcome": "outcome", "other_participants": "other_participants"}
    choices = {"mode": EngagementMode.choices}
    key_fields = ("summary",)
    aliases = {"date": (gettext_lazy("Date"), gettext_lazy("Date and time"))}
    extra_columns = (
        ImportColumn("time", gettext_lazy("Time"), aliases=(gettext_lazy("Local time"),)),
        ImportColumn("actors", gettext_lazy("Actors met"), aliases=(gettext_lazy("Actors"),)),
        ImportColumn("tasks", gettext_lazy("Tasks"), aliases=(gettext_lazy("Task references"),)),
        ImportColumn("other_participants", gettext_lazy("Other participants")),
    )

    def __init__(self):
        super().__init__()
        self.cells.update({"occurred_at": "date", "actors": "actors", "tasks": "tasks", "topics": "topics"})

    def natural_key(self, values, record=None):
        if record is not None:
            summary = header_key(record.summary)
            return (_local(record.occurred_at, record.operation).date().isoformat(), summary) if summary else None
        summary = header_key(values.get("summary", ""))
        date = values.get("date", "")
        return (date, summary) if summary and date else None

    def initial(self, context):
        return {"ocha_participants": [context["user"].pk]}  # as the page: its author took part

    def prepare(self, user, operation):
        context = super().prepare(user, operation)
        context["topics"] = choice_keys(EngagementTopic.choices)
        return context

    def convert(self, context, values, data, instance, problems):
        operation = context["operation"]
        date, time = values.get("date", ""), values.get("time", "")
        match = _TIME.match(time)
        if match:
            time = f"{int(match[1]):02d}:{match[2]}"
        stored = instance.occurred_at if instance is not None else None
        same_day = stored is not None and date == stored.astimezone(datetime.UTC).date().isoformat()
        if (date or time) and not (same_day and not time):
            if not date and stored is not None:
                date = _local(stored, operation).date().isoformat()
            if not time:
                time = _local(stored, operation).strftime("%H:%M") if stored is not None else NOON
            # A time it cannot read is given to the form as typed, for it to refuse with its own message.
            data["occurred_at"] = f"{date}T{time}" if match or not values.get("time") else f"{date} {time}"
        if values.get("topics"):
            parts = [part.strip() for part in _SEPARATORS.split(values["topics"]) if part.strip()]
            data.setlist("topics", [context["topics"].get(header_key(part), part) for part in parts])
        if values.get("actors"):
            self.set_links(data, "actors", match_actors(context, values["actors"], problems, "actors"), problems)
        if values.get("tasks"):
            data["tasks"] = values["tasks"]

    def form(self, context, values, instance):
        form = super().form(context, values, instance)
        if form.is_valid() and (problem := self._declassification(context, form, instance)):
            form.add_error("sensitivity", problem)
        return form

    def _declassification(self, context, form, instance) -> str:
        """The page's rule, checked in the preview rather than when writing: an engagement with an armed actor is
        made Unclassified only by the head of office (an officer may keep it so, adding no armed actor)."""
        user, engagement = context["user"], form.instance
        if engagement.sensitivity != Sensitivity.UNCLASSIFIED or can(user, Action.MANAGE, context["operation"]):
            return ""
        armed = {actor.pk for actor in form.cleaned_data["actors"] if actor.category in ARMED_CATEGORIES}
        if instance is not None:
            hidden = engagement.actors.exclude(pk__in=Actor.objects.restrict(user, Action.VIEW).values("pk"))
            armed |= set(hidden.filter(category__in=ARMED_CATEGORIES).values_list("pk", flat=True))
        if not armed:
            return ""
        if instance is not None and form.import_before.get("sensitivity") == Sensitivity.UNCLASSIFIED:
            already = set(instance.actors.filter(category__in=ARMED_CATEGORIES).values_list("pk", flat=True))
            if armed <= already:
                return ""
        return _(
            "An engagement with an armed actor can be made Unclassified only by the head of office. "
            "Keep it Confidential, or ask the head of office to import it."
        )

    def restore(self, user, record, links):
        return services.engagement_edit(
            user=user,
            engagement=record,
            expected_version=record.version,
            actors=links.get("actors"),
            ocha_participants=links.get("ocha_participants"),
            tasks=links.get("tasks"),
        )
