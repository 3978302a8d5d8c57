"""Reference data shipped in several languages: a text field's translations kept beside it, in one JSON field.

Why a JSON field rather than a column per language (django-modeltranslation): the shipped rows are few (the
Guidance Note's five areas and 34 activities), a new language then needs no migration and no new column, and a
row a head of office writes (a local activity) carries no translations at all: it is shown as written, in the
office's own language, whatever the reader's language. ``translations`` reads ``{"fr": {"name": "…"}, …}``.
"""

from __future__ import annotations

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


def translations_field():
    return models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        help_text=_('The texts in other languages, e.g. {"fr": {"name": "…"}}; empty: shown as written.'),
    )


def translated_value(translations, field: str, written: str) -> str:
    """``field`` of a row's ``translations`` in the current language, else ``written`` (the text as stored): for
    code that reads the columns with ``values()`` rather than rows."""
    language = (translation.get_language() or "").split("-")[0]
    texts = translations.get(language) if isinstance(translations, dict) else None
    text = texts.get(field) if isinstance(texts, dict) else None
    return text if isinstance(text, str) and text else written


class TranslatedTextMixin:
    """``translated("name")``: the field in the current language where the row has it, else as written."""

    def translated(self, field: str) -> str:
        return translated_value(self.translations, field, getattr(self, field))

    @property
    def display_name(self) -> str:
        return self.translated("name")

    @property
    def display_description(self) -> str:
        return self.translated("description")
