"""The value checks the demo's schema is written with: each takes ``(value, where)`` and returns the value to
load, or raises :class:`DemoDataError` naming the file and entry."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from django.apps import apps

DATA_DIR = Path(__file__).resolve().parent / "data"
DEPLOYMENT_FILE = "deployment.yaml"

# Tasks name their owner and collaborators by slot in the operation (see the country files' comments).
OWNER_SLOTS = ("officer", "officer2", "head")
SLOTS = (*OWNER_SLOTS, "hct")
RECURRENCE = "monthly, first Monday"  # the one rule demo tasks repeat by


class DemoDataError(Exception):
    """A demo file is malformed. The message names the file and the entry; nothing has been loaded."""


# The field that names an entry in messages, the first an entry has.
LABELS = ("title", "key", "acronym", "username", "name", "requested", "code", "file")


def entry_name(section: str, index: int, entry) -> str:
    """``mli.yaml, tasks #3 ('Monthly analysis …')``: how messages point at an entry of a list."""
    fields = entry if isinstance(entry, dict) else {}
    label = next((fields[key] for key in LABELS if key in fields), None)
    return f"{section} #{index + 1}" + (f" ({label!r})" if label else "")


# --- Value checks: each takes (value, where) and returns the value to load ------------------------------------

REQUIRED = object()
Check = Callable[[object, str], object]


def text(value, where):
    if not isinstance(value, str) or not value.strip():
        raise DemoDataError(f"{where}: expected text, found {value!r}")
    return value


def whole(value, where):
    if not isinstance(value, int) or isinstance(value, bool):
        raise DemoDataError(f"{where}: expected a whole number, found {value!r}")
    return value


def flag(value, where):
    if not isinstance(value, bool):
        raise DemoDataError(f"{where}: expected true or false, found {value!r}")
    return value


def day(value, where):
    if not isinstance(value, date) or isinstance(value, datetime):
        raise DemoDataError(f"{where}: expected a date (YYYY-MM-DD), found {value!r}")
    return value


def texts(value, where):
    if not isinstance(value, list):
        raise DemoDataError(f"{where}: expected a list, found {value!r}")
    return tuple(text(item, f"{where} #{index + 1}") for index, item in enumerate(value))


def exactly(expected: str) -> Check:
    def check(value, where):
        if value != expected:
            raise DemoDataError(f"{where}: the only value supported is {expected!r}, found {value!r}")
        return value

    return check


def one_of(allowed: tuple[str, ...]) -> Check:
    def check(value, where):
        if value not in allowed:
            raise DemoDataError(f"{where}: {value!r} is not one of {', '.join(allowed)}")
        return value

    return check


def slots(allowed: tuple[str, ...]) -> Check:
    def check(value, where):
        return tuple(one_of(allowed)(item, where) for item in texts(value, where))

    return check


def choice(model: str, field: str) -> Check:
    """A value of a text choice field, e.g. ``choice("actors.Actor", "category")``."""

    def check(value, where):
        values = [str(option) for option, _ in apps.get_model(model)._meta.get_field(field).flatchoices]
        if value not in values:
            raise DemoDataError(f"{where}: {value!r} is not one of {', '.join(values)}")
        return value

    return check


def named_level(choices) -> Check:
    """An integer choice written by its name in lower case, e.g. ``strictly_confidential`` for Sensitivity."""
    names = {member.name.lower(): member.value for member in choices}

    def check(value, where):
        if value not in names:
            raise DemoDataError(f"{where}: {value!r} is not one of {', '.join(names)}")
        return names[value]

    return check


def mapping(spec: dict) -> Check:
    """A mapping with the fields of ``spec`` (name -> (check, default or REQUIRED)); unknown fields are refused."""

    def check(value, where):
        if not isinstance(value, dict):
            raise DemoDataError(f"{where}: expected a mapping of fields, found {value!r}")
        unknown = sorted(set(value) - set(spec))
        if unknown:
            raise DemoDataError(f"{where}: unknown field(s) {', '.join(unknown)}; expected some of {', '.join(spec)}")
        result = {}
        for name, (field_check, default) in spec.items():
            if value.get(name) is None:
                if default is REQUIRED:
                    raise DemoDataError(f"{where}: {name} is required")
                result[name] = default
            else:
                result[name] = field_check(value[name], f"{where}, {name}")
        return result

    return check


def entries(spec: dict) -> Check:
    """A list of mappings with the fields of ``spec``; messages name each by its title, key or name."""

    def check(value, where):
        if not isinstance(value, list):
            raise DemoDataError(f"{where}: expected a list, found {value!r}")
        return tuple(mapping(spec)(entry, entry_name(where, index, entry)) for index, entry in enumerate(value))

    return check


def keyed(spec: dict) -> Check:
    """A mapping of key -> mapping with the fields of ``spec`` (e.g. the places of a country)."""

    def check(value, where):
        if not isinstance(value, dict):
            raise DemoDataError(f"{where}: expected a mapping of keys, found {value!r}")
        return {str(key): mapping(spec)(entry, f"{where} {key!r}") for key, entry in value.items()}

    return check


def members(allowed) -> Check:
    """A list of values each one of ``allowed`` (e.g. an engagement's topics), without repeats."""

    def check(value, where):
        chosen = texts(value, where)
        for item in chosen:
            if item not in allowed:
                raise DemoDataError(f"{where}: {item!r} is not one of {', '.join(allowed)}")
        if len(set(chosen)) != len(chosen):
            raise DemoDataError(f"{where}: a value is listed twice")
        return chosen

    return check


def clock(value, where):
    """A local time of day written ``HH:MM`` (YAML reads an unquoted 09:30 as a number: quote it)."""
    parts = value.split(":") if isinstance(value, str) else []
    if len(parts) != 2 or not all(part.isdigit() for part in parts) or int(parts[0]) > 23 or int(parts[1]) > 59:
        raise DemoDataError(f"{where}: expected a time of day as 'HH:MM' (quoted), found {value!r}")
    return int(parts[0]), int(parts[1])


def point(value, where):
    """A pair of decimal degrees ``[latitude, longitude]``."""
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(n, int | float) for n in value)):
        raise DemoDataError(f"{where}: expected [latitude, longitude] in decimal degrees, found {value!r}")
    return tuple(value)
