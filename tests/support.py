"""What the tests share besides fixtures and factories: the standings of the ``world`` fixture and what each may
do in its operation (CAF), the addresses of pages, and ways to cut a page into the parts a test looks at.

The expectations here are written out by hand from the README's "Who sees what", not read from the policy in
``cmcoord.core.access``: a test that derived them from the policy would pass whatever the policy said.
"""

import re
from html.parser import HTMLParser

from django.urls import reverse

from cmcoord.core.choices import Sensitivity

UNCLASSIFIED = Sensitivity.UNCLASSIFIED
CONFIDENTIAL = Sensitivity.CONFIDENTIAL
STRICTLY_CONFIDENTIAL = Sensitivity.STRICTLY_CONFIDENTIAL

# --- Standings: the attribute names of the ``world`` fixture --------------------------------------------

STANDINGS = ["officer", "head", "hct", "hq", "hq_limited", "other_officer", "outsider", "admin"]

# The levels of a CAF record each standing may read (Action.VIEW).
VIEW_LEVELS = {
    "officer": {UNCLASSIFIED, CONFIDENTIAL, STRICTLY_CONFIDENTIAL},
    "head": {UNCLASSIFIED, CONFIDENTIAL, STRICTLY_CONFIDENTIAL},
    "hct": {UNCLASSIFIED},
    "hq": {UNCLASSIFIED, CONFIDENTIAL},
    "hq_limited": set(),  # an HQ reader of Mali only
    "other_officer": set(),
    "outsider": set(),
    "admin": set(),  # a superuser has no standing in an operation by that alone
}
# The levels of a CAF record each standing reads through the API (Action.API: never Strictly confidential) and
# carries out in an export (Action.EXPORT: HQ and the HCT Unclassified only).
API_LEVELS = {standing: levels - {STRICTLY_CONFIDENTIAL} for standing, levels in VIEW_LEVELS.items()}
EXPORT_LEVELS = {**API_LEVELS, "hq": {UNCLASSIFIED}}
IN_OPERATION = frozenset({"officer", "head", "hct", "hq"})  # reach CAF at all
EDITORS = frozenset({"officer", "head"})  # change CAF's records (Action.CHANGE)
MANAGERS = frozenset({"head"})  # set CAF up: members, priorities, local activities (Action.MANAGE)


def expected_status(standing, allowed):
    """The status of a CAF page open to ``allowed``: 200, else 403 for a reader of CAF and 404 for a stranger.

    A stranger gets 404 so that the answer does not tell them the operation or the record exists.
    """
    if standing in allowed:
        return 200
    return 403 if standing in IN_OPERATION else 404


# --- Addresses ------------------------------------------------------------------------------------------


def in_operation(namespace):
    """The address helper of one app's operation pages: ``url = in_operation("trainings")``, then
    ``url("detail", pk=1)`` or ``url("list", code="MLI")``."""

    def url(name, code="CAF", **kwargs):
        return reverse(f"{namespace}:{name}", kwargs={"code": code, **kwargs})

    return url


def actors_url(name, code="CAF", **kwargs):
    """A page of the actor registry of the operation ``code``, e.g. ``actors_url("actor-detail", pk=actor.pk)``."""
    return reverse(f"actors:{name}", kwargs={"code": code, **kwargs})


def task_log_url(name, code="CAF", **kwargs):
    """A page of the task log of the operation ``code`` (not of one task), e.g. ``task_log_url("catalogue")``."""
    return reverse(f"protection_tasks:{name}", kwargs={"code": code, **kwargs})


def task_url(task, name="task-detail", code=None):
    """A page of ``task``; ``code`` reaches it through another operation's address, as a probe would."""
    return reverse(
        f"protection_tasks:{name}", kwargs={"code": code or task.operation.code, "reference": task.reference}
    )


def mission_url(name, acronym=None):
    """A page of the missions, e.g. ``mission_url("list")`` or ``mission_url("edit", "MINUSCA")``."""
    return reverse(f"missions:{name}", kwargs={"acronym": acronym} if acronym else {})


