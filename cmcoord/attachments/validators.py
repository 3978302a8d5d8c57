"""What an uploaded file is, judged by its bytes, and the name it may be stored and offered under.

The allow-list is short on purpose: documents and photos an officer attaches to a record (minutes, signed notes,
pictures). A file's name and the browser's stated type are the uploader's claim and decide nothing; the first
bytes do (``MZ`` is a Windows executable whatever its name ends with). Office files are zip containers, and a zip
is anything until its manifest says otherwise: ``[Content_Types].xml`` for DOCX/XLSX, the ``mimetype`` entry for
OpenDocument. SVG and HTML are refused even though they are text: opened from a download folder they run script.

Plain text (and CSV) is judged against a closed list of what it may be, not against a list of markup to look for:
UTF-8 throughout, no control character but tab, line feed, form feed and carriage return, and no ``<`` that opens
a tag, a comment, a declaration or an instruction (``<`` then a letter, ``!``, ``?`` or ``/``). ``a < b`` and
``<3`` pass; ``<img onerror=…>``, ``<a href=javascript:…>`` and every tag to come are refused. The whole file is
read, in chunks that overlap so that nothing straddling a chunk boundary goes unseen.
"""

from __future__ import annotations

import codecs
import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cmcoord.core.text import strip_bidi_controls


@dataclass(frozen=True)
class FileKind:
    """An allowed kind of file: its content type, the extensions it may carry, and the one it gets otherwise."""

    content_type: str
    extensions: tuple[str, ...]
    label: str

    @property
    def extension(self) -> str:
        return self.extensions[0]


PDF = FileKind("application/pdf", (".pdf",), "PDF")
PNG = FileKind("image/png", (".png",), "PNG")
JPEG = FileKind("image/jpeg", (".jpg", ".jpeg"), "JPEG")
WEBP = FileKind("image/webp", (".webp",), "WebP")
DOCX = FileKind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",), "Word (DOCX)")
XLSX = FileKind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",), "Excel (XLSX)")
ODT = FileKind("application/vnd.oasis.opendocument.text", (".odt",), "OpenDocument text (ODT)")
ODS = FileKind("application/vnd.oasis.opendocument.spreadsheet", (".ods",), "OpenDocument spreadsheet (ODS)")
CSV = FileKind("text/csv", (".csv",), "CSV")
TEXT = FileKind("text/plain", (".txt", ".md", ".log"), _("plain text"))
KINDS = (PDF, PNG, JPEG, WEBP, DOCX, XLSX, ODT, ODS, CSV, TEXT)
KIND_BY_CONTENT_TYPE = {kind.content_type: kind for kind in KINDS}

