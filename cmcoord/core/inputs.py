"""Strict input: what every form field and filter of the product accepts, decided here once for all of them.

Django, django-filter and Python accept more than a person types, and more than the product can honour:

- ``int("\u0661\u0662\u0663")`` (Arabic-Indic 123), full-width digits and ``float("\u0665")`` are numbers to
  Python, so such digits reached count fields, coordinates and choices (actor #123); ``+5``, ``10.0`` and ``1e2``
  passed as integers. Numbers and identifiers take the ASCII digits 0 to 9 only (a leading minus sign, and a dot
  before decimals where the field has decimals), and the error says so.
- Dates and times take years 2000 to 2100 (:data:`~cmcoord.core.validators.EARLIEST_DATE` …), like the dates
  the models already checked: year 1 in Bangui's offset was a date PostgreSQL cannot store (a 500).
- A checkbox sends ``on`` (or nothing); Django took any other value, ``0`` and ``bogus`` included, as ticked.
  Only ``on``, ``true`` and ``false`` (what Django's own widgets and clients send) count; anything else is refused.
- One file field takes one file: the browser sends one, and a second one was silently dropped.
- Text that was not valid UTF-8 arrives with U+FFFD in its place; it is refused, not stored as the replacement.
- One-line text loses bidirectional controls, long text (a ``Textarea``) the overrides (:mod:`cmcoord.core.text`).

Forms get all this by deriving from :class:`StrictInputMixin` (``ScopedModelForm``, ``StrictForm``,
``StrictModelForm`` in :mod:`cmcoord.core.forms`; ``ScopedFilterSet`` gives it to every filter's form, so the
pages and the API alike). Each field is hardened when the form validates, fields added late included: its class
becomes a subclass with :class:`StrictFieldMixin` (a copy of the form copies it as such).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .text import clean_bidi
from .validators import validate_sane_date

ASCII_INTEGER = re.compile(r"-?[0-9]+", re.ASCII)
# An identifier: at most 18 digits, so that it fits a bigint (a longer one was a 500: no database column takes it).
ASCII_IDENTIFIER = re.compile(r"-?[0-9]{1,18}", re.ASCII)
ASCII_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?", re.ASCII)
ASCII_TEMPORAL = re.compile(r"[\x00-\x7f]*")  # other scripts' digits; words get Django's own message
REPLACEMENT_CHARACTER = "\ufffd"
#: What a checkbox sends when ticked (``on``, without a value attribute) and the words Django's widgets map.
CHECKBOX_VALUES = {"on": True, "true": True, "false": False}

INTEGER_MESSAGE = _("Enter a whole number in the digits 0 to 9 only (e.g. 123), without “+”, decimals or an exponent.")
DECIMAL_MESSAGE = _("Enter a number in the digits 0 to 9 only, with a dot before any decimals (e.g. 4.25).")
IDENTIFIER_MESSAGE = _("Choose from the list: an identifier is written in the digits 0 to 9 only.")
TEMPORAL_MESSAGE = _("Enter the date in the digits 0 to 9 only, as YYYY-MM-DD (e.g. 2026-11-21).")
CHECKBOX_MESSAGE = _("A checkbox is either ticked or not: “%(value)s” is neither.")
FILES_MESSAGE = _("Choose one file here; %(count)s were sent. Attach the others one at a time.")
ENCODING_MESSAGE = _("This contains characters that are not valid text (UTF-8) and cannot be saved; type it again.")


class InvalidCheckbox(str):
    """What a checkbox widget read when it was sent a value no checkbox sends; the field refuses it."""


class TooManyFiles(list):
    """The files a single-file field was sent, more than one; the field refuses them."""


def ascii_integer(text) -> int | None:
    """``text`` as an integer if it is one written in ASCII digits (at most 18, so that it fits a bigint); else None.

    For the few numbers read outside a form: a page number, a version in a query parameter.
    """
    if isinstance(text, int):
        return text
    if not isinstance(text, str) or len(text.strip()) > 18 or not ASCII_INTEGER.fullmatch(text.strip()):
        return None
    return int(text)


def integer_key(field: forms.ModelChoiceField) -> bool:
    """Whether a model choice is identified by an integer (its primary key, or an integer ``to_field_name``). A name
    that is no model field (an operation's ``code``, as the missions' schema documents the operations) is text."""
    model = field.queryset.model
    try:
        key = model._meta.get_field(field.to_field_name) if field.to_field_name else model._meta.pk
    except FieldDoesNotExist:
        return False
    while isinstance(key, models.ForeignKey | models.OneToOneField):
        key = key.target_field
    return isinstance(key, models.IntegerField | models.AutoField)


def _integer_choices(field: forms.ChoiceField) -> bool:
    """Whether every choice of ``field`` is an integer (a level, a rating), option groups included."""
    keys = []
    for key, label in field.choices:
        if isinstance(label, list | tuple):
            keys.extend(choice for choice, _label in label)
        else:
            keys.append(key)
    keys = [key for key in keys if key not in ("", None)]
    return bool(keys) and all(isinstance(key, int) and not isinstance(key, bool) for key in keys)


def number_rule(field: forms.Field) -> tuple[re.Pattern, str] | None:
    """The pattern the raw input of ``field`` must match, and the error saying so; None for fields of text."""
    if isinstance(field, forms.FloatField | forms.DecimalField):
        return ASCII_DECIMAL, DECIMAL_MESSAGE
    if isinstance(field, forms.IntegerField):
        return ASCII_INTEGER, INTEGER_MESSAGE
    if isinstance(field, forms.ModelChoiceField):
        return (ASCII_IDENTIFIER, IDENTIFIER_MESSAGE) if integer_key(field) else None
    if isinstance(field, forms.ChoiceField) and _integer_choices(field):
        return ASCII_INTEGER, IDENTIFIER_MESSAGE
    if isinstance(field, forms.DateField | forms.DateTimeField | forms.TimeField):
        return ASCII_TEMPORAL, TEMPORAL_MESSAGE
    return None


def _texts(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [item for item in value if isinstance(item, str)]
    return []


def raw_problem(field: forms.Field, value) -> ValidationError | None:
    """Why the raw ``value`` a widget read cannot be taken by ``field``, before the field converts it; or None."""
    if isinstance(value, InvalidCheckbox):
        return ValidationError(CHECKBOX_MESSAGE, code="invalid_checkbox", params={"value": value[:40]})
    if isinstance(value, TooManyFiles):
        return ValidationError(FILES_MESSAGE, code="too_many_files", params={"count": len(value)})
    texts = _texts(value)
    if any(REPLACEMENT_CHARACTER in text for text in texts):
        return ValidationError(ENCODING_MESSAGE, code="invalid_encoding")
    rule = number_rule(field)
    if rule is not None:
        pattern, message = rule
        if any(_misread(text.strip(), pattern, choice=message is IDENTIFIER_MESSAGE) for text in texts):
            return ValidationError(message, code="not_ascii_digits")
    return None


def _misread(text: str, pattern: re.Pattern, *, choice: bool) -> bool:
    """Whether ``text`` would be read as a number it is not written as. A choice written in words ("five") is left
    to the field, which answers that it is no valid choice."""
    if not text or pattern.fullmatch(text):
        return False
    return not choice or not text.isascii() or any(character.isdigit() for character in text)


def settled_problem(field: forms.Field, value) -> None:
    """Refuse a converted date or date and time outside 2000 to 2100 (in the value's own time zone)."""
    if isinstance(field, forms.DateField | forms.DateTimeField):
        if isinstance(value, datetime):
            validate_sane_date(value.date())
        elif isinstance(value, date):
            validate_sane_date(value)


class StrictFieldMixin:
    """Mixed into a form field's class by :func:`harden_field`: the raw input is checked before the field reads it,
    a date after; text loses bidirectional controls before the field's own validators see it."""

    def clean(self, value, *args, **kwargs):
        problem = raw_problem(self, value)
        if problem is not None:
            raise problem
        cleaned = super().clean(value, *args, **kwargs)
        settled_problem(self, cleaned)
        return cleaned

    def to_python(self, value):
        value = super().to_python(value)
        text = isinstance(self, forms.CharField) and isinstance(value, str)
        if text and not isinstance(self.widget, forms.PasswordInput):
            value = clean_bidi(value, names=not isinstance(self.widget, forms.Textarea))
        return value


class StrictCheckboxMixin:
    """A checkbox that reads only what a checkbox sends (:data:`CHECKBOX_VALUES`)."""

    def value_from_datadict(self, data, files, name):
        if name not in data:
            return False
        value = data.get(name)
        if not isinstance(value, str):
            return bool(value)
        if value.lower() in CHECKBOX_VALUES:
            return CHECKBOX_VALUES[value.lower()]
        return InvalidCheckbox(value)


class StrictFileInputMixin:
    """A single-file input that notices a second file under its name instead of keeping the last one."""

    def value_from_datadict(self, data, files, name):
        if not getattr(self, "allow_multiple_selected", False) and hasattr(files, "getlist"):
            sent = files.getlist(name)
            if len(sent) > 1:
                return TooManyFiles(sent)
        return super().value_from_datadict(data, files, name)


_STRICT_CLASSES: dict[tuple[type, type], type] = {}


def _strict_class(mixin: type, cls: type) -> type:
    if issubclass(cls, mixin):
        return cls
    key = (mixin, cls)
    if key not in _STRICT_CLASSES:
        _STRICT_CLASSES[key] = type(f"Strict{cls.__name__}", (mixin, cls), {"__module__": cls.__module__})
    return _STRICT_CLASSES[key]


def harden_field(field: forms.Field) -> forms.Field:
    """Give ``field`` (an instance, e.g. one of ``form.fields``) and its widget the strict rules, in place."""
    field.__class__ = _strict_class(StrictFieldMixin, type(field))
    if isinstance(field, forms.MultiValueField):  # e.g. a date range: each part is a field of its own
        for part in field.fields:
            harden_field(part)
    widget = field.widget
    if isinstance(widget, forms.CheckboxInput):
        widget.__class__ = _strict_class(StrictCheckboxMixin, type(widget))
    elif isinstance(widget, forms.FileInput):
        widget.__class__ = _strict_class(StrictFileInputMixin, type(widget))
    return field


class StrictInputMixin:
    """A form whose every field follows the strict rules of this module (see its docstring)."""

    def full_clean(self):
        for field in self.fields.values():
            harden_field(field)
        super().full_clean()
