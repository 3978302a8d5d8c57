"""The API's writes go through the record type's own form, the one its pages use: a JSON body is laid over what
the form would post as it stands (a new record's defaults, or the record as stored) and the form validates the
result, so that the API and the pages cannot disagree on a choice the user may not make or a rule of the model.

Also here: the request bodies the schema documents, made from the same forms.
"""

from __future__ import annotations

import copy

from django import forms
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from cmcoord.core.inputs import integer_key
from cmcoord.core.versioning import OPENED, form_data
from cmcoord.gazetteer.forms import PlaceField

MAX_LIST = 500  # more values than any field's choices: a list this long is not a choice
NOT_TEXT = gettext_lazy("This is not valid text (UTF-8).")


def accepted_fields(form) -> list[str]:
    """The fields an API body may carry: the form's own, not those it keeps for the page (the version, which an
    edit names on its own, and the links as the page was opened)."""
    return [name for name in form.fields if name != "version" and not name.startswith(OPENED)]


def is_multiple(field) -> bool:
    return isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)


def body_over(form, body: dict):
    """``form``'s data (unbound: what it would post as it stands) with the JSON ``body``'s fields laid over it, and
    the names of the fields the body sent. Raises ``ValidationError({field: [message]})`` for a field the form does
    not have or a value no form input could carry (an object, a list for one value, text for a checkbox)."""
    data = form_data(form)
    allowed = set(accepted_fields(form))
    errors = {}
    for name, value in body.items():
        if not is_text(name):
            errors["non_field_errors"] = [_("A field name is not valid text (UTF-8).")]
            continue
        if name not in allowed:
            errors[name] = [_("Unknown field.")]
            continue
        bound_field = form[name]
        if problem := _put_json(data, bound_field, value):
            errors[name] = [problem]
    if errors:
        raise ValidationError(errors)
    return data, list(body)


def _put_json(data, bound_field, value) -> str:
    """Set ``bound_field``'s posted value from a JSON value, as the page's input would carry it; the reason when
    no input could."""
    field, key = bound_field.field, bound_field.html_name
    if is_multiple(field):
        if value is None:
            value = []
        if not isinstance(value, list) or not all(_is_scalar(item) and item is not None for item in value):
            return _("Expected a list of values (text or numbers).")
        if len(value) > MAX_LIST:
            return _("At most %(n)s values.") % {"n": MAX_LIST}
        if not all(is_text(item) for item in value if isinstance(item, str)):
            return NOT_TEXT
        data.setlist(key, [str(item) for item in value])
        return ""
    if not _is_scalar(value):
        return _("Expected one value: text, a number, true, false or null.")
    if isinstance(value, str) and not is_text(value):
        return NOT_TEXT
    if isinstance(field, forms.CharField) and isinstance(value, bool | int | float):  # the schema says text
        return _("Expected text (or null).")
    if isinstance(field.widget, forms.CheckboxInput):
        if value is not None and not isinstance(value, bool):
            return _("Expected true or false.")
        if value:
            data[key] = "on"
        else:
            data.pop(key, None)
        return ""
    if value is None:
        data[key] = ""
    elif isinstance(value, bool):
        data[key] = "true" if value else "false"
    else:
        data[key] = str(value)
    return ""


