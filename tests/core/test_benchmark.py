"""The benchmark command runs, prints a row per page and leaves no data behind; the full-scale loader's SQL works."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.models import Count, F
from django.test import Client
from django.utils import timezone

from actors.models import Actor, ActorRelationship
from benchmarks import loader, pages
from benchmarks.deployment import HQ_USERNAME, Scale
from cmcoord.accounts.models import ApiToken
from cmcoord.core.choices import Role
from cmcoord.operations.models import CountryOperation
from cmcoord.records.registry import record_types
from missions.models import TaskMission
from protection_tasks.choices import OPEN_STATUSES, TaskStatus
from protection_tasks.models import Task, TaskReferenceCounter, TimelineEntry


def test_benchmark_prints_each_page_and_rolls_back(db):
    out = StringIO()
    call_command("benchmark", tasks=6, actors=5, relationships=4, stdout=out)
    text = out.getvalue()
    for label in ("task list (6 tasks)", "my tasks", "actor list (5 actors)", "stakeholder map", "network (4 rel"):
        assert label in text
    assert not Task.objects.exists()
    assert not Actor.objects.exists()
    # The API's figures with a personal token: each read and write answered, and one query checks the token.
    rows = {line[:32].strip(): line.split() for line in text.splitlines() if line.startswith("API ")}
    labels = ["API tasks (token)", "API tasks of ATA (token)", "API task (token)", "API create a task",
              "API add a note", "API edit with version", "API status with version"]  # fmt: skip
    assert list(rows) == labels
    assert all(row[-1] == "1" for row in rows.values()), rows
    assert not ApiToken.objects.exists() and not TimelineEntry.objects.exists()


def test_full_scale_is_the_deployment_the_product_must_hold():
    scale = Scale.of(tasks=1_000_001, operations=40)
    assert scale.tasks_per_operation[0] == 50_000
    assert sum(scale.tasks_per_operation) == 1_000_001
    assert scale.actors == 12_000
    assert sum(scale.actors_per_operation) == 12_000
    assert scale.records_per_type == 100_000  # of each record type, in the largest operation


@pytest.mark.skipif(connection.vendor == "postgresql", reason="checks the refusal on SQLite")
def test_full_scale_refuses_sqlite(db):
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("benchmark", full_scale=True, stdout=StringIO())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the full-scale loader is PostgreSQL's set-based SQL")
def test_full_scale_loader_writes_a_coherent_deployment_every_page_reads(db):
    """At a tiny scale, inside the test's transaction: the same SQL as a million tasks, and every page answers."""
    scale = Scale.of(tasks=400, operations=4)
    counts = loader.load(scale)

    assert counts["tasks"] == Task.objects.count() == 400
    per_operation = dict(Task.objects.values_list("operation__country").annotate(n=Count("pk")))
    assert [per_operation[country] for country in scale.countries] == scale.tasks_per_operation
    assert not Task.objects.exclude(
        owner__memberships__operation=F("operation"), owner__memberships__role=Role.OFFICER
    ).exists()
    assert set(Task.objects.values_list("status", flat=True)) == set(TaskStatus.values)
    assert set(Task.objects.values_list("sensitivity", flat=True)) == {1, 2, 3}
    today = timezone.now().date()
    assert Task.objects.filter(status__in=OPEN_STATUSES, due_date__lt=today).exists()  # overdue ones
    assert Task.objects.filter(due_date__gt=today).exists()
    counters = {(c.operation_id, c.year): c.last_number for c in TaskReferenceCounter.objects.all()}
    assert sum(counters.values()) == 400
    assert 2 <= TimelineEntry.objects.count() / 400 <= 4
    assert Task.collaborators.through.objects.exclude(user=F("task__owner")).count() == counts["collaborators"] > 0
    assert not TaskMission.objects.exclude(mission__operations=F("task__operation")).exists()
    assert ActorRelationship.objects.count() == 2 * Actor.objects.count() == 2 * scale.actors
    assert not ActorRelationship.objects.exclude(target__operation=F("source__operation")).exists()
    assert CountryOperation.objects.get(country="CD").has_peace_operation
    for task in Task.objects.select_related("operation").order_by("pk")[:25]:
        task.full_clean()  # choices, P-codes, dates: as a form would accept them
    for actor in Actor.objects.select_related("operation", "parent").order_by("pk")[:25]:
        actor.full_clean()
    # Each record type's rows are in the largest operation only, at every level, each valid as a form would take it.
    for record_type in record_types():
        rows = record_type.model.objects.all()
        assert counts[record_type.model._meta.label] == rows.count() == scale.records_per_type == 200
        assert set(rows.values_list("operation__country", flat=True)) == {"CD"}
        assert set(rows.values_list("sensitivity", flat=True)) == {1, 2, 3}
        for record in rows.select_related("operation").order_by("pk")[:10]:
            record.full_clean()

    # The busy officer owns half of the largest operation's open tasks (up to 10,000), taken from the others.
    busy = get_user_model().objects.get(username="busy.cod")
    largest_open = Task.objects.filter(operation__country="CD", status__in=OPEN_STATUSES)
    assert 0.3 < busy.owned_tasks.count() / largest_open.count() < 0.7
    assert (
        busy.owned_tasks.filter(status__in=OPEN_STATUSES).count()
        == busy.owned_tasks.count()
        == counts["busy officer's open tasks"]
    )
    users = {
        "officer": get_user_model().objects.get(username="officer0.cod"),
        "HQ": get_user_model().objects.get(username=HQ_USERNAME),
        pages.BUSY: busy,
    }
    targets = pages.find_targets("CD", "COD", users)
    figures = pages.measure_all(users, targets, rounds=0)  # one request per page: they all answer
    assert all(figure.outcome == "ok" for (_label, who), figure in figures.items() if who != "HQ"), figures
    assert {label for label, who in figures if who == pages.BUSY} == {
        label for label, _url in pages.page_list(targets, pages.BUSY)
    } and all(label.startswith("my tasks") for label, who in figures if who == pages.BUSY)
    assert {figure.outcome for figure in figures.values()} <= {"ok", pages.NOT_ALLOWED}  # HQ: no set-up pages
    assert len(pages.table(figures, figures)) == len(figures) + 2
    assert len(pages.growth_table(figures, figures, figures)) == len(figures) + 2
    # Every page the user may open (exports aside: they are measured against COPY) has its hand-written ideal
    # SQL, and that SQL runs on this schema.
    assert all(
        figure.ideal_ms > 0
        for (label, _who), figure in figures.items()
        if figure.outcome == "ok" and pages.bounded(label) and not label.startswith("panel:")
    ), figures
    # Each record type's list, deep page and record, and its app's dashboard panel, for the officer and HQ alike.
    for record_type in record_types():
        plural = str(record_type.model._meta.verbose_name_plural)
        for label in (plural, f"{plural}: deep page", f"{plural}: record"):
            assert figures[(label, "officer")].outcome == figures[(label, "HQ")].outcome == "ok", label
    panels = {label for label, who in figures if label.startswith("panel:") and who == "HQ"}
    assert {"panel: engagements", "panel: notifications", "panel: incidents", "panel: trainings"} <= panels
    assert all(figures[(label, "officer")].kb > 0 for label in panels)
    client = Client(HTTP_HOST="localhost")
    client.force_login(users["officer"])
    figure = pages.measure(client, f"/operations/COD/tasks/{targets.task}/", rounds=1)
    assert figure.queries > 0 and figure.peak_mb > 0 and figure.kb > 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY and the loader are PostgreSQL's")
