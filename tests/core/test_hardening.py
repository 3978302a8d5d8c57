"""Hostile input at the edge: every URL pattern and every list filter, fed odd values, never answers 5xx.

The values are those that once broke pages: a non-ASCII digit where an operation code goes, a number past
Python's int-conversion limit, a NUL byte (which only PostgreSQL refuses, so CI runs this on PostgreSQL),
very long strings, path climbing and right-to-left overrides. The URL patterns are read from the resolver, so a
page added later is fuzzed without anyone listing it here.
"""

import os
import re
from urllib.parse import quote, unquote_to_bytes

import pytest
from django import forms
from django.db import connection
from django.test import Client
from django.urls import Resolver404, URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import RoutePattern
from django.utils.encoding import repercent_broken_unicode

from actors.filtersets import ActorFilterSet
from protection_tasks.filtersets import TaskFilterSet
from tests.factories import ActorFactory, MissionFactory, TaskFactory, TaskMissionFactory
from tests.support import actors_url, mission_url, task_log_url

# Path segments as they travel in an address (percent-encoded where a browser would encode them).
HOSTILE_SEGMENTS = [
    "%C2%B2",  # superscript two: a digit to str.isdigit(), not to int()
    quote("٣"),  # Arabic-Indic three
    "9" * 5000,  # past Python's int-conversion limit (4300 digits)
    "%00",
    "CAF%00",
    "x" * 5000,
    "..%2F..%2F",
    "..",
    quote("\u202eFAC"),
    quote("é😀"),
    "-1",
    "0",
    "%20",
    quote("'\"<>"),
    "%FF",  # not UTF-8
]
# The ones that once broke a page, for POST (GET takes them all): a page's POST handler reads the same path.
POSTED_SEGMENTS = ["%C2%B2", "9" * 5000, "%00", "CAF%00", "x" * 5000, "%FF"]
# As a query parameter's value (the client encodes them).
HOSTILE_VALUES = ["²", "٣", "9" * 5000, "\x00", "CAF\x00", "x" * 5000, "\u202eFAC", "-1", "2026-13-45", "1e999"]
HOSTILE_VALUES += ["\u0661\u0662\u0663", "\uff11\u0662\u0663", "+5", "1e2", "0001-01-01", "bogus"]
# A logged-out client fuzzes nothing; sign-out and password change would end or alter the session.
SKIPPED_NAMES = {"logout", "password_change"}
PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")


def _regex_to_template(regex: str) -> str:
    """``^tasks/(?P<reference>[^/.]+)\\.(?P<format>[a-z0-9]+)/?$`` → ``tasks/<reference>.<format>/``; an unnamed
    group becomes ``<arg>``."""
    out, i = [], 0
    regex = regex.removeprefix("^").removesuffix("$").removesuffix("\\Z")
    while i < len(regex):
        if regex.startswith("(?P<", i) or (regex[i] == "(" and not regex.startswith("(?", i)):
            named = regex.startswith("(?P<", i)
            name_end = regex.index(">", i) if named else i
            out.append(f"<{regex[i + 4 : name_end]}>" if named else "<arg>")
            depth, i = 1, name_end + 1
            while depth:
                depth += {"(": 1, ")": -1}.get(regex[i], 0)
                i += 2 if regex[i] == "\\" else 1
            continue
        if regex.startswith("/?", i):
            out.append("/")
            i += 2
            continue
        if regex[i] == "\\":
            out.append(regex[i + 1])
            i += 2
            continue
        out.append(regex[i])
        i += 1
    return "".join(out)


def url_templates():
    """(name, template) of every URL pattern, e.g. ``("task-detail", "/operations/<code>/tasks/<reference>/")``."""

    def walk(patterns, prefix):
        for entry in patterns:
            pattern = entry.pattern
            text = pattern._route if isinstance(pattern, RoutePattern) else _regex_to_template(pattern._regex)
            text = PARAMETER.sub(r"<\1>", text)
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, prefix + text)
            else:
                yield entry.name, "/" + prefix + text

    return list(walk(get_resolver().url_patterns, ""))


