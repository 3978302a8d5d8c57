"""Free text as it may be stored: without the invisible characters that reorder what a reader sees.

Bidirectional overrides, embeddings, isolates and marks (U+202A to U+202E, U+2066 to U+2069, U+200E, U+200F and
U+061C) make a title or name display differently from what it contains: ``invoice\u202ecod.exe`` reads as
``invoiceexe.doc``. Text that names or identifies (titles, names, codes, an actor's aliases, the people present at
an engagement) never needs them, so they are removed there. Long texts (descriptions, notes) keep the embeddings,
isolates and marks that right-to-left writing uses, but never the two overrides (U+202D, U+202E), which no language
needs: they only make text display as something else.
"""

from __future__ import annotations

import re

from django.db import models

BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
BIDI_OVERRIDES = re.compile("[\u202d\u202e]")


def strip_bidi_controls(value: str) -> str:
    """``value`` without bidirectional control characters."""
    return BIDI_CONTROLS.sub("", value)


def strip_bidi_overrides(value: str) -> str:
    """``value`` without the left-to-right and right-to-left overrides; the marks and isolates stay."""
    return BIDI_OVERRIDES.sub("", value)


def clean_bidi(value: str, *, names: bool) -> str:
    """``value`` as it may be stored: text that ``names`` something loses every control, other text the overrides."""
    return strip_bidi_controls(value) if names else strip_bidi_overrides(value)


def names_something(instance: models.Model, field: models.Field) -> bool:
    """Whether ``field`` of ``instance`` names or identifies: every one-line text field (``CharField``), and the long
    ones a model lists in ``name_text_fields`` (an actor's aliases, one per line, are names)."""
    if isinstance(field, models.CharField):
        return True
    return field.name in getattr(instance, "name_text_fields", ())


def strip_bidi_from_text_fields(instance: models.Model) -> None:
    """Remove bidirectional controls from every text field of ``instance``, in place (see the module's docstring)."""
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField) or field.choices:
            continue
        value = getattr(instance, field.attname)
        if isinstance(value, str) and BIDI_CONTROLS.search(value):
            setattr(instance, field.attname, clean_bidi(value, names=names_something(instance, field)))
