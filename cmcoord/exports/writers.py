"""The three formats, each written with constant memory whatever the number of rows.

CSV: UTF-8 with a byte-order mark, the header row, the HXL hashtag row, then the rows. On PostgreSQL the rows are
the queryset's own SQL run through ``COPY (…) TO STDOUT WITH (FORMAT csv)`` and passed on chunk by chunk; elsewhere
(SQLite) they are read 2,000 at a time and written into a small buffer by :func:`csv_line`, which quotes as ``COPY``
does. Both give the same bytes: every cell is text made by the database (NULL for empty text), so nothing depends
on Python's types.

JSON: an array of objects keyed by the columns' stable keys, streamed row by row (raw text, no neutralisation).

XLSX: openpyxl's write-only workbook (rows go to a temporary file as they come), header and HXL rows first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date

from django.core.exceptions import EmptyResultSet
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections

from .registry import Export, Kind, neutralise_cell

CHUNK_ROWS = 2000
BUFFER_BYTES = 64 * 1024
# Characters XML 1.0 (hence XLSX) cannot hold: openpyxl refuses them; they are dropped from XLSX cells only.
ILLEGAL_XLSX_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class RowCounter:
    """How many rows a stream wrote; ``done`` once it reached the end (a download broken off never does)."""

    def __init__(self):
        self.rows = 0
        self.done = False


NEEDS_QUOTES = re.compile(r'[,"\n\r]')


def csv_line(row) -> str:
    """One CSV line as PostgreSQL's ``COPY … WITH (FORMAT csv)`` writes it: NULL as nothing, an empty text as
    ``""``, quotes around text holding a comma, a quote, a line feed or a carriage return (Python's :mod:`csv`
    leaves a lone carriage return unquoted, so it cannot be used), and ``\n`` at the end."""
    cells = []
    for value in row:
        if value is None:
            cells.append("")
            continue
        text = str(value)
        if not text or NEEDS_QUOTES.search(text):
            text = '"' + text.replace('"', '""') + '"'
        cells.append(text)
    return ",".join(cells) + "\n"


# UTF-8's byte-order mark opens the file: without it, Excel reads UTF-8 as the local code page ("YakitÃ©" for
# "Yakité"); libhxl and Python's "utf-8-sig" read it as the mark it is.
BOM = "\ufeff"


def csv_head(export: Export) -> bytes:
    return (BOM + csv_line(export.headers()) + csv_line(export.hashtags())).encode()


def uses_copy(queryset) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def csv_rows_copy(export: Export, queryset, counter: RowCounter) -> Iterator[bytes]:
    """The rows through PostgreSQL's COPY: the database writes the CSV, we pass its chunks on."""
    rows = export.rows(queryset)
    try:
        sql, params = rows.query.sql_with_params()
    except EmptyResultSet:  # a queryset that cannot match (``none()``): no row, no query
        return
    connection = connections[rows.db]
    statement = f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)"
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor  # psycopg 3's own cursor
        if not hasattr(cursor, "mogrify"):
            # Server-side binding cannot bind COPY's parameters: merge them client-side once.
            from psycopg import ClientCursor

            statement, params = ClientCursor(cursor.connection).mogrify(statement, params), None
        with cursor.copy(statement, params) as copy:
            # psycopg hands COPY's data on as the server sends it, about a row at a time: passed on like that,
            # every row would cross the response's machinery on its own (a 42,000-row export took 2.4 s against
            # COPY's 1.0 s). Gathered into blocks of BUFFER_BYTES, the stream costs little more than COPY.
            block, size = [], 0
            for chunk in copy:
                block.append(chunk)
                size += len(chunk)
                if size >= BUFFER_BYTES:
                    yield b"".join(block)
                    block, size = [], 0
            if block:
                yield b"".join(block)
        counter.rows = max(cursor.rowcount, 0)


def csv_rows_portable(export: Export, queryset, counter: RowCounter) -> Iterator[bytes]:
    """The rows through the ORM in chunks, written as COPY would write them."""
    lines, size = [], 0
    for row in export.rows(queryset).iterator(chunk_size=CHUNK_ROWS):
        line = csv_line(row)
        lines.append(line)
        size += len(line)
        counter.rows += 1
        if size >= BUFFER_BYTES:
            yield "".join(lines).encode()
            lines, size = [], 0
    if lines:
        yield "".join(lines).encode()


def stream_csv(export: Export, queryset, counter: RowCounter, *, portable: bool = False) -> Iterator[bytes]:
    yield csv_head(export)
    rows = csv_rows_portable if portable or not uses_copy(queryset) else csv_rows_copy
    yield from rows(export, queryset, counter)
    counter.done = True


def stream_json(export: Export, queryset, counter: RowCounter) -> Iterator[bytes]:
    keys = export.keys
    encoder = DjangoJSONEncoder(ensure_ascii=False)
    parts, size = ["["], 1
    for row in export.rows(queryset, for_json=True).iterator(chunk_size=CHUNK_ROWS):
        text = ("," if counter.rows else "") + "\n" + encoder.encode(dict(zip(keys, row, strict=True)))
        parts.append(text)
        size += len(text)
        counter.rows += 1
        if size >= BUFFER_BYTES:
            yield "".join(parts).encode()
            parts, size = [], 0
    parts.append("\n]\n")
    yield "".join(parts).encode()
    counter.done = True


def xlsx_cell(value):
    """A cell safe to open: text that looks like a formula is neutralised (again, should the SQL have missed it),
    characters XML cannot hold are dropped and line breaks are line feeds."""
    if isinstance(value, str):
        # A spreadsheet's line break is a line feed (XML reads a bare carriage return as one anyway).
        value = ILLEGAL_XLSX_CHARACTERS.sub("", value).replace("\r\n", "\n").replace("\r", "\n")
        return neutralise_cell(value)
    return value


def write_xlsx(
    export: Export, queryset, target, counter: RowCounter, progress: Callable[[int], None] | None = None
) -> None:
    """Write the export into ``target`` (a binary file) as an XLSX workbook; ``progress(rows)`` every chunk."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(export.title)[:31] or "export")
    headers = [xlsx_cell(text) for text in export.headers()]
    for number, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = min(max(len(header) + 2, 10), 50)
    sheet.freeze_panes = "A3"  # the header and HXL rows stay in view
    dates = {n for n, column in enumerate(export.columns) if column.kind is Kind.DATE}
    sheet.append(headers)
    sheet.append(export.hashtags())
    for row in export.rows(queryset).iterator(chunk_size=CHUNK_ROWS):
        sheet.append([xlsx_date(sheet, value) if n in dates else xlsx_cell(value) for n, value in enumerate(row)])
        counter.rows += 1
        if progress is not None and counter.rows % CHUNK_ROWS == 0:
            progress(counter.rows)
    # The filter's buttons sit on the HXL row, so sorting moves the data rows only, never the hashtags.
    sheet.auto_filter.ref = f"A2:{get_column_letter(max(len(headers), 1))}{counter.rows + 2}"
    workbook.save(target)
    counter.done = True


def xlsx_date(sheet, value):
    """An ISO date cell as a spreadsheet date (sortable, shown as YYYY-MM-DD); text it cannot read stays text."""
    from openpyxl.cell import WriteOnlyCell

    try:
        day = date.fromisoformat(value)
    except (TypeError, ValueError):
        return xlsx_cell(value)
    cell = WriteOnlyCell(sheet, value=day)
    cell.number_format = "yyyy-mm-dd"
    return cell