@pytest.fixture
def records(world):
    """One record of each kind the URLs name, in CAF, so that the valid values lead somewhere."""
    task = TaskFactory(operation=world.operation, owner=world.officer, sensitivity=1)
    actor = ActorFactory(operation=world.operation, sensitivity=1)
    mission = MissionFactory(acronym="MINUSCA", operations=[world.operation])
    TaskMissionFactory(task=task, mission=mission)
    return {
        "code": "CAF",
        "reference": task.reference,
        "acronym": mission.acronym,
        "pk": str(actor.pk),
        "object_id": str(mission.pk),
        "content_type_id": "1",
        "app_label": "missions",
        "format": "json",
        "uidb64": "MQ",
        "token": "set-password",
        "url": "x",
        "arg": str(mission.pk),  # an unnamed group, e.g. the history views' ids
    }


def test_the_url_templates_are_the_addresses_of_the_pages():
    """The fuzzing below builds addresses from these: they must be real ones, not near misses that all 404."""
    templates = set(url_templates())
    assert ("task-detail", "/operations/<code>/tasks/<reference>/") in templates
    assert ("detail", "/missions/<acronym>/") in templates
    assert ("task-detail", "/api/v1/tasks/<reference>/") in templates
    assert ("missions_mission_history", "/admin/missions/mission/<object_id>/history/") in templates


def fill(template, values):
    return PARAMETER.sub(lambda m: values.get(m.group(1), "x"), template)


def reaches_a_view(path: str) -> bool:
    """Whether the resolver leads ``path`` to a view, the path decoded as the test client and Django decode it (a
    path it refuses reaches only the 404 handler, whatever pattern it was made from)."""
    decoded = repercent_broken_unicode(unquote_to_bytes(path)).decode()
    try:
        resolve(decoded)
    except Resolver404:
        return False
    return True


def fuzz_paths(records, admin: bool, segments=HOSTILE_SEGMENTS):
    """Paths of every pattern: as valid, then with each path parameter in turn replaced by each hostile segment.

    A hostile path the resolver refuses reaches the 404 handler only, the same for every pattern: of those, one per
    hostile segment and top-level section (``/operations/``, ``/api/`` …) is asked, not one per pattern.
    """
    refused = set()
    for name, template in url_templates():
        if name in SKIPPED_NAMES or template.startswith("/admin/") != admin:
            continue
        yield fill(template, records)
        for parameter in dict.fromkeys(PARAMETER.findall(template)):
            for segment in segments:
                path = fill(template, {**records, parameter: segment})
                if not reaches_a_view(path):
                    kind = (segment, path.split("/")[1])
                    if kind in refused:
                        continue
                    refused.add(kind)
                yield path


# The readiness probe answers 503 by design while a service it reports on is down (in CI: no worker is running);
# its own tests (test_health.py) hold what it answers in each state.
DESIGNED_503 = {"/readyz"}


def server_errors(client, requests):
    client.raise_request_exception = False  # a 500 is collected as an answer, so that one run lists them all
    failures = []
    for method, path, data in requests:
        response = getattr(client, method)(path, data)
        if response.status_code == 503 and path in DESIGNED_503:
            continue
        if response.status_code >= 500:
            failures.append(f"{response.status_code} {method.upper()} {path[:120]} {str(data)[:80]}")
    return failures


@pytest.mark.parametrize("standing", ["officer", "hq"])
def test_no_url_pattern_answers_5xx_to_hostile_path_values(client, world, records, standing):
    client.force_login(world.by_role(standing))
    requests = [("get", path, {}) for path in fuzz_paths(records, admin=False)]
    requests += [("post", path, {}) for path in fuzz_paths(records, admin=False, segments=POSTED_SEGMENTS)]
    asked = {path for _method, path, _data in requests}
    for name, template in url_templates():  # every pattern, not a few
        assert name in SKIPPED_NAMES or template.startswith("/admin/") or fill(template, records) in asked, template
    assert len(requests) > 600
    failures = server_errors(client, requests)
    assert not failures, "\n".join(failures)


