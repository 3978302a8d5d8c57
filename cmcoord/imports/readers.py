"""Reading a spreadsheet as offices save it, and refusing a hostile one before it is read.

CSV: UTF-8 with or without a byte-order mark, else Windows-1252 (Excel's "CSV" on a Western Windows); the
separator is a comma, a semicolon (French Excel) or a tab, judged from the first line. XLSX: read in openpyxl's
read-only mode with formulas kept as their text (nothing is ever evaluated); macro-enabled workbooks (.xlsm, or
a workbook carrying a VBA project) are refused, and so is a zip whose unzipped size or compression ratio betrays a
zip bomb. Every refusal is an :class:`ImportRefused` whose message says why, in the reader's language.

What comes out is a :class:`Sheet`: the header row (a header cell merged over several rows or left empty under
a group title is filled from the cells above it), the HXL hashtag row when there is one, and the data rows as
text or Python values (dates stay dates), blank rows left out, each with its row number in the file.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

# A sheet's unzipped parts may not exceed this, nor be more than RATIO times their compressed size.
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
MAX_ROWS = 10_000  # checked and written within one request; a larger file is refused and says so
MAX_COLUMNS = 200
HEADER_SEARCH_ROWS = 10  # the header row is looked for among the first rows (a title or a group row may precede it)


class ImportRefused(Exception):  # noqa: N818 - a refusal, named as the user reads it
    """A file the importer will not read; ``str(error)`` says why, to the user."""


def max_import_bytes() -> int:
    return int(getattr(settings, "IMPORT_MAX_MB", 10) * 1024 * 1024)


@dataclass
class Sheet:
    headers: list[str]
    hashtags: list[str] = field(default_factory=list)
    rows: list[tuple[int, list]] = field(default_factory=list)  # (row number in the file, cells)


def read_sheet(name: str, data: bytes, known=None) -> Sheet:
    """The sheet in ``data`` (a file called ``name``). ``known(cell)`` says whether a header cell names a column
    of the import, to find the header row below a title; without it, the first non-blank row is the header."""
    lower = (name or "").lower()
    if len(data) > max_import_bytes():
        raise ImportRefused(
            _("The file is larger than %(limit)s MB, the largest an import takes.")
            % {"limit": getattr(settings, "IMPORT_MAX_MB", 10)}
        )
    if lower.endswith((".xlsm", ".xltm", ".xlam")):
        raise ImportRefused(_("Macro-enabled workbooks (.xlsm) are refused: save the sheet as .xlsx or .csv."))
    if lower.endswith(".xls"):
        raise ImportRefused(_("Old Excel files (.xls) cannot be read: save the sheet as .xlsx or .csv."))
    if data[:4] == b"PK\x03\x04" or lower.endswith(".xlsx"):
        rows = _xlsx_rows(data)
    elif lower.endswith((".csv", ".txt")) or not lower:
        rows = _csv_rows(data)
    else:
        raise ImportRefused(_("Only .xlsx and .csv files can be imported."))
    return _sheet(rows, known)


# --- CSV --------------------------------------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """UTF-8 (a byte-order mark dropped), else Windows-1252, else Latin-1 (which decodes any byte)."""
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def _csv_rows(data: bytes) -> list[list]:
    if b"\x00" in data[:4096]:
        raise ImportRefused(_("This file is not a CSV text file (it holds binary data)."))
    text = decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    if not first_line.count(delimiter):
        delimiter = ","
    try:
        rows = []
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            rows.append(row)
            if len(rows) > MAX_ROWS + HEADER_SEARCH_ROWS:
                raise ImportRefused(
                    _("The file has more than %(rows)s rows: split it into files of at most %(rows)s rows.")
                    % {"rows": MAX_ROWS}
                )
    except csv.Error as error:
        raise ImportRefused(_("The CSV file cannot be read: %(error)s.") % {"error": error}) from None
    return rows


# --- XLSX -------------------------------------------------------------------------------------------------------


def check_zip(data: bytes) -> None:
    """Refuse a workbook that is not a zip, carries macros, or unzips to far more than it weighs."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ImportRefused(_("This file is not a valid Excel workbook (.xlsx).")) from None
    unzipped = sum(member.file_size for member in members)
    compressed = sum(member.compress_size for member in members) or 1
    if unzipped > MAX_UNZIPPED_BYTES or unzipped / compressed > MAX_RATIO:
        raise ImportRefused(
            _("The workbook unzips to %(size)s MB, %(ratio)s times its size: refused as a possible zip bomb.")
            % {"size": round(unzipped / 1024 / 1024, 1), "ratio": round(unzipped / compressed)}
        )
    names = {member.filename.lower() for member in members}
    if any(name.endswith("vbaproject.bin") for name in names):
        raise ImportRefused(_("Macro-enabled workbooks (.xlsm) are refused: save the sheet as .xlsx or .csv."))
    if "[content_types].xml" not in names or not any(name.startswith("xl/worksheets/") for name in names):
        raise ImportRefused(_("This file is not a valid Excel workbook (.xlsx)."))