@pytest.mark.django_db(transaction=True)  # committed: the export command and the worker are other processes
def test_the_export_and_digest_figures_are_measured_against_copy_and_a_real_worker(guidance_note_catalogue):
    """At a tiny scale: the exports are timed through the product, against COPY and as their own process, and every
    operation's digest is produced by a worker when a broker is configured (as in CI)."""
    from benchmarks import digests, exports
    from digests.models import Digest, DigestSchedule

    with transaction.atomic():  # the loader's temporary tables live in its transaction
        loader.load(Scale.of(tasks=200, operations=3))
    users = {
        "officer": get_user_model().objects.get(username="officer0.cod"),
        "HQ": get_user_model().objects.get(username=HQ_USERNAME),
    }
    figures = exports.measure_all(users, CountryOperation.objects.get(country="CD"))

    assert [(figure.label, figure.who) for figure in figures] == [
        ("task export, one operation", "officer"),
        ("task export, all operations", "HQ"),
    ]
    officer_rows = Task.objects.filter(operation__country="CD", sensitivity__lte=2).count()
    assert figures[0].rows == officer_rows > 0
    assert figures[1].rows == Task.objects.filter(sensitivity=1).count() > 0
    for figure in figures:
        assert figure.copy_seconds > 0 and figure.command_seconds > 0 and figure.psql_seconds > 0
        assert 20 < figure.command_rss_mb < 1000
    assert len(exports.table(figures)) == len(figures) + 4

    digest = digests.measure("tiny")
    assert digest.operations == 3 and digest.queries_largest == digest.queries_smallest > 0
    if digest.note:  # no broker here: the worker part is left out, and says so
        assert "REDIS_URL" in digest.note
    else:
        assert digest.sent == 3 and digest.mails >= 3 and digest.seconds > 0
    assert not DigestSchedule.objects.exists() and not Digest.objects.exists()  # it cleans up after itself
    assert len(digests.table([digest])) == 5  # header, rule, the row, a blank line, the legend
