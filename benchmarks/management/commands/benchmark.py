"""Print timings and query counts of the product's pages on generated data.

Figures, not assertions: speed targets live here, never in timed tests. Two modes::

    python manage.py benchmark --tasks 500 --actors 100 --relationships 300
    python manage.py benchmark --full-scale [--reuse] [--tasks 1000001 --operations 40 --demo-tasks 1000]
    python manage.py benchmark --imports [--import-rows 10000] [--trace-memory]

The default mode generates a few hundred records in the configured database and rolls them back. ``--full-scale``
(PostgreSQL only) loads the deployment the product must hold into the benchmark's own databases on the same server
(``cmcoord_bench``, ``cmcoord_bench_mid`` and ``cmcoord_bench_demo``; see :mod:`benchmarks.fullscale`) and
measures every page at each size, as an officer of the largest operation and as an HQ reader of every operation.
"""

import random
import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from actors import graphics
from actors.models import Actor, ActorAssessment, ActorRelationship
from benchmarks import api, fullscale, imports, slowlink
from cmcoord.core import pageweight
from cmcoord.core.choices import Role, Sensitivity
from cmcoord.operations.models import CountryOperation, Membership
from protection_tasks.models import Activity, Task, TaskReferenceCounter

ROUNDS = 5


class Rollback(Exception):  # noqa: N818 - control flow, not an error
    pass


