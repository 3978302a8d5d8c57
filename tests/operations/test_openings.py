"""Who opened what: every opening of a Strictly confidential record is logged, and only the head of office reads
the log."""

import pytest
from django.urls import reverse

from cmcoord.core.choices import Sensitivity
from cmcoord.core.models import RecordOpening
from tests.factories import (
    AccessIncidentFactory,
    ActorFactory,
    AttachmentFactory,
    LiaisonContactFactory,
    TaskFactory,
)

pytestmark = pytest.mark.django_db

SC = Sensitivity.STRICTLY_CONFIDENTIAL
LOG = reverse("operations:openings", kwargs={"code": "CAF"})


def test_opening_a_strictly_confidential_page_is_logged_and_a_confidential_one_is_not(world, login):
    secret = AccessIncidentFactory(operation=world.operation, title="Informant's report", sensitivity=SC)
    plain = AccessIncidentFactory(operation=world.operation, title="Road closed", sensitivity=Sensitivity.CONFIDENTIAL)
    task = TaskFactory(operation=world.operation, owner=world.officer, title="Source protection", sensitivity=SC)
    officer = login(world.officer)
    for url in (secret.get_absolute_url(), plain.get_absolute_url(), task.get_absolute_url()):
        assert officer.get(url).status_code == 200
    logged = list(RecordOpening.objects.values_list("user__username", "label", "how"))
    assert sorted(logged) == sorted([("officer", str(secret), "page"), ("officer", str(task), "page")])
    # Who may not open it opens nothing, so nothing is logged.
    for user in (world.hct, world.hq, world.other_officer):
        assert login(user).get(secret.get_absolute_url()).status_code == 404
    assert RecordOpening.objects.count() == 2


def test_contacts_shown_and_files_downloaded_are_logged(world, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    actor = ActorFactory(operation=world.operation, name="Kaga-Bandoro self-defence group")
    LiaisonContactFactory(actor=actor, name="Commander's deputy", sensitivity=SC)
    incident = AccessIncidentFactory(operation=world.operation, sensitivity=SC)
    attachment = AttachmentFactory(record=incident, uploaded_by=world.officer)
    officer = login(world.officer)
    assert officer.get(actor.get_absolute_url()).status_code == 200
    assert officer.get(attachment.get_absolute_url()).status_code == 200
    assert sorted(RecordOpening.objects.values_list("label", "how")) == sorted(
        [("Commander's deputy", "page"), (str(incident), "attachment")]
    )


@pytest.mark.parametrize(
    "who,status", [("head", 200), ("officer", 403), ("hct", 403), ("hq", 403), ("other_officer", 404)]
)
def test_only_the_head_of_office_reads_the_log(world, login, who, status):
    incident = AccessIncidentFactory(operation=world.operation, title="Informant's report", sensitivity=SC)
    login(world.officer).get(incident.get_absolute_url())
    response = login(getattr(world, who)).get(LOG)
    assert response.status_code == status
    if status == 200:
        assert "Informant" in response.text and 'data-testid="opening"' in response.text
    else:
        assert "Informant" not in response.text


def test_the_log_reads_in_a_fixed_number_of_queries(world, login, django_assert_max_num_queries):
    incidents = [AccessIncidentFactory(operation=world.operation, sensitivity=SC) for _ in range(5)]
    officer = login(world.officer)
    for _ in range(12):
        for incident in incidents:
            officer.get(incident.get_absolute_url())
    head = login(world.head)
    with django_assert_max_num_queries(10):
        response = head.get(LOG)
    assert response.text.count('data-testid="opening"') == 50
