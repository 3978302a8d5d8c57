"""Hostile input on the pages of incidents and trainings: every list filter and every field of the edit forms,
fed the values that once broke pages elsewhere, answers a page or a clear 4xx, never a 5xx."""

import pytest
from django.urls import reverse

from incidents.filtersets import IncidentFilterSet
from tests.core.test_hardening import FIELD_NAME, HOSTILE_VALUES, POSTED_VALUES, server_errors
from tests.factories import AccessIncidentFactory, TrainingFactory
from trainings.filtersets import TrainingFilterSet


@pytest.mark.parametrize("standing", ["officer", "hq"])
def test_no_list_filter_or_api_filter_answers_5xx(client, world, standing):
    client.force_login(world.by_role(standing))
    lists = [
        (reverse("incidents:list", kwargs={"code": "CAF"}), [*IncidentFilterSet.base_filters, "page"]),
        (reverse("trainings:list", kwargs={"code": "CAF"}), [*TrainingFilterSet.base_filters, "page"]),
        (reverse("access-incident-list"), [*IncidentFilterSet.base_filters, "cursor", "page_size"]),
        (reverse("training-list"), [*TrainingFilterSet.base_filters, "cursor", "page_size"]),
    ]
    requests = [("get", url, {name: value}) for url, names in lists for name in names for value in HOSTILE_VALUES]
    failures = server_errors(client, requests)
    assert not failures, "\n".join(failures)


def test_no_edit_form_answers_5xx_to_hostile_posted_values(client, world):
    client.force_login(world.head)
    incident = AccessIncidentFactory(operation=world.operation)
    training = TrainingFactory(operation=world.operation)
    requests = []
    for path in (
        reverse("incidents:edit", kwargs={"code": "CAF", "pk": incident.pk}),
        reverse("trainings:edit", kwargs={"code": "CAF", "pk": training.pk}),
    ):
        fields = set(FIELD_NAME.findall(client.get(path).text)) - {"csrfmiddlewaretoken"}
        assert "version" in fields
        requests += [("post", path, dict.fromkeys(fields, value)) for value in POSTED_VALUES]
    failures = server_errors(client, requests)
    assert not failures, "\n".join(failures)
