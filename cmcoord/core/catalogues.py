"""The translation catalogues (``locale/<lang>/LC_MESSAGES/django.po``) compiled to the ``.mo`` files Django reads.

The ``.po`` files are the source and are kept in the repository; the ``.mo`` files are made from them on install
(``scripts/_env.sh``, the Docker build) and never committed, so that they cannot fall behind their source. This
compiler is Python only, so that a fresh clone needs nothing but Python 3.12 (GNU gettext's ``msgfmt``, which
Django's ``compilemessages`` calls, is not installed everywhere); the tests check that it reads every catalogue
exactly as ``msgfmt`` does. Fuzzy and untranslated entries are left out, as ``msgfmt`` leaves them out: the page
then shows the English text.
"""

from __future__ import annotations

import ast
import struct
from dataclasses import dataclass, field
from pathlib import Path

CONTEXT_SEPARATOR = "\x04"  # gettext's separator between a message's context and its text

# How the catalogues are brought in step with the code (``manage.py update_catalogues``, and the test that checks
# they are): Python and templates (the scripts take their texts from the pages), locations by file only and no
# wrapping, so that a change of code moves few lines of the catalogues.
MAKEMESSAGES_OPTIONS = {
    "ignore_patterns": [".venv", "staticfiles", "tests", "media", "node_modules"],
    "add_location": "file",
    "no_obsolete": True,
    "no_wrap": True,
}


@dataclass
class Entry:
    context: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    fuzzy: bool = False

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values())


def _string(text: str, path: Path, number: int) -> str:
    """One quoted PO string ("…" with C escapes) as text."""
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise ValueError(f"{path}:{number}: a quoted string was expected")
    return ast.literal_eval(text)  # the PO escapes (\n \t \" \\) are Python's


def parse(path: Path) -> list[Entry]:
    """The entries of a ``.po`` file, the header (``msgid ""``) first; obsolete (``#~``) entries are dropped."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int | None] | None = None
    fuzzy = False

    def finish():
        nonlocal current
        if current is not None:
            entries.append(current)
        current = None

    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        if line.startswith("#"):  # comments, flags, and obsolete entries (#~)
            if line.startswith("#,") and "fuzzy" in (flag.strip() for flag in line[2:].split(",")):
                fuzzy = True
            continue
        if line.startswith('"'):
            if current is None or target is None:
                raise ValueError(f"{path}:{number}: a continued string outside an entry")
            name, index = target
            value = _string(line, path, number)
            if name == "msgstr":
                current.msgstr[index] += value
            else:
                setattr(current, name, getattr(current, name) + value)
            continue
        keyword, _space, rest = line.partition(" ")
        if keyword == "msgctxt" or (keyword == "msgid" and (current is None or current.msgstr)):
            finish()
            current, fuzzy = Entry(fuzzy=fuzzy), False
        if current is None:
            raise ValueError(f"{path}:{number}: {keyword} outside an entry")
        value = _string(rest, path, number)
        if keyword == "msgctxt":
            current.context, target = value, ("context", None)
        elif keyword == "msgid":
            current.msgid, target = value, ("msgid", None)
        elif keyword == "msgid_plural":
            current.msgid_plural, target = value, ("msgid_plural", None)
        elif keyword == "msgstr":
            current.msgstr[0], target = value, ("msgstr", 0)
        elif keyword.startswith("msgstr[") and keyword.endswith("]"):
            index = int(keyword[7:-1])
            current.msgstr[index], target = value, ("msgstr", index)
        else:
            raise ValueError(f"{path}:{number}: unknown keyword {keyword!r}")
    finish()
    return entries


def messages(entries: list[Entry]) -> dict[bytes, bytes]:
    """What the ``.mo`` file maps: each translated, non-fuzzy entry (and the header) as gettext keys and values."""
    table: dict[bytes, bytes] = {}
    for entry in entries:
        if not entry.translated or entry.fuzzy:
            continue
        key = entry.msgid if entry.context is None else f"{entry.context}{CONTEXT_SEPARATOR}{entry.msgid}"
        if entry.msgid_plural is not None:
            key = f"{key}\0{entry.msgid_plural}"
            value = "\0".join(entry.msgstr[index] for index in sorted(entry.msgstr))
        else:
            value = entry.msgstr[0]
        table[key.encode()] = value.encode()
    return table


def mo_bytes(table: dict[bytes, bytes]) -> bytes:
    """A GNU ``.mo`` file (little-endian, no hash table) of ``table``: the layout of CPython's Tools/i18n/msgfmt.py."""
    keys = sorted(table)
    ids = strs = b""
    offsets = []
    for key in keys:
        offsets.append((len(ids), len(key), len(strs), len(table[key])))
        ids += key + b"\0"
        strs += table[key] + b"\0"
    count = len(keys)
    keys_start = 7 * 4 + 16 * count
    values_start = keys_start + len(ids)
    key_table, value_table = [], []
    for id_offset, id_length, str_offset, str_length in offsets:
        key_table += [id_length, id_offset + keys_start]
        value_table += [str_length, str_offset + values_start]
    header = struct.pack("Iiiiiii", 0x950412DE, 0, count, 7 * 4, 7 * 4 + count * 8, 0, 0)
    tables = struct.pack(f"{len(key_table)}i", *key_table) + struct.pack(f"{len(value_table)}i", *value_table)
    return header + tables + ids + strs


def compile_catalogue(po_path: Path) -> Path:
    """Write ``po_path``'s ``.mo`` beside it (atomically: a running server never reads half a file)."""
    mo_path = po_path.with_suffix(".mo")
    partial = mo_path.with_suffix(".mo.partial")
    partial.write_bytes(mo_bytes(messages(parse(po_path))))
    partial.replace(mo_path)
    return mo_path


def catalogues(locale_dirs) -> list[Path]:
    return sorted(path for directory in locale_dirs for path in Path(directory).glob("*/LC_MESSAGES/*.po"))


def compile_all(locale_dirs, *, force: bool = False) -> list[Path]:
    """Compile each catalogue whose ``.mo`` is missing or older than its ``.po``; the ``.mo`` files written."""
    written = []
    for po_path in catalogues(locale_dirs):
        mo_path = po_path.with_suffix(".mo")
        if force or not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            written.append(compile_catalogue(po_path))
    return written


def main(argv=None) -> int:
    """``python -m cmcoord.core.catalogues [--force] [locale dir …]``: no Django needed (install scripts, Docker)."""
    import argparse

    parser = argparse.ArgumentParser(description="Compile the .po catalogues to .mo.")
    parser.add_argument("--force", action="store_true")
    parser.add_argument("dirs", nargs="*", default=[str(Path(__file__).resolve().parents[2] / "locale")])
    options = parser.parse_args(argv)
    for path in compile_all(options.dirs, force=options.force):
        print(f"compiled {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
