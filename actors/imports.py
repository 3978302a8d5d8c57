"""The import of actors from a spreadsheet: the export's columns plus aliases and description, each row checked by
the actor form of the pages (armed actors Confidential unless the file says otherwise), areas read as admin 1
P-codes or names of the operation's gazetteer, an actor found again by its identifier or its name."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cmcoord.core.access import Action
from cmcoord.core.choices import Sensitivity
from cmcoord.core.forms import save_with_form
from cmcoord.core.scoping import save_within_scope
from cmcoord.gazetteer.forms import CountryGazetteer
from cmcoord.gazetteer.models import AdminLevel
from cmcoord.imports.parsing import header_key
from cmcoord.imports.registry import YES_NO, ImportColumn, Importer, choice_keys, register
from cmcoord.records.services import edit_record

from .choices import ActorCategory, ActorType
from .exports import ACTOR_COLUMNS
from .forms import ActorForm
from .models import Actor

_EXPORTED = {column.key: column for column in ACTOR_COLUMNS}
FIELDS = ["name", "acronym", "aliases", "category", "actor_type", "parent", "party_to_conflict", "areas",
          "description", "sensitivity"]  # fmt: skip
# Form field -> the column its errors show under.
FIELD_COLUMNS = {"actor_type": "type", "parent": "parent", "party_to_conflict": "party_to_conflict"}


def _from_export(key: str, aliases=()) -> ImportColumn:
    column = _EXPORTED[key]
    return ImportColumn(key, column.header, column.hxl, aliases=aliases)


@register
class ActorImporter(Importer):
    name = "actors"
    title = gettext_lazy("Actors")
    model = Actor
    list_url_name = "actors:actor-list"
    columns = (
        *(_from_export(key) for key in ("country_code", "operation", "id", "name", "acronym", "category")),
        _from_export("type", aliases=(gettext_lazy("Actor type"),)),
        _from_export("parent"),
        _from_export("party_to_conflict"),
        _from_export("areas", aliases=(gettext_lazy("Areas"), gettext_lazy("Areas of operation"))),
        ImportColumn("aliases", gettext_lazy("Aliases"), "#group+name+alias", aliases=(gettext_lazy("Other names"),)),
        ImportColumn("description", gettext_lazy("Description"), "#description"),
        # Read by the export, kept by their own records (assessments, contacts): known, not imported.
        *(_from_export(key) for key in ("stance", "influence", "interest", "assessed_on", "contacts")),
        _from_export("sensitivity"),
    )

    def prepare(self, user, operation) -> dict:
        actors = list(Actor.objects.restrict(user, Action.CHANGE).filter(operation=operation))
        parents = Actor.objects.restrict(user, Action.VIEW).filter(operation=operation).values_list("name", "pk")
        return {
            "user": user,
            "operation": operation,
            "by_id": {actor.pk: actor for actor in actors},
            "by_name": {header_key(actor.name): actor for actor in actors},
            "parents": {header_key(name): pk for name, pk in parents},
            "gazetteer": CountryGazetteer(user, operation.country),
            "category": choice_keys(ActorCategory.choices),
            "type": choice_keys(ActorType.choices),
            "sensitivity": choice_keys(Sensitivity.choices),
        }

    def existing(self, context, values):
        self.check_operation(context, values)
        identifier = values.get("id", "").strip()
        if identifier:
            actor = context["by_id"].get(int(identifier)) if identifier.isdigit() else None
            if actor is None:
                raise ValidationError(
                    _("No actor %(id)s that you may change in this operation: leave the identifier empty to record "
                      "a new actor.") % {"id": identifier}
                )  # fmt: skip
            return actor
        # An office's own list has no identifiers: an actor is found again by its name (unique in the operation).
        return context["by_name"].get(header_key(values.get("name", "")))

    def _areas(self, context, text: str) -> list[str]:
        """Admin 1 units named by P-code or by name; what the gazetteer does not know is left for the form to refuse."""
        gazetteer = context["gazetteer"]
        codes = []
        for part in text.replace("\n", ",").replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            try:
                codes.append(gazetteer.resolve(part, AdminLevel.ADMIN1).pcode if gazetteer else part.upper())
            except ValidationError:
                codes.append(part)
        return codes

    def form(self, context, values, instance):
        kwargs = {"user": context["user"], "operation": context["operation"], "gazetteer": context["gazetteer"]}
        data = {}
        if instance is not None:
            initial_form = ActorForm(instance=instance, **kwargs)
            data = {name: initial_form[name].value() for name in initial_form.fields}
            data = {name: ("" if value is None else value) for name, value in data.items()}
        for name in ("name", "acronym", "aliases", "description"):
            if name in values:
                data[name] = values[name]
        if instance is not None and header_key(data.get("name", "")) == header_key(instance.name):
            data["name"] = instance.name  # found by its name written another way ("comite"): not renamed
        if values.get("category"):
            data["category"] = context["category"].get(header_key(values["category"]), values["category"])
        if values.get("type"):
            data["actor_type"] = context["type"].get(header_key(values["type"]), values["type"])
        if values.get("sensitivity"):
            data["sensitivity"] = context["sensitivity"].get(header_key(values["sensitivity"]), values["sensitivity"])
        if "parent" in values:
            parent = values["parent"]
            data["parent"] = context["parents"].get(header_key(parent), f"?{parent}") if parent else ""
        if "party_to_conflict" in values:
            data["party_to_conflict"] = YES_NO.get(header_key(values["party_to_conflict"])) or False
        if not data.get("party_to_conflict"):
            data.pop("party_to_conflict", None)  # a checkbox left unticked is absent from the form's data
        if "areas" in values:
            codes = self._areas(context, values["areas"])
            # Ticked among the gazetteer's units where the country has one; else typed as comma-separated text.
            data["areas"] = codes if context["gazetteer"] else ", ".join(codes)
        form = ActorForm(data=data, instance=instance, **kwargs)
        if instance is None:
            form.fields["sensitivity"].required = False
        form.import_before = self.snapshot(instance) if instance is not None else {}
        party = values.get("party_to_conflict", "")
        if party and YES_NO.get(header_key(party)) is None:
            form.is_valid()
            form.add_error("party_to_conflict", _("Write Yes or No."))
        return form

    def cell_of(self, field_name):
        if field_name == "__all__":
            return ""
        return FIELD_COLUMNS.get(field_name, field_name)

    def snapshot(self, instance) -> dict:
        return {Actor._meta.get_field(name).attname: getattr(instance, Actor._meta.get_field(name).attname)
                for name in FIELDS}  # fmt: skip

    def changes(self, context, form, instance) -> list[str]:
        after = self.snapshot(form.instance)
        return [
            str(Actor._meta.get_field(name).verbose_name)
            for name in FIELDS
            if after[Actor._meta.get_field(name).attname] != form.import_before[Actor._meta.get_field(name).attname]
        ]

    def save(self, context, form, instance):
        user = context["user"]
        if instance is None:
            return save_with_form(form, user, lambda: save_within_scope(user, form.instance, save=form.save))
        return edit_record(user=user, record=form.save(commit=False), expected_version=instance.version, fields=FIELDS)

    def undo(self, user, record, created, before):
        if created:
            with transaction.atomic():
                record._history_user = user
                record.delete()
            return
        for attname, value in before.items():
            field = next(f for f in Actor._meta.concrete_fields if f.attname == attname)
            setattr(record, attname, field.to_python(value))
        edit_record(user=user, record=record, expected_version=record.version, fields=FIELDS)
