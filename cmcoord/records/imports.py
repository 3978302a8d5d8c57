"""The import of a record kit's type from a spreadsheet (:mod:`cmcoord.imports`): what engagements, access incidents
and trainings share.

Columns: the type's declared export columns (header and HXL hashtag, so our own export re-imports unchanged) plus
the columns an office's list has that the export leaves out (actors by name, tasks by reference …). Each row is laid
over what the type's own form would post as it stands (a new record's defaults, or the record as stored: the API's
rule), checked by that form and saved through the type's own services, as on its pages.

Identity: a row with an identifier (``#meta+id``, our export's) updates that record, if the user may change it in
this operation (an identifier outside their reach is an error, never a new record); a row without one is matched by
the type's ``natural_key`` among the records the user may change (an office re-importing its own list gets no
duplicates), else creates one. The same record named twice in one file is an error on the second row.

Cells: an empty cell of a choice, a number or a link leaves the record's value as it is (a new record's default):
an export leaves out what its reader may not export (a Strictly confidential actor), and re-importing it must not
erase it. Text cells are taken as they are.
"""

from __future__ import annotations

import json
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import JSONField
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cmcoord.core.access import Action
from cmcoord.core.choices import Sensitivity
from cmcoord.core.forms import save_with_form
from cmcoord.core.versioning import ConcurrentEdit, form_data
from cmcoord.exports import Kind as ExportKind
from cmcoord.gazetteer.forms import CountryGazetteer, place_text
from cmcoord.imports.parsing import header_key
from cmcoord.imports.registry import YES_NO, ImportColumn, Importer, Kind, choice_keys

from .services import edit_record, record_create_from_form, record_edit_from_form

PLACE_COLUMNS = {"admin1": ("admin1_name", "admin1_pcode"), "admin2": ("admin2_name", "admin2_pcode")}
PLACE_ALIASES = {
    "admin1_name": (gettext_lazy("Region"), gettext_lazy("Province"), gettext_lazy("Admin 1 name")),
    "admin2_name": (gettext_lazy("District"), gettext_lazy("Admin 2 name")),
}
_NAMES = re.compile(r"[;\n]+")


def split_names(text: str) -> list[str]:
    """Names written in one cell: separated by semicolons or line breaks (a name may hold a comma)."""
    return [part.strip() for part in _NAMES.split(text or "") if part.strip()]


def import_column(column, kind: Kind | None = None, aliases=()) -> ImportColumn:
    """An import column from a kit's declared column (its key, header and hashtag)."""
    if kind is None:
        kind = {ExportKind.DATE: Kind.DATE, ExportKind.INTEGER: Kind.NUMBER}.get(column.kind, Kind.TEXT)
    return ImportColumn(column.key, column.header, column.hxl, kind, (*PLACE_ALIASES.get(column.key, ()), *aliases))


