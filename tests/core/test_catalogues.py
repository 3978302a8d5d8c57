"""The translation catalogues (``locale/<lang>/LC_MESSAGES/django.po``): in step with the code, their placeholders and
markup as in English, complete where declared complete, and compiled as GNU gettext would compile them."""

import gettext
import re
import shutil
import subprocess
from collections import Counter

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from cmcoord.core import catalogues

# Languages declared complete: every message translated, none fuzzy. A language joins once its catalogue is
# complete; from then on a text added to the code without its translation fails here (README, "Languages").
COMPLETE = ["fr", "es", "ar"]

LOCALE = settings.BASE_DIR / "locale"
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
NPLURALS = {"fr": 2, "es": 2, "ar": 6}
PLACEHOLDER = re.compile(r"%(?:\([a-z_0-9]+\))?[-+ #0]*\d*(?:\.\d+)?[sdifr%]|\{[a-z_0-9]*\}")
TAG = re.compile(r"</?[a-z][a-z0-9]*\b")


def po_path(code):
    return LOCALE / code / "LC_MESSAGES" / "django.po"


def entries(code):
    header, *rest = catalogues.parse(po_path(code))
    assert header.msgid == "" and not header.fuzzy, f"{code}: the header must come first and not be fuzzy"
    return header, rest


def placeholders(text):
    return Counter(found for found in PLACEHOLDER.findall(text) if found != "%%")


def test_every_language_but_english_has_a_catalogue():
    assert set(LANGUAGES) == set(NPLURALS), "give each language's number of plural forms in NPLURALS"
    for code in LANGUAGES:
        header, _ = entries(code)
        assert f"Language: {code}\n" in header.msgstr[0]
        assert f"nplurals={NPLURALS[code]};" in header.msgstr[0]
    assert set(COMPLETE) <= set(LANGUAGES)


@pytest.mark.parametrize("code", COMPLETE)
def test_a_complete_catalogue_has_every_message_translated_and_none_fuzzy(code):
    _, messages = entries(code)
    untranslated = [entry.msgid for entry in messages if not entry.translated]
    fuzzy = [entry.msgid for entry in messages if entry.fuzzy]
    assert not untranslated, f"{code}: {len(untranslated)} untranslated, e.g. {untranslated[:3]}"
    assert not fuzzy, f"{code}: {len(fuzzy)} fuzzy, e.g. {fuzzy[:3]}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_translations_keep_the_placeholders_and_markup_of_the_english(code):
    """Every translated message, complete language or not: a dropped or renamed placeholder breaks the page."""
    _, messages = entries(code)
    wrong = []
    for entry in messages:
        if not entry.translated:
            continue
        if entry.msgid_plural is None:
            if placeholders(entry.msgstr[0]) != placeholders(entry.msgid) or sorted(
                TAG.findall(entry.msgstr[0])
            ) != sorted(TAG.findall(entry.msgid)):
                wrong.append(entry.msgid)
            continue
        assert len(entry.msgstr) == NPLURALS[code], f"{code}: {entry.msgid!r} needs {NPLURALS[code]} plural forms"
        english = placeholders(entry.msgid_plural)
        forms = [placeholders(text) for text in entry.msgstr.values()]
        # A form for one (or none, or two) may say it in words ("un jour", "يومان") rather than with the number.
        if any(set(form) - set(english) for form in forms) or forms[-1] != english:
            wrong.append(entry.msgid)
    assert not wrong, f"{code}: placeholders or markup differ from the English in {wrong[:5]}"