# The main part an OOXML package declares in [Content_Types].xml, per allowed kind. Macro-enabled variants
# (docm, xlsm) declare other types and are refused with everything else.
OOXML_MAIN_PARTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}
OPENDOCUMENT_TYPES = {ODT.content_type.encode(): ODT, ODS.content_type.encode(): ODS}
# Headers of executables and scripts, named in the refusal so an officer knows why a ".pdf" was turned away.
EXECUTABLE_HEADERS = (b"MZ", b"\x7fELF", b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xcf\xfa\xed\xfe", b"#!")
MARKUP = re.compile(rb"^\s*<(?:\?xml|!doctype|html|svg|script|head|body|iframe|!--)", re.IGNORECASE)
MANIFEST_LIMIT = 1024 * 1024  # a [Content_Types].xml larger than this is no office file
# What plain text may not hold: the opening of any markup, and control characters other than tab, line feed, form
# feed and carriage return (a terminal's escape sequences, a NUL).
MARKUP_OPENING = re.compile(rb"<[A-Za-z!?/]")
NOT_TEXT = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Each chunk is searched together with the end of the one before, longer than anything the patterns match.
TEXT_OVERLAP = 8
HEAD_SIZE = 64
TEXT_CHUNK = 64 * 1024

ALLOWED_TEXT = _(
    "Allowed: PDF, PNG, JPEG, WebP, Word (DOCX), Excel (XLSX), OpenDocument (ODT, ODS), CSV and plain text."
)


def _refuse(message) -> ValidationError:
    return ValidationError(f"{message} {ALLOWED_TEXT}", code="file_type")


def detect_kind(upload, name: str = "") -> FileKind:
    """The allowed kind ``upload`` is (a file object, read from its start), or :class:`ValidationError` saying why not.

    ``name`` only chooses between CSV and plain text, which the bytes cannot tell apart.
    """
    upload.seek(0)
    head = upload.read(HEAD_SIZE)
    upload.seek(0)
    if not head:
        raise ValidationError(_("The file is empty."), code="empty")
    if head.startswith(EXECUTABLE_HEADERS):
        raise _refuse(_("This file is a program or a script, whatever its name says; it cannot be attached."))
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(upload)
    text = _read_text(upload)
    if MARKUP.match(head) or text == "markup":
        raise _refuse(_("Web pages, SVG and other markup can run script when opened; they cannot be attached."))
    if text == "text":
        return CSV if name.lower().endswith(".csv") else TEXT
    raise _refuse(_("This type of file cannot be attached."))


def _zip_kind(upload) -> FileKind:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size <= 200:
                    kind = OPENDOCUMENT_TYPES.get(archive.read(info).strip())
                    if kind is not None:
                        return kind
            elif "[Content_Types].xml" in names and not any(name.lower().endswith("vbaproject.bin") for name in names):
                info = archive.getinfo("[Content_Types].xml")
                if info.file_size <= MANIFEST_LIMIT:
                    manifest = archive.read(info)
                    found = {kind for part, kind in OOXML_MAIN_PARTS.items() if part.encode() in manifest}
                    if len(found) == 1:
                        return found.pop()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, EOFError, ValueError, NotImplementedError):
        pass
    finally:
        upload.seek(0)
    raise _refuse(_("This archive is not a Word, Excel or OpenDocument file (macro-enabled files are refused)."))


def _read_text(upload) -> str | None:
    """``"text"`` for plain text (see the module's docstring; a byte-order mark allowed), ``"markup"`` for UTF-8
    that opens markup anywhere, None otherwise. Read in overlapping chunks, never whole."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    markup, tail = False, b""
    try:
        while chunk := upload.read(TEXT_CHUNK):
            if NOT_TEXT.search(chunk):
                return None
            decoder.decode(chunk)
            markup = markup or bool(MARKUP_OPENING.search(tail + chunk))
            tail = chunk[-TEXT_OVERLAP:]
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return None
    finally:
        upload.seek(0)
    return "markup" if markup else "text"


UNSAFE_IN_NAMES = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*\u2028\u2029]')
NAME_LIMIT = 150


def clean_file_name(name: str, kind: FileKind | None = None) -> str:
    """A name safe to store and to offer in a download: no path, no control or bidirectional characters.

    ``invoice\u202efdp.exe`` (which displays as ``invoiceexe.pdf``) loses its override; ``../../etc/passwd``
    becomes ``passwd``; characters Windows forbids are replaced. With ``kind``, a name whose extension does not
    match the content gets the right one added (``run.bat`` holding plain text becomes ``run.bat.txt``), so the
    reader's computer opens the file as what it is.
    """
    name = unicodedata.normalize("NFC", strip_bidi_controls(name or ""))
    name = re.split(r"[/\\]", name)[-1]
    name = UNSAFE_IN_NAMES.sub("_", name)
    name = "".join(char for char in name if unicodedata.category(char) not in {"Cc", "Cf"})
    name = name.strip().lstrip(".").strip() or "attachment"
    if kind is not None and os.path.splitext(name)[1].lower() not in kind.extensions:
        name = f"{name}{kind.extension}"
    if len(name) > NAME_LIMIT:
        stem, extension = os.path.splitext(name)
        extension = extension[:20]
        name = f"{stem[: NAME_LIMIT - len(extension)].rstrip()}{extension}"
    return name
