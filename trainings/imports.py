"""The import of trainings from a spreadsheet: the export's columns (so our export re-imports unchanged: dates,
place, partners, participants by sex and by organisation type) plus what an office's list also has and the export
leaves out: topics, the audience actors (by name, acronym or alias among the operation's actors the user may read),
pre- and post-test averages, notes and the tasks served (by reference). Each row is checked by the training form
(both breakdowns must count the same people) and saved as the page saves it; Confidential unless the file says
otherwise, as on the page.

Identity: a row is the training its identifier names (``#meta+id``, as the export writes it); without one, the
training of the same start date and title (accents, case and spacing aside) if the user may change exactly one
such; else a new training. An empty number of participants is left as it is (0 for a new training).
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy

from actors.matching import match_actors
from cmcoord.imports.parsing import header_key
from cmcoord.imports.registry import ImportColumn, Kind, choice_keys, register
from cmcoord.records.imports import RecordImporter

from .choices import ORGANISATION_FIELDS, SEX_FIELDS, TrainingTopic
from .records import TRAININGS

_SEPARATORS = re.compile(r"[,;\n]+")
PARTICIPANT_FIELDS = tuple(name for name, _label in (*SEX_FIELDS, *ORGANISATION_FIELDS))


@register
class TrainingImporter(RecordImporter):
    name = "trainings"
    title = gettext_lazy("Trainings")
    noun = gettext_lazy("training")
    record_type = TRAININGS
    fields = {
        "title": "title", "start": "start_date", "end": "end_date", "partners": "partners", "notes": "notes",
        "pre_test_score": "pre_test_score", "post_test_score": "post_test_score",
        **{name: name for name in PARTICIPANT_FIELDS},
    }  # fmt: skip
    number_fields = (*PARTICIPANT_FIELDS, "pre_test_score", "post_test_score")
    key_fields = ("title",)
    aliases = {"start": (gettext_lazy("Date"), gettext_lazy("From")), "end": (gettext_lazy("To"),)}
    extra_columns = (
        ImportColumn("topics", gettext_lazy("Topics")),
        ImportColumn("audience", gettext_lazy("Audience"), aliases=(gettext_lazy("Audience actors"),)),
        ImportColumn("pre_test_score", gettext_lazy("Pre-test average"), kind=Kind.NUMBER),
        ImportColumn("post_test_score", gettext_lazy("Post-test average"), kind=Kind.NUMBER),
        ImportColumn("notes", gettext_lazy("Notes")),
        ImportColumn("tasks", gettext_lazy("Tasks"), aliases=(gettext_lazy("Task references"),)),
    )

    def __init__(self):
        super().__init__()
        self.cells.update({"audience": "audience", "topics": "topics", "tasks": "tasks"})

    def natural_key(self, values, record=None):
        if record is not None:
            return (record.start_date.isoformat(), header_key(record.title))
        title, start = header_key(values.get("title", "")), values.get("start", "")
        return (start, title) if title and start else None

    def prepare(self, user, operation):
        context = super().prepare(user, operation)
        context["topics"] = choice_keys(TrainingTopic.choices)
        return context

    def convert(self, context, values, data, instance, problems):
        if values.get("topics"):
            parts = [part.strip() for part in _SEPARATORS.split(values["topics"]) if part.strip()]
            data.setlist("topics", [context["topics"].get(header_key(part), part) for part in parts])
        if values.get("audience"):
            self.set_links(data, "audience", match_actors(context, values["audience"], problems, "audience"), problems)
        if values.get("tasks"):
            data["tasks"] = values["tasks"]