def test_no_admin_page_answers_5xx_to_hostile_path_values(client, world, records):
    client.force_login(world.admin)
    requests = [("get", path, {}) for path in fuzz_paths(records, admin=True, segments=POSTED_SEGMENTS)]
    failures = server_errors(client, requests)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("object_id", ["x", "%C2%B2", "9" * 30, "9" * 5000])
def test_an_admin_history_page_answers_an_id_that_is_no_id_with_404(client, world, records, object_id):
    client.force_login(world.admin)
    assert client.get(f"/admin/missions/mission/{object_id}/history/").status_code == 404
    assert client.get(f"/admin/operations/membership/{object_id}/history/").status_code == 404
    assert client.get(f"/admin/missions/mission/{records['object_id']}/history/{object_id}/").status_code == 404
    assert client.get(f"/admin/missions/mission/{records['object_id']}/history/").status_code == 200


def list_filters():
    """Each list page, the filter names it reads (from its FilterSet; ``page`` and ``sort`` on every list), that
    FilterSet and, where another list walks its filters one by one, the parameters this one walks alone."""
    task_filters = [*TaskFilterSet.base_filters, "page", "format"]
    actor_filters = [*ActorFilterSet.base_filters, "page", "sort"]
    return [
        (task_log_url("task-list"), task_filters, TaskFilterSet),
        (reverse("my-tasks"), task_filters, TaskFilterSet, ["page", "format"]),  # the task list's filters
        (actors_url("actor-list"), actor_filters, ActorFilterSet),
        (actors_url("stakeholder-map"), actor_filters, ActorFilterSet),
        (actors_url("network"), actor_filters, ActorFilterSet),
        (mission_url("list"), ["page", "q", "operation", "phase"], None),
        (reverse("task-list"), [*task_filters, "cursor", "page_size"], TaskFilterSet, ["cursor", "page_size"]),
        (reverse("operation-list"), ["page", "format"], None),
        (task_log_url("catalogue"), ["activity"], None),
        (task_log_url("task-create"), ["activity"], None),
    ]


# Given to one filter alone, a value reaches that filter's own method (given to every filter at once, the first one
# refused may stop the query before the others run): the values that broke a page once.
ALONE = ["\x00", "9" * 5000, "x" * 5000, "²", "\u0661\u0662\u0663", "-1", "0001-01-01", "\u202eFAC"]


def alone_filter_values(filterset_class, name):
    """The values to give filter ``name`` alone. A filter with a method of its own, and a parameter that is no
    filter (``page``, ``sort``, ``cursor`` …), get them all. A filter without one reaches only its form field and
    django-filter's lookup: a choice (of records or of values) refuses every value that is not one of its keys by the
    same path, so it gets the NUL, the overflow and a key's shape; a date or a number gets what its strict rules
    parse; free text the NUL and the long strings."""
    declared = filterset_class.base_filters.get(name) if filterset_class is not None else None
    if declared is None or declared.method:
        return ALONE
    field = declared.field_class
    if issubclass(field, forms.ChoiceField | forms.ModelChoiceField | forms.NullBooleanField | forms.BooleanField):
        return ["\x00", "9" * 5000, "-1"]
    if issubclass(field, forms.CharField):
        return ["\x00", "9" * 5000, "x" * 5000]
    return ["\x00", "9" * 5000, "²", "\u0661\u0662\u0663", "-1", "0001-01-01"]


def filter_requests(url, names, filterset_class=None, alone=None):
    """GETs of a list's filters: every filter at once with each hostile value, each filter alone (or those of
    ``alone``) with the values that reach its own method (``alone_filter_values``), and parameter names that are no
    names."""
    requests = [("get", url, dict.fromkeys(names, value)) for value in HOSTILE_VALUES]
    requests += [
        ("get", url, {name: value})
        for name in (names if alone is None else alone)
        for value in alone_filter_values(filterset_class, name)
    ]
    return [*requests, ("get", url, {"\x00": "1", "9" * 5000: "1"})]


