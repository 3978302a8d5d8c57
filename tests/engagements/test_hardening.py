"""Hostile filter values on the engagement and key-message lists and their API: a 4xx or an empty list, never a 5xx.

The cross-app fuzzing (``tests/core/test_hardening.py``) walks every URL pattern, but only a fixed list of list pages'
filters: these are the filters of this app's lists, with the same values.
"""

import pytest

from engagements.filtersets import EngagementFilterSet, KeyMessageFilterSet
from tests.core.test_hardening import HOSTILE_VALUES, server_errors
from tests.engagements.conftest import engagements_url


def lists():
    return [
        (engagements_url("engagement-list"), [*EngagementFilterSet.base_filters, "page"]),
        (engagements_url("key-message-list"), [*KeyMessageFilterSet.base_filters, "page"]),
        ("/api/v1/engagements/", [*EngagementFilterSet.base_filters, "cursor", "page_size"]),
        ("/api/v1/key-messages/", [*KeyMessageFilterSet.base_filters, "cursor", "page_size"]),
    ]


@pytest.mark.parametrize("standing", ["officer", "hct"])
def test_no_filter_answers_5xx_to_hostile_values(client, world, level_messages, standing):
    client.force_login(world.by_role(standing))
    requests = [("get", url, {name: value}) for url, names in lists() for name in names for value in HOSTILE_VALUES]
    requests += [("get", url, {"after": "9999-12-31", "before": "9999-12-31"}) for url, _names in lists()]
    assert len(requests) > 150
    failures = server_errors(client, requests)
    assert not failures, "\n".join(failures)


def test_a_date_outside_the_allowed_range_is_a_clear_filter_error(world, login, level_messages):
    response = login(world.officer).get("/api/v1/engagements/", {"before": "9999-12-31"})
    assert response.status_code == 400
    assert "Choose a date between" in response.json()["before"][0]
