"""Records of every registered record type (engagements, key messages, notifications, incidents, trainings,
planning documents, MCDA requests): ``Scale.records_per_type`` of each in the largest operation.

The columns come from the model's fields, as the record kit's pages read them, so that a record type added
later is loaded without a line here: the operation, a sensitivity spread over every level, one date per row
for every date (so that "not before" rules between two dates hold), each required choice drawn in turn, a
numbered text for each required text, an officer of the operation for a required person and one of its actors
for a required actor. :data:`OVERRIDES` names only what a model's own rules need beyond that.
"""

from __future__ import annotations

from django.db import connection, models

from ..deployment import OFFICERS
from ..sql import LoadError, copy_to_history, next_id

# What a model's own rules need beyond what its fields say: a reference that fits an address, a movement's route,
# one last-resort justification at least.
OVERRIDES: dict[str, dict[str, str]] = {
    "deconfliction.Notification": {
        "reference": "'HNS-' || r.n",
        "kind": "'movement'",
        "route": "'Along the main supply route, convoy ' || r.n",
    },
    "planning.MCDARequest": {"time_critical": "true"},
}

# The record's timestamps follow its date (a record is written on the day it is about, or soon after).
STAMPS = {"created_at", "updated_at"}


def _salted(field_number: int, spread: int) -> str:
    return f"pg_temp.r(r.id, {700 + field_number}, {spread})"


def column_values(record_model) -> tuple[dict[str, str], dict]:
    """The SQL expression of each column the fields require (over the source ``r``), and their parameters."""
    values, params = {}, {}
    for number, field in enumerate(record_model._meta.concrete_fields):
        name = field.column
        if field.primary_key:
            values[name] = "r.id"
        elif name == "operation_id":
            values[name] = "r.operation_id"
        elif name == "sensitivity":
            values[name] = f"1 + {_salted(number, 3)}"
        elif name in STAMPS:
            values[name] = "r.day::timestamp AT TIME ZONE 'UTC' + interval '9 hours'"
        elif field.null:
            continue  # NULL unless an override says otherwise
        elif isinstance(field, models.DateTimeField):
            values[name] = f"r.day::timestamp AT TIME ZONE 'UTC' + make_interval(mins => {_salted(number, 600)})"
        elif isinstance(field, models.DateField):
            values[name] = "r.day"
        elif field.choices and not field.has_default():
            key = f"choices_{record_model._meta.model_name}_{name}"
            params[key] = [value for value, _label in field.flatchoices]
            values[name] = f"(%({key})s::{field.db_type(connection)}[])[1 + {_salted(number, len(params[key]))}]"
        elif isinstance(field, models.ForeignKey) and not field.has_default():
            related = field.related_model._meta.label
            if related == "auth.User":
                values[name] = f"r.first_user + {_salted(number, OFFICERS)}"
            elif related == "actors.Actor":
                values[name] = f"r.first_actor + pg_temp.r(r.id, {700 + number}, r.n_actors)"
            else:
                raise LoadError(f"the benchmark loader does not fill {record_model._meta.label}.{field.name}")
        elif isinstance(field, models.TextField) and not field.blank:
            values[name] = "'Recorded for the full-scale benchmark, row ' || r.n || '.'"
        elif isinstance(field, models.CharField) and not field.blank and not field.has_default():
            text = str(field.verbose_name).capitalize()
            key = f"text_{record_model._meta.model_name}_{name}"
            params[key] = text
            values[name] = f"left(%({key})s || ' ' || r.n, {field.max_length})"
    return {**values, **OVERRIDES.get(record_model._meta.label, {})}, params


class RecordSteps:
    """Steps of :class:`benchmarks.loader.Loader` (it provides ``cursor``, ``scale`` and ``run``)."""

    def load_records(self) -> None:
        from cmcoord.records.registry import record_types

        for record_type in record_types():
            self.load_record_type(record_type.model)

    def load_record_type(self, record_model) -> None:
        """``records_per_type`` rows in the largest operation, dated over the last year, each with its "created"
        row in the change history (the detail page reads who changed it last)."""
        label = record_model._meta.label
        first = next_id(self.cursor, label)
        values, params = column_values(record_model)
        self.run(
            label,
            record_model,
            values,
            "FROM (SELECT %(first)s - 1 + n AS id, n, o.id AS operation_id, o.first_user, o.first_actor,"
            " o.n_actors, %(today)s::date - pg_temp.r(%(first)s - 1 + n, 699, 365) AS day"
            " FROM bench_op o CROSS JOIN generate_series(1, %(records)s) AS n WHERE o.ord = 0) r",
            first=first,
            records=self.scale.records_per_type,
            **params,
        )
        copy_to_history(self.cursor, label, "id >= %(first)s", {"first": first})


def record_labels() -> list[str]:
    """The model labels :meth:`RecordSteps.load_records` writes (their sequences are reset after the load)."""
    from cmcoord.records.registry import record_types

    return [record_type.model._meta.label for record_type in record_types()]
