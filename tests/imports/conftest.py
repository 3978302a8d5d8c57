"""A temporary ``MEDIA_ROOT`` per test (imported files are kept with their batch), and files built as offices save
them: French Excel CSV (Windows-1252, ";"), UTF-8 with a byte-order mark, XLSX with a merged group title."""

import csv
import io

import pytest
from openpyxl import Workbook


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def csv_bytes(rows, *, delimiter=",", encoding="utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows, *, title_row=None, merge=None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    if title_row:
        sheet.append(title_row)
    for row in rows:
        sheet.append(row)
    for cells in merge or ():
        sheet.merge_cells(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
