"""Reading files as offices save them, and refusing hostile ones with a reason."""

import datetime
import io
import zipfile

import pytest

from cmcoord.imports.parsing import DateOrder, date_order_needed, hashtag_key, header_key, to_iso_date, to_number
from cmcoord.imports.readers import ImportRefused, read_sheet
from tests.imports.conftest import csv_bytes, xlsx_bytes

KNOWN = {"titre", "title", "date d echeance", "due date", "statut", "status"}


def known(cell):
    return header_key(cell) in KNOWN


def test_french_excel_csv_windows_1252_semicolons_and_blank_rows():
    data = csv_bytes(
        [["Titre", "Date d'échéance", "Statut"], ["", "", ""], ["Réunion à Bambari", "03/04/2026", "Planifiée"]],
        delimiter=";",
        encoding="cp1252",
    )
    sheet = read_sheet("taches.csv", data, known)
    assert sheet.headers == ["Titre", "Date d'échéance", "Statut"]
    assert sheet.rows == [(3, ["Réunion à Bambari", "03/04/2026", "Planifiée"])]


def test_utf8_with_byte_order_mark_and_hxl_row():
    data = "\ufeff".encode() + csv_bytes([["Title", "Due date"], ["#activity+title", "#date+end"], ["Patrol", "x"]])
    sheet = read_sheet("tasks.csv", data, known)
    assert sheet.headers == ["Title", "Due date"]
    assert sheet.hashtags == ["#activity+title", "#date+end"]
    assert sheet.rows == [(3, ["Patrol", "x"])]


def test_xlsx_with_merged_headers_blank_rows_and_formulas_as_text():
    data = xlsx_bytes(
        [
            ["Title", "Status", None],
            [None, None, None],
            ['=HYPERLINK("http://evil")', "Planned", datetime.datetime(2026, 4, 3)],  # noqa: DTZ001 - Excel has no zones
        ],
        # A group title merged over two columns, and "Due date" merged over two rows.
        title_row=["Task", None, "Due date"],
        merge=["A1:B1", "C1:C2"],
    )
    sheet = read_sheet("tasks.xlsx", data, known)
    assert sheet.headers == ["Title", "Status", "Due date"]
    assert sheet.rows == [(4, ['=HYPERLINK("http://evil")', "Planned", datetime.date(2026, 4, 3)])]  # text, not run


def test_xlsm_refused_by_name_and_by_content():
    with pytest.raises(ImportRefused, match="Macro-enabled"):
        read_sheet("tasks.xlsm", xlsx_bytes([["Title"]]))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        with zipfile.ZipFile(io.BytesIO(xlsx_bytes([["Title"]]))) as source:
            for item in source.infolist():
                archive.writestr(item, source.read(item))
        archive.writestr("xl/vbaProject.bin", b"macro")
    with pytest.raises(ImportRefused, match="Macro-enabled"):
        read_sheet("innocent.xlsx", buffer.getvalue())


def test_zip_bomb_refused_by_its_ratio():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 50_000_000)
    with pytest.raises(ImportRefused, match="zip bomb"):
        read_sheet("bomb.xlsx", buffer.getvalue())


def test_oversize_refused_before_reading(settings):
    settings.IMPORT_MAX_MB = 0.001
    with pytest.raises(ImportRefused, match="larger than"):
        read_sheet("tasks.csv", b"Title\n" + b"x" * 2000)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("tasks.xlsx", b"PK\x03\x04 not really a zip", "not a valid Excel"),
        ("tasks.xls", b"\xd0\xcf\x11\xe0", "Old Excel"),
        ("tasks.pdf", b"%PDF-1.4", "Only .xlsx and .csv"),
        ("tasks.csv", b"\x00\x01\x02binary", "binary"),
        ("tasks.csv", b"\n\n  \n", "no rows"),
    ],
)
def test_each_refusal_says_why(name, data, reason):
    with pytest.raises(ImportRefused, match=reason):
        read_sheet(name, data)


def test_dates_iso_or_day_month_year_and_ambiguity_is_never_guessed():
    assert to_iso_date("2026-4-3", None) == "2026-04-03"
    assert to_iso_date("25/12/2026", None) == "2026-12-25"
    assert to_iso_date("03/04/2026", None) == "03/04/2026"  # left for the form to refuse: no guess
    assert to_iso_date("03/04/2026", DateOrder.DMY) == "2026-04-03"
    assert to_iso_date("03/04/2026", DateOrder.MDY) == "2026-03-04"
    assert date_order_needed(["03/04/2026", "05/06/2026"]) is True
    assert date_order_needed(["03/04/2026", "25/06/2026"]) is DateOrder.DMY
    assert date_order_needed(["2026-04-03", ""]) is None


def test_decimal_commas_and_header_keys():
    assert to_number("1 234,5") == "1234.5"
    assert to_number("12") == "12"
    assert to_number("beaucoup") == "beaucoup"
    assert header_key(" Date d\u2019Échéance ") == "date d echeance"
    assert hashtag_key("#Date +End") == hashtag_key("#date+end")