@pytest.mark.parametrize("standing", ["officer", "hq"])
def test_no_list_filter_answers_5xx_to_hostile_values(client, world, records, standing):
    client.force_login(world.by_role(standing))
    requests = [request for url, *filters in list_filters() for request in filter_requests(url, *filters)]
    failures = server_errors(client, requests)
    assert not failures, "\n".join(failures)


def record_kit_forms() -> set[str]:
    """The create pages of the kit's record types in CAF (their forms' fuzzing is tests/records/test_hardening.py)."""
    from cmcoord.records import record_types

    return {reverse(t.url_name("create"), kwargs={"code": "CAF"}) for t in record_types() if t.form}


FIELD_NAME = re.compile(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"')
POSTED_VALUES = ["\x00", "a\x00b", "9" * 5000, "²", "x" * 5000, "-1", "0001-01-01", "\u202eFAC"]
POSTED_VALUES += ["\u0661\u0662\u0663", "+5", "1e2", "0001-01-01T00:00", "bogus", "\ufffd"]


@pytest.mark.parametrize("standing", ["head", "hq"])
def test_no_form_answers_5xx_to_hostile_posted_values(client, world, records, standing):
    """Every field of every form a page offers, posted with each hostile value: a re-rendered form, never a 5xx."""
    client.force_login(world.by_role(standing))
    client.raise_request_exception = False
    requests = []
    kit_forms = record_kit_forms()
    for name, template in url_templates():
        if name in SKIPPED_NAMES or template.startswith("/admin/"):
            continue
        path = fill(template, records)
        if path in kit_forms:
            continue  # every record type's forms are fuzzed field by field by tests/records/test_hardening.py
        page = client.get(path)
        if page.status_code != 200 or 'method="post"' not in page.text:
            continue
        fields = set(FIELD_NAME.findall(page.text)) - {"csrfmiddlewaretoken"}
        requests += [("post", path, dict.fromkeys(fields, value)) for value in POSTED_VALUES]
    assert len(requests) > 100  # every page with a form (a reader's POST is refused, and is fuzzed too)
    failures = server_errors(client, requests)
    assert not failures, "\n".join(failures)


@pytest.mark.skipif(
    os.environ.get("CMCOORD_REQUIRE_SERVICES", "").lower() not in {"1", "true", "yes"},
    reason="only CI requires PostgreSQL",
)
def test_the_fuzzing_runs_on_postgresql_where_services_are_required(db):
    """A NUL byte breaks only PostgreSQL: on SQLite the fuzz tests above would pass whatever the code did."""
    assert connection.vendor == "postgresql"


# --- The examples of the issue, each with the answer it gets ------------------------------------------------


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/operations/%C2%B2/", 404),
        ("/operations/CAF%C2%B2/", 404),
        ("/api/v1/operations/%C2%B2/", 404),
        ("/operations/CAF/actors/" + "9" * 5000 + "/", 404),
        ("/operations/CAF/priorities/" + "9" * 19 + "/edit/", 404),
        ("/operations/CAF/tasks/%00/", 400),
        ("/api/v1/tasks/%00/", 400),
        ("/missions/%00/", 400),
        ("/missions/QZ%2FSLASH/", 404),
        ("/operations/CAF/tasks/?activity=%00", 400),
        ("/operations/CAF/tasks/?page=" + "9" * 5000, 400),
        ("/operations/CAF/actors/?q=a%00b", 400),
        ("/tasks/mine/?page=%00", 400),
    ],
)
def test_odd_input_is_a_404_or_a_clear_400(client, world, records, path, status):
    client.force_login(world.officer)
    response = client.get(path)
    assert response.status_code == status
    if status == 400:
        assert "cannot be used" in response.text or "too long" in response.text  # says why


def test_the_400_page_says_what_was_wrong(client, world, login):
    response = login(world.officer).get(task_log_url("task-list"), {"q": "1" * 40})
    assert response.status_code == 400
    assert "A filter or search contains a number that is too long (at most 30 digits)." in response.text
    assert "Back to your operations" in response.text