class RecordImporter(Importer):
    """A kit record type's import. A subclass names its ``record_type`` and says, in ``convert``, how the row's
    values that are not plain form fields become the form's data."""

    record_type = None
    # Column key -> form field, for the columns whose cell is a form field's value as it is (or by a choice's label).
    fields: dict[str, str] = {}
    # Form field -> the choices its cell may name by value or by label in any language.
    choices: dict[str, object] = {}
    # Columns the export lacks (an office's list has them), and columns known but not imported (export-only).
    extra_columns: tuple[ImportColumn, ...] = ()
    aliases: dict[str, tuple] = {}
    noun = gettext_lazy("record")

    def __init__(self):
        model = self.record_type.model
        self.model = model
        self.list_url_name = self.record_type.url_name("list")
        exported = [column for column in self.record_type.columns if column.exported]
        self.columns = (
            *(import_column(column, aliases=self.aliases.get(column.key, ())) for column in exported),
            *self.extra_columns,
        )
        self.cells = {field: key for key, field in self.fields.items()} | {
            "admin1": "admin1_name",
            "admin2": "admin2_name",
        }

    # --- What a subclass says ---------------------------------------------------------------------------------

    def natural_key(self, values: dict, record=None):
        """What identifies a record without its identifier, from a row's ``values`` (or, when ``record`` is given,
        from that record); None: nothing to match by."""
        return None

    def initial(self, context) -> dict:
        """What the type's create page starts from."""
        return {}

    def convert(self, context, values: dict, data, instance, problems: dict) -> None:
        """Lay the row's other cells over ``data`` (a QueryDict); a cell it cannot read goes in ``problems``
        (form field -> messages)."""

    def restore(self, user, record, links: dict):
        """Save ``record`` with its fields as they were before an import, and its ``links``."""
        return edit_record(
            user=user, record=record, expected_version=record.version, fields=self.record_type.tracked(), links=links
        )

    # --- The importer -----------------------------------------------------------------------------------------

    def prepare(self, user, operation) -> dict:
        records = list(
            self.model.objects.restrict(user, Action.CHANGE).filter(operation=operation).select_related("operation")
        )
        by_key = {}
        for record in records:
            key = self.natural_key({}, record)
            if key is not None:
                by_key.setdefault(key, []).append(record)
        context = {
            "user": user,
            "operation": operation,
            "gazetteer": CountryGazetteer(user, operation.country),
            "by_id": {record.pk: record for record in records},
            "by_key": by_key,
            "seen": {},
            "sensitivity": choice_keys(Sensitivity.choices),
            **{field: choice_keys(choices) for field, choices in self.choices.items()},
        }
        return context

    def existing(self, context, values):
        self.check_operation(context, values)
        identifier = re.sub(r"^(\d+)\.0+$", r"\1", values.get("id", "").strip())  # 12.0: a spreadsheet's number
        if identifier:
            record = context["by_id"].get(int(identifier)) if identifier.isdigit() and len(identifier) < 19 else None
            if record is None:
                raise ValidationError(
                    _("No %(noun)s %(id)s that you may change in this operation: leave the identifier empty to record "
                      "a new one.") % {"noun": self.noun, "id": identifier}
                )  # fmt: skip
        else:
            key = self.natural_key(values)
            found = context["by_key"].get(key, []) if key is not None else []
            record = found[0] if len(found) == 1 else None
        if record is not None and context["seen"].setdefault(record.pk, id(values)) != id(values):
            raise ValidationError(_("An earlier row of the file names the same record: merge the two rows."))
        return record

    def form_kwargs(self, context) -> dict:
        return {"user": context["user"], "operation": context["operation"], "gazetteer": context["gazetteer"]}

    def form(self, context, values, instance):
        form_class = self.record_type.form
        kwargs = self.form_kwargs(context)
        if instance is not None:
            data = form_data(form_class(instance=instance, **kwargs))
        else:
            data = form_data(form_class(initial=self.initial(context), **kwargs))
        before_links = {name: list(data.getlist(name)) for name in self.link_fields(form_class)}
        problems: dict[str, list[str]] = {}
        for key, field in self.fields.items():
            if key not in values:
                continue
            value = values[key]
            if field in self.choices or field == "sensitivity":
                if value:
                    data[field] = context[field].get(header_key(value), value)
            elif field in self.number_fields:
                if value != "":
                    data[field] = value
            elif field in self.boolean_fields:
                if value:
                    answer = YES_NO.get(header_key(value))
                    if answer is None:
                        problems.setdefault(field, []).append(_("Write Yes or No."))
                    elif answer:
                        data[field] = "on"
                    else:
                        data.pop(field, None)
            elif (
                instance is not None
                and field in self.key_fields
                and header_key(value) == header_key(getattr(instance, field))
            ):
                data[field] = getattr(instance, field)  # found by this text written another way: kept as stored
            else:
                data[field] = value
        if values.get("sensitivity"):
            data["sensitivity"] = context["sensitivity"].get(header_key(values["sensitivity"]), values["sensitivity"])
        for picker, (name_key, pcode_key) in PLACE_COLUMNS.items():
            if name_key in values or pcode_key in values:
                data[picker] = place_text(values.get(name_key, ""), values.get(pcode_key, ""))
        self.convert(context, values, data, instance, problems)
        form = form_class(data=data, instance=instance, **kwargs)
        form.import_before = self.snapshot(instance) if instance is not None else {}
        form.import_links_before = before_links
        if problems:
            form.is_valid()
            for field, messages in problems.items():
                for message in messages:
                    form.add_error(field, message)
        return form

    number_fields: tuple[str, ...] = ()
    key_fields: tuple[str, ...] = ()  # text fields of the natural key
    boolean_fields: tuple[str, ...] = ()

    @staticmethod
    def link_fields(form_class) -> list[str]:
        return [
            field.name for field in form_class._meta.model._meta.many_to_many if field.name in form_class._meta.fields
        ]

    def set_links(self, data, field: str, values: list, problems: dict) -> None:
        """Link ``field`` to the records ``values`` name (pks), unless a name could not be read."""
        if field not in problems:
            data.setlist(field, [str(value) for value in values])

    def cell_of(self, field_name):
        if field_name == "__all__":
            return ""
        return self.cells.get(field_name, field_name)

    # --- Changes and undo ---------------------------------------------------------------------------------------

    def _attnames(self) -> list[str]:
        return [self.model._meta.get_field(name).attname for name in self.record_type.tracked()]

    def _fields(self, instance) -> dict:
        values = {attname: getattr(instance, attname) for attname in self._attnames()}
        for attname, value in values.items():
            if isinstance(value, list | dict):  # a JSON field (a training's topics), kept as its JSON text
                values[attname] = json.dumps(value, sort_keys=True)
        return values

    def snapshot(self, instance) -> dict:
        values = self._fields(instance)
        for name in self.link_fields(self.record_type.form):
            pks = sorted(getattr(instance, name).values_list("pk", flat=True))
            values[f"links:{name}"] = ",".join(str(pk) for pk in pks)
        return values

    def changes(self, context, form, instance) -> list[str]:
        meta = self.model._meta
        after = self._fields(form.instance)
        changed = [
            str(meta.get_field(name).verbose_name)
            for name in self.record_type.tracked()
            if after[meta.get_field(name).attname] != form.import_before[meta.get_field(name).attname]
        ]
        for name, before in form.import_links_before.items():
            chosen = form.cleaned_data.get(name)
            if chosen is None:
                continue
            after = {str(getattr(item, "pk", item)) for item in chosen}
            if after != set(before):
                changed.append(str(meta.get_field(name).verbose_name))
        summary = getattr(form, "summary_field", None)
        if summary and summary in form.cleaned_data:
            stored = form.summary.text if getattr(form, "summary", None) is not None else ""
            if form.cleaned_data[summary].strip() != stored:
                changed.append(str(form.fields[summary].label))
        return changed

    def save(self, context, form, instance):
        user = context["user"]
        form.instance._history_user = user  # who imported it, in its history (also from the command line)
        try:
            if instance is None:
                return save_with_form(
                    form, user, lambda: record_create_from_form(record_type=self.record_type, user=user, form=form)
                )
            return save_with_form(
                form, user, lambda: record_edit_from_form(record_type=self.record_type, user=user, form=form)
            )
        except ConcurrentEdit:
            raise ValidationError(
                _("Someone saved this record while the file was imported: import it again.")
            ) from None

    def undo(self, user, record, created, before):
        if created:
            with transaction.atomic():
                record._history_user = user
                record.delete()
            return
        links = {}
        for key, value in before.items():
            if key.startswith("links:"):
                pks = [int(pk) for pk in str(value or "").split(",") if pk]
                links[key.removeprefix("links:")] = getattr(
                    record, key.removeprefix("links:")
                ).model._base_manager.filter(pk__in=pks)
                continue
            field = next(f for f in self.model._meta.concrete_fields if f.attname == key)
            if isinstance(field, JSONField) and isinstance(value, str):
                value = json.loads(value)
            setattr(record, key, field.to_python(value))
        self.restore(user, record, links)
