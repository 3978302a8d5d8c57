"""``manage.py readiness [CHECK …]``: the checks of ``/readyz`` from a shell or a container health check; exits 1
when one of them is failing or stale (``manage.py readiness beat`` is beat's container health check)."""

import json

from django.core.management.base import BaseCommand, CommandError

from cmcoord.core.health import CHECKS, readiness


class Command(BaseCommand):
    help = "Print the checks of /readyz (database, redis, beat, worker), or only those named; exit 1 if not ready."

    def add_arguments(self, parser):
        parser.add_argument("checks", nargs="*", metavar="CHECK", help=", ".join(CHECKS))

    def handle(self, *args, checks, **options):
        if unknown := sorted(set(checks) - set(CHECKS)):
            raise CommandError(f"Unknown check(s) {', '.join(unknown)}: choose among {', '.join(CHECKS)}.")
        ready, results = readiness(only=checks or None)
        self.stdout.write(json.dumps(results))
        if not ready:
            raise CommandError("not ready", returncode=1)