def test_the_api_answers_a_nul_byte_with_json(client, world, login):
    response = login(world.officer).get(reverse("task-list"), {"status": "planned\x00"})
    assert response.status_code == 400
    assert "cannot be used" in response.json()["detail"]


@pytest.mark.parametrize("code", ["²", "C²F", "٣٣٣", "CA", "CAFE"])
def test_the_api_operation_filter_refuses_what_is_no_operation_code_with_a_field_error(client, world, login, code):
    response = login(world.officer).get(reverse("task-list"), {"operation": code})
    assert response.status_code == 400
    assert "three-letter ISO code" in response.json()["operation"][0]


def test_the_api_operation_filter_still_takes_a_code_in_either_case(client, world, records, login):
    client = login(world.officer)
    for code in ("CAF", "caf"):
        response = client.get(reverse("task-list"), {"operation": code})
        assert response.status_code == 200
        assert [row["reference"] for row in response.json()["results"]] == [records["reference"]]


@pytest.mark.parametrize("acronym", ["A", "MINUSCA", "EUFOR-RCA", "UN2", "M" * 20])
def test_every_acronym_the_model_accepts_has_an_address(acronym):
    from cmcoord.core.validators import validate_acronym

    validate_acronym(acronym)
    assert reverse("missions:detail", kwargs={"acronym": acronym}) == f"/missions/{acronym}/"


@pytest.mark.parametrize("reference", ["CAF-2026-0001", "MLI-2031-12345", "COD-2026-" + "9" * 11])
def test_every_reference_the_model_accepts_has_an_address(reference):
    from cmcoord.core.validators import validate_task_reference

    validate_task_reference(reference)
    assert reverse("protection_tasks:task-detail", kwargs={"code": "CAF", "reference": reference})


# --- The API schema: signed-in users only -------------------------------------------------------------------


def test_the_api_schema_needs_sign_in(client, world):
    assert client.get(reverse("api-schema")).status_code in (302, 401, 403)


def test_the_api_schema_answers_signed_in_users(client, world, login):
    response = login(world.hct).get(reverse("api-schema"))
    assert response.status_code == 200
    assert b"/api/v1/tasks/" in response.content


# --- Strict input: every form and every filter follows the rules of cmcoord.core.inputs ---------------------

ASCII_DIGITS = "digits 0 to 9 only"
DATE_RANGE = "Choose a date between 2000-01-01 and 2100-12-31."
CHECKBOX = "A checkbox is either ticked or not"
INVALID_CHOICE = "Select a valid choice"
# Per kind of field, as the page renders it: the values to post and what the answer must say about each.
STRICT_CASES = {
    "integer": [("\u0661\u0662\u0663", ASCII_DIGITS), ("\uff11\u0662\u0663", ASCII_DIGITS), ("+5", ASCII_DIGITS),
                ("10.0", ASCII_DIGITS), ("1e2", ASCII_DIGITS)],
    "decimal": [("\u0665", ASCII_DIGITS), ("+5", ASCII_DIGITS), ("1e2", ASCII_DIGITS)],
    "date": [("1999-12-31", DATE_RANGE), ("1899-06-01", DATE_RANGE), ("1000-01-01", DATE_RANGE),
             ("2101-01-01", DATE_RANGE), ("\u0662\u0660\u0662\u0666-01-01", ASCII_DIGITS)],
    "datetime-local": [("0001-01-01T00:00", DATE_RANGE), ("1999-12-31T23:59", DATE_RANGE)],
    "checkbox": [("0", CHECKBOX), ("bogus", CHECKBOX)],
    "choice": [("\u0661", ASCII_DIGITS)],  # an id or a numbered level in other digits
}  # fmt: skip
FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.DOTALL)
CONTROL = re.compile(r"<(input|select|textarea)\b([^>]*)>")
ATTRIBUTE = re.compile(r'([\w-]+)(?:="([^"]*)")?')


def _attributes(text):
    return dict(ATTRIBUTE.findall(text))


