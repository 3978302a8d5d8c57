"""Free text as it may be stored: without the invisible characters that reorder what a reader sees.

Bidirectional overrides, embeddings, isolates and marks (U+202A to U+202E, U+2066 to U+2069, U+200E, U+200F and
U+061C) make a title or name display differently from what it contains: ``invoice\u202ecod.exe`` reads as
``invoiceexe.doc``. Titles, names and other one-line identifiers never need them, so they are removed there; long
texts (descriptions, notes) keep them, since right-to-left writing uses the marks.
"""

from __future__ import annotations

import re

from django.db import models

BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def strip_bidi_controls(value: str) -> str:
    """``value`` without bidirectional control characters."""
    return BIDI_CONTROLS.sub("", value)


def strip_bidi_from_char_fields(instance: models.Model) -> None:
    """Remove bidirectional controls from every one-line text field (``CharField``) of ``instance``, in place."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.CharField) and not field.choices:
            value = getattr(instance, field.attname)
            if isinstance(value, str) and BIDI_CONTROLS.search(value):
                setattr(instance, field.attname, strip_bidi_controls(value))