def _xlsx_rows(data: bytes) -> list[list]:
    check_zip(data)
    from openpyxl import load_workbook

    try:
        # read_only: rows stream from the XML; data_only=False: a formula cell reads as its text, never evaluated.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Exception:  # openpyxl raises many kinds on a damaged file
        raise ImportRefused(_("This file is not a valid Excel workbook (.xlsx).")) from None
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
            cells = [_cell(value) for value in row]
            while cells and cells[-1] == "":
                cells.pop()
            rows.append(cells)
            if len(rows) > MAX_ROWS + HEADER_SEARCH_ROWS:
                raise ImportRefused(
                    _("The file has more than %(rows)s rows: split it into files of at most %(rows)s rows.")
                    % {"rows": MAX_ROWS}
                )
    except ImportRefused:
        raise
    except Exception:
        raise ImportRefused(_("This file is not a valid Excel workbook (.xlsx).")) from None
    finally:
        workbook.close()
    return rows


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date() if value.time() == datetime.time(0) else value
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)  # a formula is its text ("=SUM(A1:A3)"), kept as text


# --- The sheet ----------------------------------------------------------------------------------------------------


def _blank(row) -> bool:
    return all(str(cell).strip() == "" for cell in row)


def _sheet(rows: list[list], known) -> Sheet:
    numbered = [(number, row) for number, row in enumerate(rows, start=1) if not _blank(row)]
    if len(numbered) > MAX_ROWS + 2:  # the header and HXL rows aside
        message = _("The file has more than %(rows)s rows: split it into files of at most %(rows)s rows.")
        raise ImportRefused(message % {"rows": MAX_ROWS})
    if not numbered:
        raise ImportRefused(_("The file has no rows."))
    header_at = 0
    if known is not None:
        scores = [sum(1 for cell in row if known(str(cell))) for _n, row in numbered[:HEADER_SEARCH_ROWS]]
        header_at = max(range(len(scores)), key=lambda i: (scores[i], -i))
    width = min(max(len(row) for _n, row in numbered), MAX_COLUMNS)
    headers = [str(cell).strip() for cell in numbered[header_at][1]] + [""] * width
    headers = headers[:width]
    # A header merged over two rows, or under a merged group title, keeps its text in a cell above: take it.
    for column, text in enumerate(headers):
        if not text:
            for _n, above in reversed(numbered[:header_at]):
                if column < len(above) and str(above[column]).strip():
                    headers[column] = str(above[column]).strip()
                    break
    body = numbered[header_at + 1 :]
    hashtags: list[str] = []
    if body and all(str(cell).strip() == "" or str(cell).strip().startswith("#") for cell in body[0][1]):
        hashtags = ([str(cell).strip() for cell in body[0][1]] + [""] * width)[:width]
        body = body[1:]
    elif known is not None and all(str(h).startswith("#") or not h for h in headers):
        hashtags, headers = headers, [""] * width
    return Sheet(
        headers=headers,
        hashtags=hashtags,
        rows=[(number, (list(row) + [""] * width)[:width]) for number, row in body],
    )