def strict_fields(html, path):
    """(action, name, kind) of each field of the page's POST forms that one of the strict rules applies to."""
    found = []
    for form_attributes, body in FORM.findall(html):
        form = _attributes(form_attributes)
        if form.get("method", "").lower() != "post" or "data-outbox-only" in form:
            continue  # a form only the outbox sends (through the API, whose own walk is in tests/api) is no page form
        action = form.get("action") or path
        for tag, attributes in CONTROL.findall(body):
            field = _attributes(attributes)
            name, kind = field.get("name"), field.get("type", "")
            if not name or name == "csrfmiddlewaretoken":
                continue
            if tag == "input" and kind == "number":
                found.append((action, name, "integer" if field.get("step", "1") == "1" else "decimal"))
            elif tag == "input" and kind in {"date", "datetime-local"}:
                found.append((action, name, kind))
            elif tag == "input" and kind == "checkbox" and "value" not in field:
                found.append((action, name, "checkbox"))
            elif tag == "select":
                options = re.search(rf'<select\b[^>]*name="{re.escape(name)}"[^>]*>(.*?)</select>', body, re.DOTALL)
                values = re.findall(r'<option value="([^"]*)"', options.group(1)) if options else []
                if any(value.isascii() and value.isdigit() for value in values):
                    found.append((action, name, "choice"))
    return found


def test_every_form_page_applies_the_strict_rules_to_each_field_and_says_so(client, world, records):
    """Every number, date, date and time, checkbox and numbered choice of every form a head of office can open,
    posted as the issue's examples: the form is refused (never saved, never a 5xx) and the field's error says why."""
    client.force_login(world.head)
    client.raise_request_exception = False
    failures, kinds, checked = [], set(), 0
    for name, template in url_templates():
        if name in SKIPPED_NAMES or template.startswith(("/admin/", "/api/")):
            continue
        path = fill(template, records)
        page = client.get(path)
        if page.status_code != 200:
            continue
        for action, field, kind in strict_fields(page.text, path):
            kinds.add(kind)
            for value, message in STRICT_CASES[kind]:
                response = client.post(action, {field: value}, follow=True)  # a panel's form says it on its page
                checked += 1
                said = message in response.text or (kind == "choice" and INVALID_CHOICE in response.text)
                if response.status_code != 200 or not said:
                    failures.append(f"{response.status_code} {action} {field}={value!r}: {message!r} not said")
    assert kinds == set(STRICT_CASES)  # every kind of field is met somewhere
    assert checked > 200
    assert not failures, "\n".join(failures)


def project_subclasses(base):
    """Every class of the project's own modules (not Django's, not a library's) that derives from ``base``."""
    import importlib
    import importlib.util

    from django.apps import apps
    from django.conf import settings

    packages = set()
    for config in apps.get_app_configs():
        if str(config.path).startswith(str(settings.BASE_DIR)) and ".venv" not in str(config.path):
            packages.add(config.name.split(".")[0])
            for module in ("forms", "filtersets", "views", "api"):
                if importlib.util.find_spec(f"{config.name}.{module}") is not None:
                    importlib.import_module(f"{config.name}.{module}")
    url_templates()  # the URL modules import every view, and the views their forms

    def walk(cls):
        for subclass in cls.__subclasses__():
            yield subclass
            yield from walk(subclass)

    return {cls for cls in walk(base) if cls.__module__.split(".")[0] in packages}


def test_every_form_and_filterset_of_the_project_is_strict():
    from django import forms
    from django_filters import FilterSet

    from cmcoord.core.filters import ScopedFilterSet
    from cmcoord.core.inputs import StrictInputMixin

    form_classes = project_subclasses(forms.BaseForm)
    assert len(form_classes) > 30
    assert not {cls.__qualname__ for cls in form_classes if not issubclass(cls, StrictInputMixin)}
    filtersets = project_subclasses(FilterSet)
    assert len(filtersets) > 8
    assert not {cls.__qualname__ for cls in filtersets if not issubclass(cls, ScopedFilterSet)}


