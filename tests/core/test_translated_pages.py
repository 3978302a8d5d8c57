"""A crawl of the demo as an officer who chose French (Spanish, Arabic): no page shows a text of the English
interface that the language's catalogue translates.

The officer of the demo (every record type, every level) signs in with the language saved as their preference; the
crawl opens every page the navigation offers (the top bar, the operation's groups and sections, the account menu),
and below each section the first page of every other shape its links lead to: a record's page, its edit form, the
new-record form, the map … (each record type of the kit among them). On each page it reads what a user sees or
hears: the text outside scripts and styles, and the ``title``, ``aria-label``, ``placeholder`` and ``alt``
attributes. A text that is exactly an English message of the catalogue (or one of its forms with its placeholders
filled) whose translation differs is an interface text left in English. What users wrote is left aside twice: it is
not an English message, and the pages mark it with ``dir="auto"`` (tests/core/test_text_direction.py).

The demo is loaded once for the module (seconds), in a transaction rolled back when the module ends.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import override_settings

from cmcoord.accounts.models import AccountPreferences
from cmcoord.core import catalogues
from tests.demo.helpers import seed

LANGUAGES = ["fr", "es", "ar"]
OPERATION = "/operations/CAF/"
# Not pages of the interface: the site's administration (English by Django's own admin catalogue is out of scope
# here), the API, downloads and the sign-out.
LEFT_OUT = ("/admin/", "/api/", "/accounts/logout/", "/attachments/", "/static/", "/media/", "/sw.js", "/manifest")
# A digest of the archive as it was built: its subject and the labels its sections stored (a status, a category)
# are in the site's language (digests/content.py, "workers have no request") until digests are built in each
# reader's language (issue 20); the archive's list is crawled.
BUILT_IN_ENGLISH = re.compile(r"^/operations/[^/]+/digests/archive/\d+/$")
PLACEHOLDER = re.compile(r"%(?:\([a-z_0-9]+\))?[-+ #0]*\d*(?:\.\d+)?[sdifr]|\{[a-z_0-9]*\}")
ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
SKIPPED = {"script", "style", "template", "textarea", "noscript"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def squeeze(text: str) -> str:
    return " ".join(text.split())


# --- The English catalogue, as the language translates it ------------------------------------------------------


class English:
    """The English messages that ``code``'s catalogue translates differently: the exact texts (and their first letter
    capitalised, as ``capfirst`` shows a model's name), and patterns for those with placeholders."""

    def __init__(self, code):
        path = settings.BASE_DIR / "locale" / code / "LC_MESSAGES" / "django.po"
        _header, *entries = catalogues.parse(path)
        translations = {squeeze(text) for entry in entries for text in entry.msgstr.values()}
        self.exact: set[str] = set()
        patterns = []
        for entry in entries:
            if not entry.translated or entry.fuzzy:
                continue
            for english in filter(None, (entry.msgid, entry.msgid_plural)):
                english = squeeze(english)
                if "<" in english or english in translations:  # markup is split into nodes; a cognate is no sign
                    continue
                if PLACEHOLDER.search(english):
                    literal = PLACEHOLDER.sub("", english).replace("%%", "%")
                    if sum(ch.isalpha() for ch in literal) >= 6:  # enough words of its own to be recognised
                        parts = PLACEHOLDER.split(english)
                        patterns.append(".+?".join(re.escape(part.replace("%%", "%")) for part in parts))
                    continue
                english = english.replace("%%", "%") if "%%" in english else english
                if sum(ch.isalpha() for ch in english) < 2:
                    continue
                self.exact |= {english, english[:1].upper() + english[1:]} - translations
        self.pattern = re.compile("|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True)))

    def untranslated(self, text: str) -> bool:
        return text in self.exact or self.pattern.fullmatch(text) is not None


# --- A page as a user reads it -------------------------------------------------------------------------------------


class Reader(HTMLParser):
    """The visible texts and announced attributes of a page, and its links (in the navigation, in the content)."""

    def __init__(self, language):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.texts: list[str] = []
        self.nav_links: list[str] = []
        self.links: list[str] = []
        self.skipping: list[str] = []  # the open elements whose content is left out (scripts, what users wrote)
        self.in_nav = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):  # a link to a record is followed, its title (user data) is not read
            (self.nav_links if self.in_nav else self.links).append(attrs["href"])
        if self.skipping:
            if tag == self.skipping[-1] and tag not in VOID:
                self.skipping.append(tag)
            return
        declared = attrs.get("lang") and tag != "html" and attrs["lang"] != self.language
        if tag in SKIPPED or (attrs.get("dir") == "auto" and tag not in VOID) or (declared and tag not in VOID):
            self.skipping.append(tag)
            return
        if tag == "nav":
            self.in_nav += 1
        for name in ATTRIBUTES:
            if attrs.get(name):
                self.texts.append(squeeze(attrs[name]))
        if tag == "input" and attrs.get("type") in {"submit", "button"} and attrs.get("value"):
            self.texts.append(squeeze(attrs["value"]))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self.skipping and self.skipping[-1] == tag and tag not in VOID:
            self.skipping.pop()

    def handle_endtag(self, tag):
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if tag == "nav":
            self.in_nav -= 1

    def handle_data(self, data):
        if not self.skipping and (text := squeeze(data)):
            self.texts.append(text)


