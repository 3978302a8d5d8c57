"""Importing a country's admin-1 and admin-2 units from a COD-style CSV file with an HXL hashtag row.

OCHA's common operational datasets (CODs) publish administrative boundaries as tables: a header row, an HXL row
(``#adm1+code``, ``#adm1+name``, ``#adm2+code``, ``#adm2+name``, often ``#country+code``), then one line per
unit of the lowest level, each repeating its parent's code and name. Columns are found by their hashtag, never by
position or header text, so the layouts of different CODs load alike; further name columns of a level (other
languages, ``#adm1+name+i_fr``) become the unit's alternative names.

Every line is checked before anything is written (:func:`read_gazetteer`); one bad line refuses the whole file
with each bad line's number, and nothing is loaded. A good file is written in one transaction
(:func:`gazetteer_import`): new units are created, names and parents of known ones updated, and units of the file's
countries that the file leaves out are kept but marked inactive (records naming them still read their names; the
picker stops offering them) and listed in the report. Importing the same file again changes nothing.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _
from django_countries import countries

from cmcoord.core.text import strip_bidi_controls
from cmcoord.core.validators import pcode_problem

from .models import AdminLevel, AdminUnit

NAME_MAX_LENGTH = AdminUnit._meta.get_field("name").max_length
# The columns the import reads: (hashtag, attribute the column must carry).
ADM1_CODE, ADM1_NAME, ADM2_CODE, ADM2_NAME, COUNTRY_CODE = (
    ("#adm1", "code"),
    ("#adm1", "name"),
    ("#adm2", "code"),
    ("#adm2", "name"),
    ("#country", "code"),
)


class GazetteerFileError(Exception):
    """The file cannot be loaded; ``problems`` are ``(line number or None, message)``, in file order."""

    def __init__(self, problems: list[tuple[int | None, str]]):
        super().__init__("\n".join(_line_message(line, message) for line, message in problems))
        self.problems = problems


def _line_message(line: int | None, message: str) -> str:
    return _("line %(line)s: %(message)s") % {"line": line, "message": message} if line else message


@dataclass
class UnitRow:
    """A unit as the file describes it, with the first line that names it."""

    country: str  # ISO alpha-2
    level: int
    pcode: str
    name: str
    line: int
    parent: str = ""  # admin 1 P-code of an admin 2 unit
    alternative_names: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    countries: list[str]
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    retired: list[str] = field(default_factory=list)  # P-codes left out of the file, now marked inactive


# --- Reading and checking ---------------------------------------------------------------------------------------


def _parse_tag(cell: str) -> tuple[str, frozenset[str]] | None:
    """``"#adm1 +code +v_pcode"`` → ``("#adm1", {"code", "v_pcode"})``; None for a cell that is no hashtag."""
    parts = [part.strip().lower() for part in cell.strip().split("+")]
    if not parts[0].startswith("#") or len(parts[0]) < 2:
        return None
    return parts[0], frozenset(part for part in parts[1:] if part)


def _columns(tags: list[tuple[str, frozenset[str]] | None], wanted: tuple[str, str]) -> list[int]:
    """Indexes of the columns tagged ``wanted`` (hashtag and attribute), a ``+v_pcode`` code column first."""
    hashtag, attribute = wanted
    found = [i for i, tag in enumerate(tags) if tag and tag[0] == hashtag and attribute in tag[1]]
    return sorted(found, key=lambda i: "v_pcode" not in tags[i][1])


def _hxl_row(rows: list[tuple[int, list[str]]]) -> int | None:
    """Position of the hashtag row among the first two rows: every non-empty cell a hashtag."""
    for position, (_line, cells) in enumerate(rows[:2]):
        filled = [cell for cell in cells if cell.strip()]
        if filled and all(_parse_tag(cell) for cell in filled):
            return position
    return None


def _country_code(value: str) -> str:
    """ISO alpha-2 of an alpha-2 or alpha-3 code (``CF``, ``CAF``), or "" when it is neither."""
    value = value.strip().upper()
    code = countries.alpha2(value) if value else ""
    return code or ""


def read_gazetteer(source, *, country: str = "") -> list[UnitRow]:
    """The units of a COD-style CSV (a path, or a text stream), every line checked; :class:`GazetteerFileError`
    with every bad line's number otherwise. ``country`` (alpha-2 or alpha-3) is the file's country where it has
    no ``#country+code`` column, and must agree with that column where it has one."""
    if isinstance(source, (str, Path)):
        with open(source, encoding="utf-8-sig", newline="") as stream:
            return read_gazetteer(stream, country=country)
    expected = _country_code(country) if country else ""
    if country and not expected:
        raise GazetteerFileError([(None, _("“%(code)s” is not an ISO 3166 country code.") % {"code": country})])
    try:
        reader = csv.reader(source)
        rows = [(reader.line_num, cells) for cells in reader]
    except (csv.Error, UnicodeDecodeError) as error:
        message = _("The file is not a readable UTF-8 CSV file (%(error)s).") % {"error": error}
        raise GazetteerFileError([(None, message)]) from error
    position = _hxl_row(rows)
    if position is None:
        raise GazetteerFileError(
            [(None, _("The file has no HXL hashtag row (#adm1+code, #adm1+name …) under its header row."))]
        )
    tags = [_parse_tag(cell) for cell in rows[position][1]]
    columns = {wanted: _columns(tags, wanted) for wanted in (ADM1_CODE, ADM1_NAME, ADM2_CODE, ADM2_NAME, COUNTRY_CODE)}
    missing = [f"{tag}+{attribute}" for (tag, attribute) in (ADM1_CODE, ADM1_NAME) if not columns[(tag, attribute)]]
    if columns[ADM2_CODE] and not columns[ADM2_NAME]:
        missing.append("#adm2+name")
    if missing:
        raise GazetteerFileError(
            [(rows[position][0], _("The HXL row has no %(tags)s column.") % {"tags": ", ".join(missing)})]
        )
    if not columns[COUNTRY_CODE] and not expected:
        raise GazetteerFileError(
            [(None, _("Say which country the file describes: a #country+code column, or --country."))]
        )
    return _check_rows(rows[position + 1 :], columns, expected)