@pytest.mark.gettext
@pytest.mark.parametrize("code", LANGUAGES)
def test_msgfmt_accepts_the_catalogue(code):
    """``msgfmt --check``: the header, the plural forms and every python-format message's directives."""
    result = subprocess.run(  # noqa: S603 - a fixed program and our own file
        [shutil.which("msgfmt"), "--check", "--output-file=/dev/null", str(po_path(code))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.gettext
@pytest.mark.parametrize("code", LANGUAGES)
def test_the_compiled_catalogue_reads_as_msgfmt_makes_it(code, tmp_path):
    """The Python compiler (used on install, so that a fresh clone needs no gettext) gives what msgfmt gives."""
    ours, theirs = tmp_path / "ours.mo", tmp_path / "theirs.mo"
    ours.write_bytes(catalogues.mo_bytes(catalogues.messages(catalogues.parse(po_path(code)))))
    subprocess.run([shutil.which("msgfmt"), f"--output-file={theirs}", str(po_path(code))], check=True)  # noqa: S603
    with ours.open("rb") as mine, theirs.open("rb") as reference:
        ours_catalog = gettext.GNUTranslations(mine)._catalog
        theirs_catalog = gettext.GNUTranslations(reference)._catalog
    ours_catalog.pop(""), theirs_catalog.pop("")  # the header: msgfmt drops POT-Creation-Date
    assert ours_catalog == theirs_catalog


@pytest.mark.gettext
def test_every_catalogue_is_in_step_with_the_code(tmp_path, monkeypatch):
    """Every text the code marks is in every catalogue, and nothing the code no longer has: run
    ``manage.py update_catalogues`` after changing texts (then translate what it adds)."""
    # Extracted afresh from a copy of the code, into the copy's own locale/ (makemessages writes beside the files it
    # reads, so it cannot be pointed elsewhere while it reads the project itself).
    ignored = catalogues.MAKEMESSAGES_OPTIONS["ignore_patterns"]
    copy = tmp_path / "code"
    shutil.copytree(
        settings.BASE_DIR, copy, ignore=shutil.ignore_patterns(*ignored, "locale", ".git", "static", "*.pyc")
    )
    monkeypatch.chdir(copy)
    with override_settings(LOCALE_PATHS=[copy / "locale"]):
        call_command("makemessages", locale=["fr"], keep_pot=True, verbosity=0, **catalogues.MAKEMESSAGES_OPTIONS)
    extracted = {(entry.context, entry.msgid) for entry in catalogues.parse(copy / "locale" / "django.pot")[1:]}
    for code in LANGUAGES:
        _, messages = entries(code)
        present = {(entry.context, entry.msgid) for entry in messages}
        missing, stale = extracted - present, present - extracted
        assert not missing, f"{code}: {len(missing)} messages missing, e.g. {sorted(missing, key=str)[:3]}"
        assert not stale, f"{code}: {len(stale)} messages the code no longer has, e.g. {sorted(stale, key=str)[:3]}"


def test_the_compiler_reads_contexts_plurals_fuzzy_flags_and_continued_lines(tmp_path):
    source = tmp_path / "django.po"
    source.write_text(
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
        'msgctxt "month"\nmsgid "May"\nmsgstr "Mai"\n\n'
        'msgid "%(n)s file"\nmsgid_plural "%(n)s files"\nmsgstr[0] "%(n)s fichier"\nmsgstr[1] "%(n)s fichiers"\n\n'
        '#, fuzzy\nmsgid "Old"\nmsgstr "Vieux"\n\n'
        'msgid "Empty"\nmsgstr ""\n\n'
        'msgid ""\n"Two "\n"lines\\n"\nmsgstr ""\n"Deux "\n"lignes\\n"\n\n'
        '#~ msgid "Gone"\n#~ msgstr "Parti"\n',
        encoding="utf-8",
    )
    path = catalogues.compile_catalogue(source)
    with path.open("rb") as compiled:
        translation = gettext.GNUTranslations(compiled)
    assert translation.pgettext("month", "May") == "Mai"
    assert translation.ngettext("%(n)s file", "%(n)s files", 1) == "%(n)s fichier"
    assert translation.ngettext("%(n)s file", "%(n)s files", 3) == "%(n)s fichiers"
    assert translation.gettext("Old") == "Old" and translation.gettext("Empty") == "Empty"
    assert translation.gettext("Two lines\n") == "Deux lignes\n"
    assert translation.gettext("Gone") == "Gone"
    assert catalogues.compile_all([tmp_path]) == []  # up to date: nothing compiled again
