"""FilterSet base: every model choice a filter offers passes through the same scoping as the pages."""

from __future__ import annotations

import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .access import Action
from .inputs import StrictInputMixin

ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
ISO_DATE_MESSAGE = _("Enter the date as YYYY-MM-DD (e.g. 2026-11-21).")
#: What a yes / no / either filter takes (what Django's select sends, lower or title case): anything else is refused
#: rather than read as "either", which would answer the whole list to a client that meant to filter it.
YES_NO_VALUES = {"": None, "unknown": None, "true": True, "false": False}
YES_NO_MESSAGE = _("Choose true, false or unknown (either): “%(value)s” is none of them.")


class _InvalidYesNo(str):
    """What a yes / no filter's select read when sent a value it does not offer; the field refuses it."""


class StrictYesNoSelectMixin:
    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        if not isinstance(value, str):
            return super().value_from_datadict(data, files, name)
        if value.strip().lower() in YES_NO_VALUES:
            return YES_NO_VALUES[value.strip().lower()]
        return _InvalidYesNo(value)


class StrictFilterFieldMixin:
    """A filter's date in ISO form only (a date input sends it so; Django also read 2026-1-5 and 01/05/2026), a yes
    / no filter with one of its own values only."""

    def clean(self, value):
        if isinstance(self, forms.NullBooleanField) and isinstance(value, str):  # a plain select's raw value
            value = value if value.strip().lower() in YES_NO_VALUES else _InvalidYesNo(value)
        if isinstance(value, _InvalidYesNo):
            raise ValidationError(YES_NO_MESSAGE, code="invalid_choice", params={"value": value[:40]})
        text = value.strip() if isinstance(value, str) else ""
        if isinstance(self, forms.DateField) and text and not ISO_DATE.fullmatch(text):
            raise ValidationError(ISO_DATE_MESSAGE, code="invalid")
        return super().clean(value)


def _subclass(mixin: type, cls: type, cache: dict = {}) -> type:  # noqa: B006 - a cache of the classes made
    if issubclass(cls, mixin):
        return cls
    if (mixin, cls) not in cache:
        cache[mixin, cls] = type(f"Filter{cls.__name__}", (mixin, cls), {"__module__": cls.__module__})
    return cache[mixin, cls]


def _harden_filter_field(field: forms.Field) -> None:
    if isinstance(field, forms.MultiValueField):  # a date range: each part is a date field of its own
        for part in field.fields:
            _harden_filter_field(part)
    if isinstance(field, forms.DateField | forms.NullBooleanField):
        field.__class__ = _subclass(StrictFilterFieldMixin, type(field))
    if isinstance(field.widget, forms.NullBooleanSelect):
        field.widget.__class__ = _subclass(StrictYesNoSelectMixin, type(field.widget))


class StrictFilterFormMixin:
    def full_clean(self):
        for field in self.fields.values():
            _harden_filter_field(field)
        super().full_clean()


class ScopedFilterSet(django_filters.FilterSet):
    """A FilterSet that takes the acting ``user`` and narrows every model choice filter to what they may see.

    Its form follows the strict input rules (:mod:`cmcoord.core.inputs`), for the list pages and the API alike, and
    the filters' own: dates as YYYY-MM-DD, a yes / no filter one of true, false or unknown.
    A filter's queryset may be narrowed further (``.filter(operation=…)``) but is never replaced by a plain
    ``Model.objects`` queryset: subclasses narrow ``self.filters[name].queryset`` after ``super().__init__``.
    """

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, user=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        self.user = user if user is not None else getattr(request, "user", None)
        for filter_ in self.filters.values():
            choices = getattr(filter_, "queryset", None)
            if choices is not None and hasattr(choices, "restrict"):
                filter_.queryset = choices.restrict(self.user, Action.VIEW)

    def get_form_class(self):
        form_class = super().get_form_class()
        return type(form_class.__name__, (StrictFilterFormMixin, StrictInputMixin, form_class), {})
