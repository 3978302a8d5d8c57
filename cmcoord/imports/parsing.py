"""Reading a cell's value as offices type it: dates (ISO, or day/month/year where the user says which), numbers
with a decimal comma, headers in any case and with or without accents."""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from enum import StrEnum

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_SLASHED = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})$")


class DateOrder(StrEnum):
    DMY = "dmy"  # 03/04/2026 is 3 April (most of the world, French Excel)
    MDY = "mdy"  # 03/04/2026 is March 4 (United States)


DATE_ORDERS = tuple(order.value for order in DateOrder)


def slashed_parts(text: str) -> tuple[int, int, int] | None:
    match = _SLASHED.match(text.strip())
    if not match:
        return None
    first, second, year = (int(part) for part in match.groups())
    if year < 100:
        year += 2000
    return first, second, year


def date_order_needed(values) -> DateOrder | bool | None:
    """What the written dates of a column say about their order: a :class:`DateOrder` when one of them settles it
    (a first part over 12 is a day), None when there is no slashed date at all, True when every slashed date could
    be read either way (03/04/2026): then the user must choose, the importer never guesses."""
    ambiguous = False
    for value in values:
        if not isinstance(value, str):
            continue
        parts = slashed_parts(value)
        if parts is None:
            continue
        first, second, _year = parts
        if first > 12 >= second:
            return DateOrder.DMY
        if second > 12 >= first:
            return DateOrder.MDY
        if first != second:
            ambiguous = True
    return True if ambiguous else None


def to_iso_date(value, order: DateOrder | None) -> str:
    """The cell as ISO 8601 text for a form's date field; text it cannot read as a date is returned as it is, for
    the form to refuse with its own message. A slashed date with no ``order`` is read day first only where its
    parts leave no doubt (same day and month, or a part over 12)."""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value or "").strip()
    match = _ISO.match(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
        return f"{year:04d}-{month:02d}-{day:02d}"
    parts = slashed_parts(text)
    if parts is None:
        return text
    first, second, year = parts
    if order is None:
        if first > 12:
            order = DateOrder.DMY
        elif second > 12 or first == second:
            order = DateOrder.MDY
        else:
            return text
    day, month = (first, second) if order is DateOrder.DMY else (second, first)
    return f"{year:04d}-{month:02d}-{day:02d}"


def to_number(value) -> str:
    """A number as a form reads it: a decimal comma (French Excel: "1 234,5") becomes a point; thousands
    separators (space, no-break space, apostrophe) go. Text that is no number is returned as it is."""
    text = str(value or "").strip()
    compact = re.sub(r"[\s\u00a0\u202f']", "", text)
    if "," in compact and "." not in compact:
        compact = compact.replace(",", ".")
    elif "," in compact and "." in compact:
        compact = compact.replace(",", "")
    try:
        Decimal(compact)
    except InvalidOperation:
        return text
    return compact


def header_key(text: str) -> str:
    """A header as it is compared: no accents, any case, punctuation and repeated spaces alike ("Date
    d'échéance" meets "date d echeance"); Arabic letters are kept."""
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^\w#+]+", " ", text.casefold())
    return " ".join(text.split())


def hashtag_key(text: str) -> str:
    """An HXL hashtag with its attributes in any order and case: ``#Date +End`` is ``#date+end``."""
    parts = [part.strip().lower() for part in str(text or "").replace(" ", "").split("+")]
    if not parts or not parts[0].startswith("#"):
        return ""
    return "+".join([parts[0], *sorted(part for part in parts[1:] if part)])
