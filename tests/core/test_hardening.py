"""Hostile input at the edge: every URL pattern and every list filter, fed odd values, never answers 5xx.

The values are those that once broke pages: a non-ASCII digit where an operation code goes, a number past
Python's int-conversion limit, a NUL byte (which only PostgreSQL refuses, so CI runs this on PostgreSQL),
very long strings, path climbing and right-to-left overrides. The URL patterns are read from the resolver, so a
page added later is fuzzed without anyone listing it here.
"""

import os
import re
from urllib.parse import quote

import pytest
from django.db import connection
from django.urls import URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern

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


def fuzz_paths(records, admin: bool, segments=HOSTILE_SEGMENTS):
    """Paths of every pattern: as valid, then with each path parameter in turn replaced by each hostile segment."""
    for name, template in url_templates():
        if name in SKIPPED_NAMES or template.startswith("/admin/") != admin:
            continue
        yield fill(template, records)
        for parameter in dict.fromkeys(PARAMETER.findall(template)):
            for segment in segments:
                yield fill(template, {**records, parameter: segment})


def server_errors(client, requests):
    client.raise_request_exception = False  # a 500 is collected as an answer, so that one run lists them all
    failures = []
    for method, path, data in requests:
        response = getattr(client, method)(path, data)
        if response.status_code >= 500:
            failures.append(f"{response.status_code} {method.upper()} {path[:120]} {str(data)[:80]}")
    return failures


@pytest.mark.parametrize("standing", ["officer", "hq"])
def test_no_url_pattern_answers_5xx_to_hostile_path_values(client, world, records, standing):
    client.force_login(world.by_role(standing))
    requests = [("get", path, {}) for path in fuzz_paths(records, admin=False)]
    requests += [("post", path, {}) for path in fuzz_paths(records, admin=False, segments=POSTED_SEGMENTS)]
    assert len(requests) > 1000  # every pattern, not a few
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
    """Each list page and the filter names it reads (from its FilterSet; ``page`` and ``sort`` on every list)."""
    task_filters = [*TaskFilterSet.base_filters, "page", "format"]
    actor_filters = [*ActorFilterSet.base_filters, "page", "sort"]
    return [
        (task_log_url("task-list"), task_filters),
        (reverse("my-tasks"), task_filters),
        (actors_url("actor-list"), actor_filters),
        (actors_url("stakeholder-map"), actor_filters),
        (actors_url("network"), actor_filters),
        (mission_url("list"), ["page", "q", "operation", "phase"]),
        (reverse("task-list"), task_filters),
        (reverse("operation-list"), ["page", "format"]),
        (task_log_url("catalogue"), ["activity"]),
        (task_log_url("task-create"), ["activity"]),
    ]


@pytest.mark.parametrize("standing", ["officer", "hq"])
def test_no_list_filter_answers_5xx_to_hostile_values(client, world, records, standing):
    client.force_login(world.by_role(standing))
    requests = [
        ("get", url, {name: value}) for url, names in list_filters() for name in names for value in HOSTILE_VALUES
    ]
    requests += [("get", url, {"\x00": "1", "9" * 5000: "1"}) for url, _names in list_filters()]
    failures = server_errors(client, requests)
    assert not failures, "\n".join(failures)


FIELD_NAME = re.compile(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"')
POSTED_VALUES = ["\x00", "a\x00b", "9" * 5000, "²", "x" * 5000, "-1", "0001-01-01", "\u202eFAC"]


@pytest.mark.parametrize("standing", ["head", "hq"])
def test_no_form_answers_5xx_to_hostile_posted_values(client, world, records, standing):
    """Every field of every form a page offers, posted with each hostile value: a re-rendered form, never a 5xx."""
    client.force_login(world.by_role(standing))
    client.raise_request_exception = False
    requests = []
    for name, template in url_templates():
        if name in SKIPPED_NAMES or template.startswith("/admin/"):
            continue
        path = fill(template, records)
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
