"""What an import of one record type declares: its columns (header and HXL hashtag, as the export writes them), how
a row becomes its page form's data, how an existing record is found again by its reference, and how a record is
saved through the app's own services.

A column is matched by its HXL hashtag first, else by its header in any of the product's languages: the header is a
lazily translated string, so the French, Arabic and Spanish labels come from the translation catalogue with no list
to keep here. ``aliases`` adds other words offices use for the same column.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from .parsing import hashtag_key, header_key


class Kind(StrEnum):
    TEXT = "text"
    DATE = "date"
    NUMBER = "number"


@dataclass(frozen=True)
class ImportColumn:
    key: str
    header: str  # lazily translated
    hxl: str = ""
    kind: Kind = Kind.TEXT
    aliases: tuple = ()

    def labels(self) -> set[str]:
        """The header in every language of the product, and the aliases, as compared."""
        keys = {header_key(self.key)}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                keys.add(header_key(str(self.header)))
                keys.update(header_key(str(alias)) for alias in self.aliases)
        keys.discard("")
        return keys


def choice_keys(choices) -> dict[str, object]:
    """Each choice by its value and by its label in every language, as compared (a cell reads "Non-state armed
    group", "nsag" or, with the French catalogue, "Groupe armé non étatique")."""
    keys = {}
    for value, label in choices:
        keys[header_key(str(value))] = value
        for each in ImportColumn("", label).labels():
            keys[each] = value
    return keys


YES_NO = {"yes": True, "y": True, "true": True, "1": True, "oui": True, "si": True, "sí": True, "نعم": True,
          "no": False, "n": False, "false": False, "0": False, "non": False, "لا": False}  # fmt: skip


class Importer:
    """The base of a record type's import; a subclass is registered with :func:`register`."""

    name: str = ""
    title: str = ""
    model = None
    columns: tuple[ImportColumn, ...] = ()
    list_url_name: str = ""  # the records' list in the operation (the way back from the import pages)

    def match(self, headers: list[str], hashtags: list[str]) -> dict[int, ImportColumn]:
        """Which column of the file is which of ours: by hashtag where the file has one, else by header."""
        by_hashtag = {hashtag_key(column.hxl): column for column in self.columns if column.hxl}
        by_label: dict[str, ImportColumn] = {}
        for column in self.columns:
            for label in column.labels():
                by_label.setdefault(label, column)
        found: dict[int, ImportColumn] = {}
        taken: set[str] = set()
        for index, header in enumerate(headers):
            hashtag = hashtags[index] if index < len(hashtags) else ""
            column = by_hashtag.get(hashtag_key(hashtag)) or by_label.get(header_key(header))
            if column is not None and column.key not in taken:
                found[index] = column
                taken.add(column.key)
        return found

    def knows(self, header: str) -> bool:
        return any(header_key(header) in column.labels() for column in self.columns) or header.startswith("#")

    def check_operation(self, context: dict, values: dict) -> None:
        """A row that names another operation (its ``country_code``, as our exports write it) is refused: an import
        writes in its own operation only."""
        code = values.get("country_code", "").strip().upper()
        here = context["operation"].code
        if code and code != here:
            raise ValidationError(
                _("This row belongs to the operation %(code)s, not to %(here)s.") % {"code": code, "here": here}
            )

    # What a subclass provides -----------------------------------------------------------------------------------

    def prepare(self, user, operation) -> dict:
        """What every row needs, read once (choices by label, members by name …)."""
        return {}

    def existing(self, context: dict, values: dict):
        """The record a row names by its reference, or None for a new one."""
        return None

    def form(self, context: dict, values: dict, instance):
        """The page's form, bound to the row's values (on ``instance`` when the row updates it)."""
        raise NotImplementedError

    def cell_of(self, field_name: str) -> str:
        """The column key a form field's error belongs to."""
        return field_name

    def save(self, context: dict, form, instance):
        """Write the row through the app's services; return the record."""
        raise NotImplementedError

    def finish(self, context: dict) -> None:
        """After the last row is written, in the import's transaction: give back what was reserved for the rows
        (a block of references …). Nothing by default."""

    def snapshot(self, instance) -> dict:
        """The values of ``instance`` an update may change, kept to undo it."""
        return {}

    def changes(self, context: dict, form, instance) -> list[str]:
        """The labels of the fields a valid row changes on ``instance``; none: the row leaves it as it is."""
        return []

    def undo(self, user, record, created: bool, before: dict) -> None:
        raise NotImplementedError

    # Optional: a file whose rows are not one record each (ACLED: events naming actors) ---------------------------

    def rows(self, context: dict, rows):
        """The rows checked, as ``(row number, values, dates unsettled)``: by default the file's rows as they come
        (an iterator: a large file is never held whole); an importer may regroup them (one per record) or leave some
        out (say so in :meth:`notes`)."""
        return rows

    def detail(self, context: dict, values: dict) -> str:
        """What the preview says of a row beside its title; nothing by default."""
        return ""

    def notes(self, context: dict) -> list[str]:
        """What the preview says of the file as a whole (rows left out …), once every row is checked."""
        return []


_IMPORTERS: dict[str, Importer] = {}


def register(importer_class):
    importer = importer_class()
    _IMPORTERS[importer.name] = importer
    return importer_class


def get_importer(name: str) -> Importer | None:
    return _IMPORTERS.get(name)


def registered_importers() -> list[Importer]:
    return list(_IMPORTERS.values())
