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

import codecs
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
MAX_ROWS = 100_000  # the most rows a file may have (``IMPORT_MAX_ROWS``); past IMPORT_BACKGROUND_ROWS, a worker
MAX_COLUMNS = 200
HEADER_SEARCH_ROWS = 10  # the header row is looked for among the first rows (a title or a group row may precede it)
CHUNK = 64 * 1024


class ImportRefused(Exception):  # noqa: N818 - a refusal, named as the user reads it
    """A file the importer will not read; ``str(error)`` says why, to the user."""


def max_import_bytes() -> int:
    return int(getattr(settings, "IMPORT_MAX_MB", 10) * 1024 * 1024)


def max_rows() -> int:
    return int(getattr(settings, "IMPORT_MAX_ROWS", MAX_ROWS))


def _too_many_rows() -> ImportRefused:
    return ImportRefused(
        _("The file has more than %(rows)s rows: split it into files of at most %(rows)s rows.") % {"rows": max_rows()}
    )


@dataclass
class Sheet:
    headers: list[str]
    hashtags: list[str] = field(default_factory=list)
    rows: list[tuple[int, list]] = field(default_factory=list)  # (row number in the file, cells)


@dataclass
class SheetStream:
    """A sheet read as a stream: the headers, read once, and :meth:`rows`, which reads the file again from its start
    each time it is called and yields one row at a time, so that memory does not grow with the file."""

    headers: list[str]
    hashtags: list[str]
    width: int
    body_from: int  # the number, in the file, of the first row after the header (and HXL) rows
    raw_rows: object  # () -> iterator of the file's rows as lists of cells, blank ones included

    def rows(self):
        limit = max_rows()
        seen = 0
        for number, row in enumerate(self.raw_rows(), start=1):
            if number < self.body_from or _blank(row):
                continue
            seen += 1
            if seen > limit:
                raise _too_many_rows()
            yield number, (list(row) + [""] * self.width)[: self.width]

    def count(self) -> int:
        return sum(1 for _row in self.rows())


def _size_of(source) -> int:
    if isinstance(source, (bytes, bytearray)):
        return len(source)
    position = source.tell()
    size = source.seek(0, io.SEEK_END)
    source.seek(position)
    return size


def open_sheet(name: str, source, known=None) -> SheetStream:
    """The sheet in ``source`` (bytes, or a seekable binary file) called ``name``, its header read, its rows to be
    streamed. ``known(cell)`` says whether a header cell names a column of the import, to find the header row below
    a title; without it, the first non-blank row is the header. Raises :class:`ImportRefused` saying why."""
    lower = (name or "").lower()
    while not isinstance(source, (bytes, bytearray, io.IOBase)) and hasattr(source, "file"):
        source = source.file  # an uploaded or a stored file: the file object it wraps
    if _size_of(source) > max_import_bytes():
        raise ImportRefused(
            _("The file is larger than %(limit)s MB, the largest an import takes.")
            % {"limit": getattr(settings, "IMPORT_MAX_MB", 10)}
        )
    if lower.endswith((".xlsm", ".xltm", ".xlam")):
        raise ImportRefused(_("Macro-enabled workbooks (.xlsm) are refused: save the sheet as .xlsx or .csv."))
    if lower.endswith(".xls"):
        raise ImportRefused(_("Old Excel files (.xls) cannot be read: save the sheet as .xlsx or .csv."))
    if isinstance(source, (bytes, bytearray)):
        source = io.BytesIO(source)
    source.seek(0)
    magic = source.read(4)
    source.seek(0)
    if magic == b"PK\x03\x04" or lower.endswith(".xlsx"):
        check_zip(source)
        raw_rows = _xlsx_reader(source)
    elif lower.endswith((".csv", ".txt")) or not lower:
        raw_rows = _csv_reader(source)
    else:
        raise ImportRefused(_("Only .xlsx and .csv files can be imported."))
    return _header(raw_rows, known)


