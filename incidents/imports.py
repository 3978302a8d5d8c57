"""The import of access incidents from a spreadsheet: the export's columns (so our export re-imports unchanged) plus
the description and the tasks concerned (by reference); the actor responsible is matched by name, acronym or alias
among the operation's actors the user may read. Each row is checked by the incident form and saved as the page saves
it; Confidential unless the file says otherwise, as on the page.

Identity: a row is the incident its identifier names (``#meta+id``, as the export writes it); without one, the
incident of the same date and summary (accents, case and spacing aside) if the user may change exactly one such;
else a new incident. An empty "Actor responsible" leaves the actor as it is: our export leaves out an actor its reader
may not export, and re-importing the file must not erase it.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actors.matching import match_actors
from cmcoord.imports.parsing import header_key
from cmcoord.imports.registry import ImportColumn, Kind, register
from cmcoord.records.imports import RecordImporter

from .choices import AccessCategory, IncidentSource
from .records import INCIDENTS


@register
class IncidentImporter(RecordImporter):
    name = "incidents"
    title = gettext_lazy("Access incidents")
    noun = gettext_lazy("incident")
    record_type = INCIDENTS
    fields = {
        "date": "occurred_on", "title": "title", "category": "category", "source": "source",
        "people_affected": "people_affected", "activities_suspended": "activities_suspended",
        "days_affected": "days_affected", "verified": "verified", "description": "description",
    }  # fmt: skip
    choices = {"category": AccessCategory.choices, "source": IncidentSource.choices}
    number_fields = ("people_affected", "activities_suspended", "days_affected")
    boolean_fields = ("verified",)
    key_fields = ("title",)
    aliases = {"title": (gettext_lazy("Title"), gettext_lazy("Incident")), "actor": (gettext_lazy("Actor"),)}
    extra_columns = (
        ImportColumn("description", gettext_lazy("Description"), "#description", Kind.TEXT),
        ImportColumn("tasks", gettext_lazy("Tasks"), aliases=(gettext_lazy("Task references"),)),
    )

    def __init__(self):
        super().__init__()
        self.cells.update({"actor": "actor", "tasks": "tasks"})

    def natural_key(self, values, record=None):
        if record is not None:
            return (record.occurred_on.isoformat(), header_key(record.title))
        title, date = header_key(values.get("title", "")), values.get("date", "")
        return (date, title) if title and date else None

    def convert(self, context, values, data, instance, problems):
        if values.get("actor"):
            found = match_actors(context, values["actor"], problems, "actor")
            if len(found) > 1:
                problems.setdefault("actor", []).append(_("Name one actor responsible only."))
            elif found:
                data["actor"] = str(found[0])
        if values.get("tasks"):
            data["tasks"] = values["tasks"]