def _cell(cells: list[str], indexes: list[int]) -> str:
    return strip_bidi_controls(cells[indexes[0]]).strip() if indexes and indexes[0] < len(cells) else ""


def _others(cells: list[str], indexes: list[int]) -> list[str]:
    return [strip_bidi_controls(cells[i]).strip() for i in indexes[1:] if i < len(cells) and cells[i].strip()]


def _check_rows(rows, columns, expected: str) -> list[UnitRow]:
    units: dict[str, UnitRow] = {}
    problems: list[tuple[int, str]] = []
    pending_parents: list[tuple[int, str, str]] = []  # (line, admin 1 code, admin 2 code) whose parent has no name yet

    def note(line, message):
        problems.append((line, message))

    def add(unit: UnitRow):
        known = units.get(unit.pcode)
        if known is None:
            units[unit.pcode] = unit
            return
        if known.level != unit.level:
            note(unit.line, _("%(pcode)s is used at both admin levels (line %(first)s).") % {
                "pcode": unit.pcode, "first": known.line})  # fmt: skip
        elif unit.name and known.name and unit.name != known.name:
            note(unit.line, _("%(pcode)s is named “%(name)s” here but “%(other)s” on line %(first)s.") % {
                "pcode": unit.pcode, "name": unit.name, "other": known.name, "first": known.line})  # fmt: skip
        elif unit.parent != known.parent:
            note(unit.line, _("%(pcode)s is under %(parent)s here but under %(other)s on line %(first)s.") % {
                "pcode": unit.pcode, "parent": unit.parent, "other": known.parent, "first": known.line})  # fmt: skip
        elif unit.name and not known.name:
            known.name = unit.name
        for name in unit.alternative_names:
            if name not in known.alternative_names and name != known.name:
                known.alternative_names.append(name)

    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        country = expected
        if columns[COUNTRY_CODE]:
            given = _cell(cells, columns[COUNTRY_CODE])
            country = _country_code(given)
            if not country:
                note(line, _("“%(code)s” is not an ISO 3166 country code.") % {"code": given})
                continue
            if expected and country != expected:
                note(line, _("the line is of %(code)s, not of the country asked for (%(expected)s).") % {
                    "code": given, "expected": expected})  # fmt: skip
                continue
        adm1_code, adm1_name = _cell(cells, columns[ADM1_CODE]), _cell(cells, columns[ADM1_NAME])
        adm2_code, adm2_name = _cell(cells, columns[ADM2_CODE]), _cell(cells, columns[ADM2_NAME])
        line_problems = len(problems)
        if not adm1_code:
            if adm2_code:
                note(line, _("admin 2 unit %(pcode)s has no admin 1 P-code: its parent is missing.") % {
                    "pcode": adm2_code})  # fmt: skip
            else:
                note(line, _("no admin 1 P-code."))
            continue
        bad_codes = False
        for code in (adm1_code, adm2_code):
            if code and (problem := pcode_problem(code, country)):
                note(line, f"{code}: {problem}")
                bad_codes = True
        if adm2_code and not adm2_name:
            note(line, _("admin 2 unit %(pcode)s has no name.") % {"pcode": adm2_code})
        if adm2_name and not adm2_code:
            note(line, _("admin 2 unit “%(name)s” has no P-code.") % {"name": adm2_name})
        for name in (adm1_name, adm2_name):
            if len(name) > NAME_MAX_LENGTH:
                note(line, _("“%(name)s…” is longer than %(max)s characters.") % {
                    "name": name[:30], "max": NAME_MAX_LENGTH})  # fmt: skip
        if adm2_code and not bad_codes and not adm2_code.startswith(adm1_code):
            note(line, _("%(pcode)s does not start with the P-code of its admin 1 unit (%(parent)s).") % {
                "pcode": adm2_code, "parent": adm1_code})  # fmt: skip
        if len(problems) > line_problems:
            continue
        add(UnitRow(country, AdminLevel.ADMIN1, adm1_code, adm1_name, line,
                    alternative_names=_others(cells, columns[ADM1_NAME])))  # fmt: skip
        if adm2_code:
            add(UnitRow(country, AdminLevel.ADMIN2, adm2_code, adm2_name, line, parent=adm1_code,
                        alternative_names=_others(cells, columns[ADM2_NAME])))  # fmt: skip
            pending_parents.append((line, adm1_code, adm2_code))

    nameless = {code for code, unit in units.items() if unit.level == AdminLevel.ADMIN1 and not unit.name}
    known = (
        set(AdminUnit.objects.filter(pcode__in=nameless, level=AdminLevel.ADMIN1).values_list("pcode", flat=True))
        if nameless
        else set()
    )
    for line, parent, child in pending_parents:
        if parent in nameless and parent not in known:
            note(line, _("the parent of %(pcode)s, admin 1 unit %(parent)s, has no name in the file and is not in "
                         "the gazetteer.") % {"pcode": child, "parent": parent})  # fmt: skip
    for code in sorted(nameless - known - {parent for _line, parent, _child in pending_parents}):
        note(units[code].line, _("admin 1 unit %(pcode)s has no name.") % {"pcode": code})
    stored_levels = dict(AdminUnit.objects.filter(pcode__in=list(units)).values_list("pcode", "level"))
    for code, unit in units.items():
        if code in stored_levels and stored_levels[code] != unit.level:
            note(unit.line, _("%(pcode)s is an admin %(level)s unit in the gazetteer already.") % {
                "pcode": code, "level": stored_levels[code]})  # fmt: skip
    if problems:
        raise GazetteerFileError(sorted(problems, key=lambda problem: problem[0]))
    if not units:
        raise GazetteerFileError([(None, _("The file has no units under its HXL row."))])
    return list(units.values())