def read_sheet(name: str, data: bytes, known=None) -> Sheet:
    """The whole sheet in ``data``, its rows in a list (a small file; see :func:`open_sheet` for a stream)."""
    stream = open_sheet(name, data, known)
    return Sheet(headers=stream.headers, hashtags=stream.hashtags, rows=list(stream.rows()))


# --- CSV --------------------------------------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """UTF-8 (a byte-order mark dropped), else Windows-1252, else Latin-1 (which decodes any byte)."""
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def _encoding_of(source) -> str:
    """UTF-8 (a byte-order mark dropped), else Windows-1252, else Latin-1: judged by decoding the whole file, a
    chunk at a time."""
    for encoding in ("utf-8-sig", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)()
        source.seek(0)
        try:
            while chunk := source.read(CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    return "latin-1"


def _csv_reader(source):
    source.seek(0)
    if b"\x00" in source.read(4096):
        raise ImportRefused(_("This file is not a CSV text file (it holds binary data)."))
    encoding = _encoding_of(source)
    source.seek(0)
    first_line = source.read(CHUNK).split(b"\n", 1)[0].decode(encoding, errors="replace")
    delimiter = max((";", ",", "\t"), key=first_line.count)
    if not first_line.count(delimiter):
        delimiter = ","

    def raw_rows():
        source.seek(0)
        text = io.TextIOWrapper(source, encoding=encoding, newline="")
        try:
            yield from csv.reader(text, delimiter=delimiter)
        except csv.Error as error:
            raise ImportRefused(_("The CSV file cannot be read: %(error)s.") % {"error": error}) from None
        finally:
            text.detach()  # the file stays open for the next reading

    return raw_rows


# --- XLSX -------------------------------------------------------------------------------------------------------


def check_zip(source) -> None:
    """Refuse a workbook that is not a zip, carries macros, or unzips to far more than it weighs. Only the zip's
    directory is read: nothing is unzipped to judge it."""
    if isinstance(source, (bytes, bytearray)):
        source = io.BytesIO(source)
    try:
        archive = zipfile.ZipFile(source)
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
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


def _xlsx_reader(source):
    def raw_rows():
        from openpyxl import load_workbook

        source.seek(0)
        try:
            # read_only: rows stream from the XML; data_only=False: a formula cell reads as its text, never evaluated.
            workbook = load_workbook(source, read_only=True, data_only=False, keep_links=False)
        except Exception:  # openpyxl raises many kinds on a damaged file
            raise ImportRefused(_("This file is not a valid Excel workbook (.xlsx).")) from None
        try:
            sheet = workbook.worksheets[0]
            for row in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
                cells = [_cell(value) for value in row]
                while cells and cells[-1] == "":
                    cells.pop()
                yield cells
        except ImportRefused:
            raise
        except Exception:
            raise ImportRefused(_("This file is not a valid Excel workbook (.xlsx).")) from None
        finally:
            workbook.close()

    return raw_rows


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


def _header(raw_rows, known) -> SheetStream:
    """The header (and HXL) rows, found among the first non-blank rows; the rest is left to stream."""
    numbered = []
    rows = raw_rows()
    try:
        for number, row in enumerate(rows, start=1):
            if not _blank(row):
                numbered.append((number, row[:MAX_COLUMNS]))
            if len(numbered) > HEADER_SEARCH_ROWS + 1:
                break
    finally:
        rows.close()
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
    body_from = numbered[header_at][0] + 1
    after = numbered[header_at + 1 : header_at + 2]
    hashtags: list[str] = []
    if after and all(str(cell).strip() == "" or str(cell).strip().startswith("#") for cell in after[0][1]):
        hashtags = ([str(cell).strip() for cell in after[0][1]] + [""] * width)[:width]
        body_from = after[0][0] + 1
    elif known is not None and all(str(h).startswith("#") or not h for h in headers):
        hashtags, headers = headers, [""] * width
    return SheetStream(headers=headers, hashtags=hashtags, width=width, body_from=body_from, raw_rows=raw_rows)
