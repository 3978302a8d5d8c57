"""Every export reads a fixed number of queries whatever its size: the same for 5 rows as for 200 (and under a
small budget), so a column that starts querying per row fails here."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors.models import Actor, ActorAssessment, LiaisonContact
from missions.models import Mission
from protection_tasks.models import Activity, Task
from tests.factories import MissionFactory, ProtectionPriorityFactory, TaskFactory, reserve_references
from tests.support import CONFIDENTIAL, UNCLASSIFIED

from .support import EXPORTS, FORMATS, content_of, export_url

# Session and user, access profile (2), the operation, the filter's choices, the count of an XLSX, the log
# written and completed, the rows themselves; measured at 8 to 11 when written.
BUDGET = 12


def _grow(world, count, offset):
    caf = world.operation
    activities = list(Activity.objects.filter(operation__isnull=True, peacekeeping_only=False))
    tasks = Task.objects.bulk_create(
        TaskFactory.build(
            operation=caf, reference=reference, activity=activities[i % len(activities)], owner=world.officer,
            title=f"Task {offset + i}", due_date=date(2026, 9, 1) + timedelta(days=i % 90),
            sensitivity=UNCLASSIFIED if i % 2 else CONFIDENTIAL,
        )
        for i, reference in enumerate(reserve_references(caf, count))
    )  # fmt: skip
    priority = ProtectionPriorityFactory(operation=caf)
    Task.protection_priorities.through.objects.bulk_create(
        Task.protection_priorities.through(task_id=task.pk, protectionpriority_id=priority.pk) for task in tasks
    )
    actors = Actor.objects.bulk_create(
        Actor(operation=caf, name=f"Actor {offset + i}", category="nsag", actor_type="rebel_group", sensitivity=1)
        for i in range(count)
    )
    ActorAssessment.objects.bulk_create(
        ActorAssessment(
            operation=caf, actor=actor, stance="neutral", influence=3, interest=3, strategy="coordination",
            assessor=world.officer, sensitivity=UNCLASSIFIED,
        )
        for actor in actors
    )  # fmt: skip
    LiaisonContact.objects.bulk_create(
        LiaisonContact(operation=caf, actor=actor, name=f"Contact {actor.name}", sensitivity=CONFIDENTIAL)
        for actor in actors
    )
    missions = [MissionFactory(acronym=f"M{offset + i}", operations=[caf]) for i in range(min(count, 20))]
    assert missions and Mission.objects.count()


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        content_of(response)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("name", "code"), EXPORTS)
def test_queries_do_not_grow_with_the_rows(world, login, django_assert_max_num_queries, name, code, fmt):
    client = login(world.officer)
    _grow(world, 5, 0)
    url = export_url(name, fmt, code) + ("?status=planned&sort=-due" if name == "tasks" else "")
    small = _queries(client, url)
    _grow(world, 200, 1000)
    with django_assert_max_num_queries(BUDGET):
        large = _queries(client, url)
    assert large == small
