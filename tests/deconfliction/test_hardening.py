"""Hostile input on the notification pages: odd path values and the values posted to the settings and answer forms
answer 4xx or the form again, never 5xx; and the layering holds (nothing below the notification system imports it).
The list's filters, the API's and the notification form: ``tests/records/test_hardening.py``, from the declaration."""

from pathlib import Path

import pytest

from tests.core import test_hardening as hardening

from .conftest import notification_url, notifications_url

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def values(level_notifications, party):
    notification = level_notifications[1]
    return {
        "code": "CAF",
        "reference": notification.reference,
        "pk": str(notification.answers.get().pk),
    }


def _my_templates():
    return [(name, t) for name, t in hardening.url_templates() if "/notifications/" in t]


def test_every_page_of_the_app_is_fuzzed():
    names = {name for name, _template in _my_templates()}
    assert {"notification-list", "notification-detail", "notification-edit", "answer-record", "settings"} <= names


@pytest.mark.parametrize("standing", ["officer", "hq"])
def test_no_page_answers_5xx_to_hostile_path_values(client, world, values, standing):
    client.force_login(world.by_role(standing))
    requests = []
    for _name, template in _my_templates():
        requests.append(("get", hardening.fill(template, values), {}))
        for parameter in dict.fromkeys(hardening.PARAMETER.findall(template)):
            for segment in hardening.HOSTILE_SEGMENTS:
                path = hardening.fill(template, {**values, parameter: segment})
                requests += [("get", path, {}), ("post", path, {})]
    failures = hardening.server_errors(client, requests)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("standing", ["officer", "head"])
def test_no_form_answers_5xx_to_hostile_posted_values(client, world, level_notifications, values, standing):
    client.force_login(world.by_role(standing))
    notification = level_notifications[1]
    answer_pk = values["pk"]
    forms = {
        notifications_url("settings"): None,
        notification_url(notification, "answer-record", pk=answer_pk): notification_url(notification),
    }
    requests = []
    for url, page in forms.items():
        shown = client.get(page or url)
        fields = set(hardening.FIELD_NAME.findall(shown.text)) - {"csrfmiddlewaretoken"}
        assert fields or shown.status_code == 403, url  # the officer may not set the response time: posted anyway
        fields = fields or {"response_hours"}
        requests += [("post", url, dict.fromkeys(fields, value)) for value in hardening.POSTED_VALUES]
    failures = hardening.server_errors(client, requests)
    assert not failures, "\n".join(failures)


def test_nothing_below_the_notification_system_imports_it():
    """The notification system sits above tasks, actors and missions; only the leaves (demo, benchmarks) use it."""
    for package in ("cmcoord", "digests", "protection_tasks", "actors", "missions"):
        for path in sorted((ROOT / package).rglob("*.py")):
            found = [name for name in hardening_imports(path) if name.startswith("deconfliction")]
            assert not found or path.parts[-3:-1] == ("cmcoord", "api"), f"{path.relative_to(ROOT)} imports {found}"


def hardening_imports(path):
    from tests.core.test_layering import _imports

    return list(_imports(path))