def strict_filter_cases(form):
    """(name, value, message) for each field of a FilterSet's form that a strict rule applies to."""
    from django import forms

    for name, field in form.fields.items():
        if isinstance(field.widget, forms.CheckboxInput):
            kind = "checkbox"
        elif isinstance(field, forms.DecimalField | forms.FloatField):
            kind = "decimal"
        elif isinstance(field, forms.IntegerField):
            kind = "integer"
        elif isinstance(field, forms.DateField):
            kind = "date"
        elif isinstance(field, forms.DateTimeField):
            kind = "datetime-local"
        elif isinstance(field, forms.ModelChoiceField):
            kind = "choice"
        else:
            continue
        for value, message in STRICT_CASES[kind]:
            yield name, value, message


def test_every_filterset_applies_the_strict_rules_to_each_filter(world, records):
    """Each FilterSet serves a list page and the API: fed the issue's examples, each filter is an error that says
    why, and the list is not filtered by a number it misread."""
    import inspect

    from cmcoord.core.filters import ScopedFilterSet

    failures, checked = [], 0
    for filterset_class in project_subclasses(ScopedFilterSet):
        if filterset_class._meta.model is None:
            continue
        accepts = inspect.signature(filterset_class.__init__).parameters
        extra = {"operation": world.operation} if "operation" in accepts else {}
        blank = filterset_class(None, queryset=filterset_class._meta.model.objects.none(), user=world.officer, **extra)
        for name, value, message in strict_filter_cases(blank.form):
            filterset = filterset_class(
                {name: value}, queryset=filterset_class._meta.model.objects.none(), user=world.officer, **extra
            )
            checked += 1
            errors = " ".join(filterset.form.errors.get(name, [])) if not filterset.is_valid() else ""
            if message not in errors and not (message == ASCII_DIGITS and INVALID_CHOICE in errors):
                failures.append(f"{filterset_class.__name__}.{name}={value!r}: {errors or 'accepted'}")
    assert checked > 50
    assert not failures, "\n".join(failures)


def api_lists():
    """The API's list routes that take filters, with their FilterSet."""
    for name, template in url_templates():
        if template.startswith("/api/") and name.endswith("-list") and "<" not in template:
            view = resolve(template).func
            filterset_class = getattr(getattr(view, "cls", None), "filterset_class", None)
            if filterset_class is not None:
                yield template, filterset_class


def test_every_api_filter_answers_400_saying_why(client, world, records):
    client.force_login(world.officer)
    failures, checked = [], 0
    for path, filterset_class in api_lists():
        blank = filterset_class(None, queryset=filterset_class._meta.model.objects.none(), user=world.officer)
        for name, value, message in strict_filter_cases(blank.form):
            response = client.get(path, {name: value})
            checked += 1
            said = response.status_code == 400 and (
                message in " ".join(response.json().get(name, [])) or INVALID_CHOICE in str(response.json())
            )
            if not said:
                failures.append(f"{response.status_code} {path}?{name}={value!r}: {response.text[:120]}")
        response = client.get(path, {"page_size": "\u0665\u0660"})
        if response.status_code != 400 or ASCII_DIGITS not in response.json()["page_size"][0]:
            failures.append(f"{response.status_code} {path}?page_size in other digits")
    assert checked > 40
    assert not failures, "\n".join(failures)


def test_no_page_takes_put_patch_or_delete(client, world, records):
    """Django's form views answer PUT as POST; every page answers 405 instead (the API its own 405)."""
    client.force_login(world.admin)
    client.raise_request_exception = False
    officer = Client()
    officer.force_login(world.head)
    officer.raise_request_exception = False
    failures = []
    for name, template in url_templates():
        if name in SKIPPED_NAMES:
            continue
        path = fill(template, records)
        for method in ("put", "patch", "delete"):
            response = getattr(client if template.startswith("/admin/") else officer, method)(path, "a=1")
            # The API's edits take PATCH, in JSON only: this body is refused as such (415), not read as a form.
            refused = (404, 405, 415) if path.startswith("/api/") and method == "patch" else (404, 405)
            if response.status_code not in refused:
                failures.append(f"{response.status_code} {method.upper()} {path}")
    assert not failures, "\n".join(failures)
