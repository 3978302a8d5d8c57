from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.loader import seed_demo
from demo.schema import DATA_DIR, DemoDataError


class Command(BaseCommand):
    help = (
        "Create the demo deployment described by demo/data/*.yaml (operations, people of every role, "
        "their records). Safe to run twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir", type=Path, default=DATA_DIR, help="Folder with deployment.yaml and the country files."
        )

    def handle(self, *args, **options):
        try:
            result = seed_demo(options["data_dir"])
        except DemoDataError as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        users = result["users"]
        self.stdout.write(
            self.style.SUCCESS(f"Demo ready: {len(result['operations'])} operations, {len(users)} people.")
        )
        if getattr(settings, "CMCOORD_LOCAL_MODE", False):
            self.stdout.write(f"Every demo account's password: {result['password']}")
            for username, user in users.items():
                standing = ", ".join(
                    f"{m.get_role_display()} ({m.operation.code})" for m in user.memberships.select_related("operation")
                ) or ("HQ reader" if hasattr(user, "hq_access") else "site administrator")
                self.stdout.write(f"  {username:<20} {standing}")