def read(html: str, language: str) -> Reader:
    reader = Reader(language)
    reader.feed(html)
    reader.close()
    return reader


# --- The crawl -----------------------------------------------------------------------------------------------------


def pages_of_test_types() -> tuple[str, ...]:
    """The pages of the record types the kit's own tests declare (tests/recordkit): not the product's."""
    from django.urls import reverse

    from cmcoord.records import record_types

    return tuple(
        reverse(record_type.url_name("list"), kwargs={"code": "CAF"})
        for record_type in record_types()
        if apps.get_app_config(record_type.app_label).name.startswith("tests.")
    )


def page_path(href: str) -> str | None:
    """The path of an address of the product's interface (no query, no fragment), or None for what is not one."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.query:
        return None
    path = parts.path
    if path.startswith(LEFT_OUT + pages_of_test_types()) or (
        path.startswith("/operations/") and not path.startswith(OPERATION)
    ):
        return None
    if BUILT_IN_ENGLISH.match(path):
        return None
    return path


def shape(path: str) -> str:
    """A page's kind: its address with every segment naming one record (a number, a reference) as ``*``."""
    return "/".join("*" if any(ch.isdigit() for ch in segment) else segment for segment in path.split("/"))


def crawl(client, also=()):
    """``{path: texts}`` of every page the navigation offers and of the first page of each shape below each of them.

    A section's links into its own address (``tasks/`` to ``tasks/CAF-2026-0001/``) are followed to a depth of
    two (the record, then its edit form); one page of each shape is enough, the others are the same templates."""
    pages: dict[str, list[str]] = {}
    sections: list[str] = []
    shapes: set[str] = set()
    # (path, the section it is below; None for a page of the navigation, "" for a page given whose links are not
    # followed)
    queue = [("/", None), *((path, "") for path in also)]
    while queue:
        path, below = queue.pop(0)
        if path in pages or (below and shape(path) in shapes):
            continue
        shapes.add(shape(path))
        response = client.get(path)
        assert response.status_code == 200, f"{path}: {response.status_code}"
        if not response["Content-Type"].startswith("text/html"):
            continue
        reader = read(response.content.decode(), response["Content-Language"])
        pages[path] = reader.texts
        for href in reader.nav_links:
            if (found := page_path(href)) and found not in pages:
                sections.append(found)
                queue.append((found, None))
        root = path if below is None else below
        if root in {"/", ""}:
            continue
        for href in reader.links:
            found = page_path(href)
            if found and found.startswith(root) and found != root and found.count("/") - root.count("/") <= 2:
                queue.append((found, root))
    return pages


def kit_pages(user):
    """Each record type's list, record, new-record and edit pages in CAF (from the kit's declarations)."""
    from django.urls import reverse

    from cmcoord.operations.models import CountryOperation
    from cmcoord.records import record_types

    operation = CountryOperation.objects.get(country="CF")
    for record_type in record_types():
        if apps.get_app_config(record_type.app_label).name.startswith("tests."):
            continue  # a type the tests of the kit declare, not the product's
        record = record_type.records(user, operation).first()
        assert record is not None, f"the demo has no {record_type.namespace} in CAF"
        yield record_type, reverse(record_type.url_name("list"), kwargs={"code": "CAF"})
        yield record_type, record_type.record_url("detail", record)
        if record_type.form:
            yield record_type, reverse(record_type.url_name("create"), kwargs={"code": "CAF"})
            yield record_type, record_type.record_url("edit", record)


def task_pages(user):
    """An open task's page and its edit form (the task log is no record type of the kit)."""
    from protection_tasks.choices import OPEN_STATUSES
    from protection_tasks.models import Task

    task = Task.objects.filter(operation__country="CF", owner=user, status__in=OPEN_STATUSES).order_by("reference")[0]
    return [task.get_absolute_url(), task.get_absolute_url() + "edit/"]


def _seeded():
    seed()
    return get_user_model().objects.get(username="officer.caf")


@pytest.fixture(scope="module")
def demo(module_transaction, tmp_path_factory):
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield module_transaction.require().build(_seeded)


@pytest.mark.django_db
@pytest.mark.parametrize("code", LANGUAGES)
def test_no_english_interface_text_is_left_on_any_page(code, demo, client):
    AccountPreferences.objects.update_or_create(user=demo, defaults={"language": code})
    client.force_login(demo)  # the preference is read at sign-in
    english = English(code)
    pages = crawl(client, also=[address for _record_type, address in kit_pages(demo)] + task_pages(demo))
    crawled = {shape(path) for path in pages}
    for section in ("tasks", "actors", "engagements", "notifications", "planning/checklist"):
        assert f"{OPERATION}{section}/*/edit/" in crawled, "\n".join(sorted(crawled))

    left = sorted({(text, path) for path, texts in pages.items() for text in texts if english.untranslated(text)})
    lines = [f"{path}: {text!r}" for text, path in left]
    assert not lines, f"{len(pages)} pages in {code}, English left:\n" + "\n".join(lines)