def _is_scalar(value) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def is_text(value: str) -> bool:
    """Whether ``value`` is text UTF-8 can carry: JSON's ``\\ud800`` is a lone surrogate, which no page could post
    and no database column takes."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def error_dict(errors, whole: str = "non_field_errors") -> dict[str, list[str]]:
    """A form's or a service's errors as the API answers them: ``{"field": ["message"]}``, those of no one field
    under ``whole`` (``non_field_errors``, or the one field an action takes)."""
    if isinstance(errors, ValidationError):
        errors = errors.message_dict if hasattr(errors, "error_dict") else {"__all__": errors.messages}
    return {(whole if name == "__all__" else name): [str(m) for m in messages] for name, messages in (
        errors.items()
    )}  # fmt: skip


# --- The request bodies in the schema -------------------------------------------------------------------------

DATETIME_HELP = "A date and time in the operation's time zone (ISO 8601, e.g. 2026-03-01T14:30)."
PLACE_HELP = "A place of the operation's country in the gazetteer: its P-code, its name, or “Name (P-code)”."
LINKS_HELP = "The ids of the records linked (their references for tasks); the list replaces the record's."


def _schema_field(field: forms.Field, partial: bool):
    """A serializer field that describes what the API takes for the form's ``field`` (documentation only: the form
    validates)."""
    required = field.required and not partial
    kwargs = {"required": required, "help_text": str(field.help_text) or None}
    scalar = {**kwargs, "allow_null": not field.required}
    if isinstance(field, forms.ModelMultipleChoiceField):  # ids as the server takes them: integers, or references
        child = serializers.IntegerField() if integer_key(field) else serializers.CharField()
        # Null, where the form does not require the field, is read as no links (as an empty list).
        return serializers.ListField(child=child, **{**scalar, "help_text": LINKS_HELP})
    if isinstance(field, forms.MultipleChoiceField):
        return serializers.ListField(child=serializers.ChoiceField(choices=list(field.choices)), **scalar)
    if isinstance(field, forms.ModelChoiceField):
        return serializers.IntegerField(**scalar) if integer_key(field) else serializers.CharField(**scalar)
    if isinstance(field, forms.ChoiceField):
        choices = [(key, label) for key, label in field.choices if key != ""]  # as the model's: one enum for both
        return serializers.ChoiceField(choices=choices, **scalar)
    if isinstance(field, forms.BooleanField):
        return serializers.BooleanField(**kwargs)
    if isinstance(field, forms.IntegerField):
        return serializers.IntegerField(min_value=field.min_value, max_value=field.max_value, **scalar)
    if isinstance(field, forms.DecimalField):
        return serializers.DecimalField(
            max_digits=field.max_digits, decimal_places=field.decimal_places, coerce_to_string=False, **scalar
        )
    if isinstance(field, forms.DateTimeField):
        return serializers.DateTimeField(**{**scalar, "help_text": DATETIME_HELP})
    if isinstance(field, forms.DateField):
        return serializers.DateField(**scalar)
    if isinstance(field, PlaceField):
        return serializers.CharField(max_length=field.max_length, **{**scalar, "help_text": PLACE_HELP})
    return serializers.CharField(max_length=getattr(field, "max_length", None), allow_blank=True, **scalar)


def form_body(build_form, model_name: str, *, partial: bool, parents: dict | None = None):
    """The request body of a create (``partial=False``: what names the new record's place, ``parents``, by default
    the operation's code, and the form's required fields) or an edit (every field optional, and the version it
    starts from), from the form ``build_form()`` makes. Its fields are made when the schema is (a form may read its
    choices then), not when the module loads."""

    def get_fields(self):
        form = build_form()
        declared = {name: _schema_field(form.fields[name], partial) for name in accepted_fields(form)}
        if partial:
            declared["version"] = serializers.IntegerField(
                required=False, min_value=1, help_text="The version the edit starts from (or the If-Match header)."
            )
        elif parents is None:
            declared = {"operation": serializers.CharField(help_text="The operation's code, e.g. CAF."), **declared}
        else:
            declared = {**copy.deepcopy(parents), **declared}
        return declared

    name = f"{model_name}Edit" if partial else f"{model_name}New"
    return type(name, (serializers.Serializer,), {"get_fields": get_fields, "__module__": __name__})


def nobodys_form(form_class, **kwargs):
    """``form_class`` as it is built for a user (fields a form adds for itself included), built for nobody, by
    default in no operation: it reads no one's data. ``kwargs`` are the form's arguments besides the user (the
    actor of an assessment …)."""
    from cmcoord.operations.models import CountryOperation

    kwargs.setdefault("operation", CountryOperation(pk=0, country="", time_zone="UTC"))
    return form_class(user=AnonymousUser(), **kwargs)


def schema_form(record_type, **kwargs):
    """The type's form as it is built for nobody (:func:`nobodys_form`): what the schema's bodies are made from."""
    return nobodys_form(record_type.form, **kwargs)
