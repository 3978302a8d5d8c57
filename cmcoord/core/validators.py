"""Validators shared by the apps' models: what a field must hold, checked by every form and by ``full_clean``."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

# Digits with the separators people write between them: spaces, hyphens, dots, parentheses; an optional leading
# "+" before the country code. ASCII only, so that no look-alike digit or space slips through.
PHONE_PATTERN = re.compile(r"\+?[0-9 ().\-]+", re.ASCII)
# E.164 allows at most 15 digits with the country code; fewer than 6 is no number anyone can dial.
PHONE_DIGITS = range(6, 16)


def validate_phone_number(value: str) -> None:
    """A phone number as people write it in the field: ``+236 75 12 34 56``, ``+211-912-345-678``, ``(021) 555 0101``.

    Letters, extensions written out and stray symbols are refused, so that a contact's number can be dialled
    as it stands when it matters.
    """
    digits = sum(character.isdigit() for character in value)
    if not PHONE_PATTERN.fullmatch(value) or digits not in PHONE_DIGITS or "+" in value[1:]:
        raise ValidationError(
            _(
                "Enter a phone number in digits, with the country code for an international number "
                "(e.g. +236 75 12 34 56). Spaces, hyphens, dots and brackets may separate the digits."
            ),
            code="invalid_phone",
            params={"value": value},
        )


# --- Values that travel in addresses ------------------------------------------------------------------------
# A value stored in a record and later put into a URL (a mission's acronym, a task's reference, an activity's
# code) must be one that the URL patterns accept: otherwise the record saves, then every page that links to it
# fails. Each pattern has a twin in ``cmcoord.core.converters``, which accepts at least what it allows.

#: ISO 3166-1 alpha-3, as in ``/operations/CAF/``.
OPERATION_CODE = r"[A-Za-z]{3}"
#: A mission's acronym: capital letters and digits, hyphens inside (``MINUSCA``, ``EUFOR-RCA``).
ACRONYM = r"[A-Z0-9](?:[A-Z0-9-]*[A-Z0-9])?"
#: A task's reference: operation, year, number (``CAF-2026-0042``).
TASK_REFERENCE = r"[A-Z]{3}-[0-9]{4}-[0-9]{4,11}"
#: A catalogue activity's code: capital letters and digits, hyphens or dots inside (``AN-1``, ``CAF-LOC.2``).
ACTIVITY_CODE = r"[A-Z0-9](?:[A-Z0-9.-]*[A-Z0-9])?"
#: A task area's code (``AN``).
AREA_CODE = r"[A-Z]{2}"
#: A P-code (OCHA's common operational datasets): the country's ISO 3166-1 alpha-2 code then digits, an admin-2
#: code starting with its admin-1 code (``CF71``, ``CF7101``). The one rule of tasks, actors' areas, the other
#: records' places and the gazetteer (``cmcoord.gazetteer``).
PCODE = r"[A-Z]{2}[0-9]{1,9}"


def full_match(pattern: str) -> str:
    """The anchored form of ``pattern`` (``\\Z``, so a trailing newline does not pass)."""
    return rf"^(?:{pattern})\Z"


validate_acronym = RegexValidator(
    full_match(ACRONYM),
    _("Use capital letters and digits, with hyphens only between them (e.g. MINUSCA or EUFOR-RCA)."),
    code="invalid_acronym",
)
validate_task_reference = RegexValidator(
    full_match(TASK_REFERENCE),
    _("A reference is the operation's code, the year and a number, e.g. CAF-2026-0042."),
    code="invalid_reference",
)
validate_activity_code = RegexValidator(
    full_match(ACTIVITY_CODE),
    _("Use capital letters and digits, with hyphens or dots only between them (e.g. CAF-1)."),
    code="invalid_code",
)
validate_area_code = RegexValidator(
    full_match(AREA_CODE), _("An area's code is two capital letters, e.g. AN."), code="invalid_code"
)
PCODE_PATTERN = re.compile(full_match(PCODE))


def pcode_problem(value: str, country: str = "") -> str | None:
    """Why ``value`` is not a P-code (of ``country``, an ISO alpha-2 code, when given); None when it is one."""
    if not PCODE_PATTERN.match(value):
        return _("A P-code is the country's two capital letters then digits, e.g. CF11 or CF1101.")
    if country and not value.startswith(country):
        return _("P-codes of this operation start with %(country)s.") % {"country": country}
    return None


validate_operation_code = RegexValidator(
    full_match(OPERATION_CODE),
    _("An operation's code is the country's three-letter ISO code, e.g. CAF."),
    code="invalid_operation",
)

#: The dates a task can carry. Anything outside is a typing slip (year 1, year 20260) that would, in a recurring
#: task, ask for occurrences over centuries.
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2100, 12, 31)


def validate_sane_date(value: date | None) -> None:
    """Refuse a date outside :data:`EARLIEST_DATE` to :data:`LATEST_DATE`, saying which range is allowed."""
    if value is not None and not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValidationError(
            _("Choose a date between %(earliest)s and %(latest)s."),
            code="date_out_of_range",
            params={"earliest": EARLIEST_DATE.isoformat(), "latest": LATEST_DATE.isoformat()},
        )