class Command(BaseCommand):
    help = "Time the product's pages on generated data: a few hundred rows rolled back, or --full-scale."

    def add_arguments(self, parser):
        parser.add_argument("--tasks", type=int, help="default 500; with --full-scale 1,000,001")
        parser.add_argument("--actors", type=int, help="default 100; with --full-scale 12 per thousand tasks")
        parser.add_argument("--relationships", type=int, default=300, help="without --full-scale")
        parser.add_argument(
            "--slow-link", action="store_true",
            help="also drive Chromium over an emulated slow link: first load, repeat visit, an outbox of 100 sent",
        )  # fmt: skip
        full = parser.add_argument_group("full scale (PostgreSQL only)")
        full.add_argument("--full-scale", action="store_true", help="load the full deployment into its own database")
        full.add_argument("--operations", type=int, default=40)
        full.add_argument("--demo-tasks", type=int, default=fullscale.DEMO_TASKS, help="tasks of the demo size")
        full.add_argument(
            "--mid-tasks", type=int, default=fullscale.MID_TASKS, help="tasks of the middle size (0: none)"
        )
        full.add_argument("--database-name", default="cmcoord_bench", help="also <name>_demo and <name>_schema")
        full.add_argument("--reuse", action="store_true", help="keep a database that already holds the deployment")
        full.add_argument("--rounds", type=int, default=ROUNDS, help="timed requests per page")
        full.add_argument("--statement-timeout", type=int, default=30, help="seconds; a slower page shows timeout")
        full.add_argument("--api-only", action="store_true", help="measure the API's figures only (no pages)")
        spreadsheets = parser.add_argument_group("spreadsheet imports")
        spreadsheets.add_argument("--imports", action="store_true", help="time a large task XLSX's check and import")
        spreadsheets.add_argument("--import-rows", type=int, default=10_000, help="rows of the generated XLSX")
        spreadsheets.add_argument(
            "--trace-memory", action="store_true", help="also the peak Python allocations of each step (slower)"
        )

    def handle(self, *args, **options):
        if options["imports"]:
            imports.run(options, self.stdout.write)
            return
        if options["full_scale"]:
            fullscale.run(options, self.stdout.write)
            return
        options["tasks"] = options["tasks"] or 500
        options["actors"] = options["actors"] or 100
        try:
            with transaction.atomic():
                self.run(options)
                raise Rollback
        except Rollback:
            pass

    def run(self, options):
        rng = random.Random(1)  # noqa: S311 - benchmark data, not security
        operation = CountryOperation.objects.create(country="AQ", name="Benchmark (Antarctica)", time_zone="UTC")
        user = get_user_model().objects.create_user("benchmark-officer")  # no usable password
        Membership.objects.create(user=user, operation=operation, role=Role.OFFICER)
        activities = list(Activity.objects.filter(operation__isnull=True))
        Task.objects.bulk_create(
            Task(
                operation=operation, activity=rng.choice(activities), owner=user, reference=f"ATA-2026-{n:04d}",
                title=f"Benchmark task {n}", sensitivity=rng.choice(Sensitivity.values),
            )
            for n in range(1, options["tasks"] + 1)
        )  # fmt: skip
        # The references handed out: a task the API creates takes the next one.
        TaskReferenceCounter.objects.create(operation=operation, year=2026, last_number=options["tasks"])
        actors = Actor.objects.bulk_create(
            Actor(operation=operation, name=f"Actor {n}", category="nsag", actor_type="rebel_group", sensitivity=1)
            for n in range(options["actors"])
        )
        ActorAssessment.objects.bulk_create(
            ActorAssessment(
                operation=operation, actor=actor, stance=rng.choice(["spoiler", "influencer", "neutral", "supportive"]),
                influence=rng.randint(1, 5), interest=rng.randint(1, 5), strategy="coordination", assessor=user,
                sensitivity=1,
            )
            for actor in actors
        )  # fmt: skip
        pairs = set()
        while len(pairs) < min(options["relationships"], len(actors) * (len(actors) - 1)):
            source, target = rng.sample(actors, 2)
            pairs.add((source.pk, target.pk))
        ActorRelationship.objects.bulk_create(
            ActorRelationship(operation=operation, source_id=s, target_id=t, relationship_type="allied", sensitivity=1)
            for s, t in pairs
        )
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        pages = {
            f"task list ({options['tasks']} tasks)": "/operations/ATA/tasks/",
            "my tasks": "/tasks/mine/",
            f"actor list ({options['actors']} actors)": "/operations/ATA/actors/",
            "stakeholder map": "/operations/ATA/actors/map/",
            f"network ({len(pairs)} relationships)": "/operations/ATA/actors/network/",
        }
        self.stdout.write(f"{'page':45} {'median ms':>10} {'max ms':>8} {'queries':>8}")
        for label, url in pages.items():
            timings = []
            for _ in range(ROUNDS):
                with CaptureQueriesContext(connection) as queries:
                    start = time.perf_counter()
                    response = client.get(url)
                    timings.append((time.perf_counter() - start) * 1000)
                if response.status_code != 200:
                    raise CommandError(f"{url} answered {response.status_code}")
            self.stdout.write(
                f"{label:45} {statistics.median(timings):10.1f} {max(timings):8.1f} {len(queries.captured_queries):8}"
            )
        nodes = [graphics.NetworkNode(str(a.pk), a.name, "/", "nsag", "NSAG") for a in actors]
        edges = [graphics.NetworkEdge(str(s), str(t), "allied", "allied", "confirmed") for s, t in pairs]
        start = time.perf_counter()
        drawn, drawn_edges = graphics.most_connected(nodes, edges)  # the page draws at most NETWORK_NODE_CAP
        graphics.network_layout(drawn, drawn_edges)
        label = f"network layout, uncached ({len(drawn)} of {len(nodes)} drawn)"
        self.stdout.write(f"{label:45} {(time.perf_counter() - start) * 1000:10.1f}")
        # Page weight on a slow link: first visit of the task list, then later pages with the static files cached.
        self.stdout.write("")
        later = {
            "task page (later)": Task.objects.filter(operation=operation).order_by("pk").first().get_absolute_url(),
            "my tasks (later)": "/tasks/mine/",
        }
        pageweight.report(pageweight.measure(client, "/operations/ATA/tasks/", later), self.stdout.write)
        # The API with a personal token: reads, writes (rolled back) and the token check's cost.
        self.stdout.write("")
        task = Task.objects.filter(operation=operation, sensitivity=Sensitivity.UNCLASSIFIED).order_by("pk").first()
        figures = api.measure(user, "ATA", task.reference, ROUNDS)
        for line in api.table({f"{options['tasks']} tasks": figures}):
            self.stdout.write(line)
        if options["slow_link"]:  # the installable app in Chromium (benchmarks/slowlink.py)
            self.stdout.write("")
            writable = Task.objects.filter(operation=operation).exclude(sensitivity=Sensitivity.STRICTLY_CONFIDENTIAL)
            tasks = list(writable.order_by("pk")[: slowlink.ENTRIES // 2])
            slowlink.measure(user, "/operations/ATA/tasks/", tasks, self.stdout.write)