# --- References -----------------------------------------------------------------------------------------


def following_references(reference, count):
    """The ``count`` references handed out after ``reference`` in its operation and year (``CAF-2026-0007`` …)."""
    prefix, number = reference.rsplit("-", 1)
    return [f"{prefix}-{int(number) + step:04d}" for step in range(1, count + 1)]


# --- Parts of a page ------------------------------------------------------------------------------------


def section(html, testid):
    """The part of ``html`` from the element with ``data-testid=testid`` to the end of that element's tag name."""
    start = html.index(f'data-testid="{testid}"')
    tag_start = html.rindex("<", 0, start)
    tag = html[tag_start + 1 : start].split()[0]
    end = html.index(f"</{tag}>", start)
    return html[tag_start:end]


def svg_of(html):
    """The (first) inline SVG drawing of a page, past the icons (``<svg class="bi"``)."""
    start = re.search(r'<svg(?! class="bi")', html).start()
    return html[start : html.index("</svg>", start) + len("</svg>")]


class _FormReader(HTMLParser):
    """The values a browser would post from each ``<form method="post">`` of a page (see :func:`form_values`)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, list[str]]] = []
        self.values: dict[str, list[str]] = {}
        self.in_form = False
        self.select = self.textarea = None
        self.text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.in_form, self.values = True, {}
        if not self.in_form or attrs.get("disabled") is not None:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in {"submit", "button", "file", "reset"}:
            if attrs.get("type") not in {"checkbox", "radio"} or "checked" in attrs:
                self.values.setdefault(name, []).append(attrs.get("value") or ("on" if "checked" in attrs else ""))
        elif tag == "select" and name:
            self.select = name
            self.values.setdefault(name, [])
        elif tag == "option" and self.select and "selected" in attrs:
            self.values[self.select].append(attrs.get("value") or "")
        elif tag == "textarea" and name:
            self.textarea, self.text = name, []

    def handle_data(self, data):
        if self.textarea:
            self.text.append(data)

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.values[self.textarea] = ["".join(self.text).removeprefix("\n")]
            self.textarea = None
        elif tag == "form" and self.in_form:
            self.in_form = False
            self.forms.append(self.values)


def form_values(html: str) -> dict[str, list[str]]:
    """What the page's main POST form (the one with the most fields, not the sign-out button's) would send as it
    stands: inputs, checked boxes, selected options, text areas, not the buttons. The start of a valid submission
    that a test then changes one field of."""
    reader = _FormReader()
    reader.feed(html)
    return max(reader.forms, key=len, default={})


def in_mail(count: dict) -> dict:
    """A digest's number as the mail says it: how many, how many named, how many restricted (the part the audience
    may open in the product is checked where it matters, tests/digests)."""
    return {key: count[key] for key in ("total", "visible", "restricted")}


# --- Browser ---------------------------------------------------------------------------------------------


def submit(page, control, how="click"):
    """Click (or ``how="tap"``) a control that sends a form, and return once the answer page has loaded.

    ``wait_for_load_state`` alone races: it may return on the old page, before the answer arrived, and a
    ``goto`` after it then aborts the form's request (a sign-in whose cookie never comes).
    """
    with page.expect_navigation(wait_until="load"):
        getattr(control, how)()


def clear_cache() -> None:
    """Empty this test process's cache. Where the cache is Redis, which both test workers share, only this worker's
    keys go (they bear its prefix: cmcoord/settings/test.py), never the other worker's in the middle of its test."""
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    cache = caches["default"]  # the backend itself: django.core.cache.cache is a proxy, never a RedisCache
    if not isinstance(cache, RedisCache):
        cache.clear()
        return
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=cache.make_key("*"), count=1000))
    if keys:
        client.delete(*keys)


def load_catalogue() -> None:
    """The Guidance Note catalogue, loaded by its data migration's own (idempotent) loader: again after a
    transactional test's flush emptied it."""
    import importlib

    from django.apps import apps

    importlib.import_module("protection_tasks.migrations.0001_squashed").load(apps, None)
