"""What a file is, by its bytes; and the name it is stored and offered under."""

import io

import pytest
from django.core.exceptions import ValidationError

from cmcoord.attachments import validators
from cmcoord.attachments.validators import clean_file_name, detect_kind

from .conftest import PDF, office_file, opendocument

DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("minutes.pdf", PDF, validators.PDF),
        ("minutes", PDF, validators.PDF),  # no extension: the bytes decide
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, validators.PNG),
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\x00" * 40, validators.JPEG),
        ("photo.webp", b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 40, validators.WEBP),
        ("note.docx", office_file(DOCX_MAIN), validators.DOCX),
        ("sheet.xlsx", office_file(XLSX_MAIN), validators.XLSX),
        ("note.odt", opendocument("application/vnd.oasis.opendocument.text"), validators.ODT),
        ("sheet.ods", opendocument("application/vnd.oasis.opendocument.spreadsheet"), validators.ODS),
        ("list.csv", "Préfecture,Ouaka\nBambari,1\n".encode(), validators.CSV),
        ("notes.txt", "\ufeff\u0645\u0644\u0627\u062d\u0638\u0627\u062a\nNotes".encode(), validators.TEXT),
        ("notes.csv.txt", b"a,b\n", validators.TEXT),
        ("notes.txt", b"Ratio a < b, <3 and <= 5, x<-1\tdone\r\n\x0cpage 2", validators.TEXT),  # no tag opens
    ],
)
def test_allowed_content(name, data, kind):
    assert detect_kind(io.BytesIO(data), name) == kind


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"MZ\x90\x00" + b"\x00" * 60, "program or a script"),
        (b"\x7fELF" + b"\x00" * 60, "program or a script"),
        (b"#!/bin/sh\nrm -rf /\n", "program or a script"),
        (b"<html><body>hi</body></html>", "markup"),
        (b"  <!doctype html>", "markup"),
        (b'<?xml version="1.0"?><svg/>', "markup"),
        (b"Meeting notes, then " + b"x" * 100 + b"<script>alert(1)</script>", "markup"),
        (b"Notes\n<img src=x onerror=alert(1)>", "markup"),  # a tag no deny-list named
        (b"Notes\n<a href=javascript:alert(1)>minutes</a>", "markup"),
        (b"Notes <!-- a comment --> end", "markup"),
        (b"Notes </p> end", "markup"),
        (b"Notes\x1b[31m in red", "cannot be attached"),  # a terminal's escape sequence is no plain text
        (office_file(DOCM_MAIN, {"word/vbaProject.bin": b"macro"}), "macro-enabled"),
        (office_file(DOCX_MAIN, {"word/vbaProject.bin": b"macro"}), "macro-enabled"),
        (office_file("application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"), "archive"),
        (opendocument("application/vnd.oasis.opendocument.graphics"), "archive"),
        (b"PK\x03\x04not really a zip", "archive"),
        (b"Caf\xe9 au lait", "cannot be attached"),  # Latin-1, not UTF-8
        (b"text with a NUL\x00 byte", "cannot be attached"),
        (b"GIF89a" + b"\x00" * 40, "cannot be attached"),
    ],
)
def test_refused_content(data, message):
    with pytest.raises(ValidationError) as refused:
        detect_kind(io.BytesIO(data), "innocent.pdf")
    text = " ".join(refused.value.messages)
    assert message in text
    if message != "empty":
        assert "Allowed: PDF" in text


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("Minutes 2026-11-21.pdf", validators.PDF, "Minutes 2026-11-21.pdf"),
        ("invoice\u202efdp.exe", validators.PDF, "invoicefdp.exe.pdf"),  # shown as "invoiceexe.pdf" otherwise
        ("../../etc/passwd", validators.TEXT, "passwd.txt"),
        ("C:\\Users\\officer\\Desktop\\note.docx", validators.DOCX, "note.docx"),
        ("run.bat", validators.TEXT, "run.bat.txt"),
        ("photo.JPEG", validators.JPEG, "photo.JPEG"),
        ('a<b>c:d"e|f?g*.pdf', validators.PDF, "a_b_c_d_e_f_g_.pdf"),
        ("line\nbreak\x00.pdf", validators.PDF, "line_break_.pdf"),
        ("...hidden.pdf", validators.PDF, "hidden.pdf"),
        ("", validators.PDF, "attachment.pdf"),
        ("\u202e\u2066", None, "attachment"),
        ("Procès-verbal.pdf", validators.PDF, "Procès-verbal.pdf"),
    ],
)
def test_file_names_are_cleaned(name, kind, expected):
    assert clean_file_name(name, kind) == expected


def test_a_long_name_keeps_its_extension():
    name = clean_file_name("x" * 400 + ".pdf", validators.PDF)
    assert len(name) == validators.NAME_LIMIT and name.endswith(".pdf")


@pytest.mark.parametrize("markup", [b"<script>alert(1)</script>", b"<svg onload=alert(1)>", b"<img onerror=x>"])
@pytest.mark.parametrize("offset", range(-6, 2))
def test_markup_straddling_a_chunk_boundary_is_found(markup, offset):
    """The file is read in chunks of 64 KiB: a tag cut in two by the boundary is still seen."""
    start = validators.TEXT_CHUNK + offset
    data = b"a" * start + markup + b"\nmore notes\n" * 10
    with pytest.raises(ValidationError, match="markup"):
        detect_kind(io.BytesIO(data), "notes.txt")


def test_markup_deep_in_a_large_file_is_found():
    data = b"Plain line of notes.\n" * 200_000 + b"<a href=javascript:alert(1)>x</a>"
    assert len(data) > 60 * validators.TEXT_CHUNK
    with pytest.raises(ValidationError, match="markup"):
        detect_kind(io.BytesIO(data), "notes.txt")
    assert detect_kind(io.BytesIO(data[: -len(b"<a href=javascript:alert(1)>x</a>")]), "notes.txt") == validators.TEXT
