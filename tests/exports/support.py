"""Helpers of the export tests: addresses, and each format read back into rows."""

import codecs
import csv
import datetime
import io
import json

from django.urls import reverse


def export_url(name, fmt, code="CAF"):
    if code is None:
        return reverse("exports:export", kwargs={"name": name, "fmt": fmt})
    return reverse("operation_exports:export", kwargs={"code": code, "name": name, "fmt": fmt})


def content_of(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def csv_rows(response) -> list[list[str]]:
    """The rows of a CSV export: the header, the HXL hashtags, then the data (after the byte-order mark every CSV
    export opens with, so that Excel reads it as UTF-8)."""
    content = content_of(response)
    assert content.startswith(codecs.BOM_UTF8), content[:20]
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def xlsx_rows(response) -> list[list[str]]:
    """The rows of an XLSX export as text (an empty cell reads "", as in the CSV)."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content_of(response)), read_only=True)
    sheet = workbook.worksheets[0]
    rows = [[_xlsx_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    width = len(rows[0])  # a row's empty cells at the end are not stored
    return [row + [""] * (width - len(row)) for row in rows]


def _xlsx_text(value) -> str:
    """A cell as the CSV writes it: a date cell (a spreadsheet date, read back as a datetime) in ISO 8601."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    return str(value)


def as_in_xlsx(rows) -> list[list[str]]:
    """CSV rows as a spreadsheet holds them: a line break is a line feed."""
    return [[cell.replace("\r\n", "\n").replace("\r", "\n") for cell in row] for row in rows]


def json_rows(response) -> list[dict]:
    return json.loads(content_of(response))


def export_text(response, fmt) -> str:
    """Everything a file carries, as one text to search for names that must not be there."""
    if fmt == "csv":
        return content_of(response).decode("utf-8-sig")
    if fmt == "xlsx":
        return "\n".join("\t".join(row) for row in xlsx_rows(response))
    return json.dumps(json_rows(response), ensure_ascii=False)


EXPORTS = [("tasks", "CAF"), ("actors", "CAF"), ("priorities", "CAF"), ("missions", None)]
FORMATS = ["csv", "xlsx", "json"]

# Text a spreadsheet runs as a formula although it does not start with "=" (see test_neutralisation).
HIDDEN_FORMULAS = {
    "space before =": " =1+1",
    "spaces before +": "   +1+1",
    "line feed before =": '\n=HYPERLINK("http://x.example")',
    "no-break space before =": "\u00a0=1+1",
    "ideographic space before @": "\u3000@SUM(A1)",
    "full-width =": "\uff1d1+1",
    "full-width +": "\uff0b1",
    "full-width -": "\uff0d1",
    "full-width @": "\uff20SUM(A1)",
    "pipe (DDE)": "|calc!A0",
    "semicolon": ";=1+1",
    "space and tab before -": " \t-2+3",
}