# --- Writing ------------------------------------------------------------------------------------------------


def gazetteer_import(*, source, country: str = "") -> ImportReport:
    """Check the file (:func:`read_gazetteer`), then create, update and retire units in one transaction."""
    rows = read_gazetteer(source, country=country)
    with transaction.atomic():
        return _write(rows)


def _write(rows: list[UnitRow]) -> ImportReport:
    file_countries = sorted({row.country for row in rows})
    report = ImportReport(countries=file_countries)
    stored = {unit.pcode: unit for unit in AdminUnit.objects.select_for_update().filter(country__in=file_countries)}
    in_file = {row.pcode for row in rows}
    for level in (AdminLevel.ADMIN1, AdminLevel.ADMIN2):  # parents first, so that children find their ids
        new, changed = [], []
        for row in (row for row in rows if row.level == level):
            parent = stored[row.parent] if row.parent else None
            values = {
                "country": row.country,
                "level": row.level,
                "name": row.name or (stored[row.pcode].name if row.pcode in stored else row.pcode),
                "parent_id": parent.pk if parent else None,
                "alternative_names": "\n".join(row.alternative_names),
                "is_active": True,
            }
            unit = stored.get(row.pcode)
            if unit is None:
                unit = AdminUnit(pcode=row.pcode, **values)
                new.append(unit)
                report.created.append(row.pcode)
            elif any(getattr(unit, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(unit, name, value)
                changed.append(unit)
                report.updated.append(row.pcode)
            else:
                report.unchanged += 1
            stored[row.pcode] = unit
        AdminUnit.objects.bulk_create(new, batch_size=500)
        if not all(unit.pk for unit in new):  # backends that return no ids from a bulk insert
            ids = dict(AdminUnit.objects.filter(pcode__in=[u.pcode for u in new]).values_list("pcode", "pk"))
            for unit in new:
                unit.pk = ids[unit.pcode]
        AdminUnit.objects.bulk_update(
            changed, ["country", "level", "name", "parent", "alternative_names", "is_active"], batch_size=500
        )
    retired = [unit for code, unit in stored.items() if code not in in_file and unit.is_active]
    AdminUnit.objects.filter(pk__in=[unit.pk for unit in retired]).update(is_active=False)
    report.retired = sorted(unit.pcode for unit in retired)
    return report


def import_text(text: str, *, country: str = "") -> ImportReport:
    """:func:`gazetteer_import` of a file's content (tests, and the demo's fixture)."""
    return gazetteer_import(source=io.StringIO(text), country=country)
