from django.conf import settings
from django.core.management.base import BaseCommand

from cmcoord.operations.demo import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Create the demo deployment (operations, people of every role, their records). Safe to run twice."

    def handle(self, *args, **options):
        result = seed_demo()
        users = result["users"]
        self.stdout.write(
            self.style.SUCCESS(f"Demo ready: {len(result['operations'])} operations, {len(users)} people.")
        )
        if getattr(settings, "CMCOORD_LOCAL_MODE", False):
            self.stdout.write(f"Every demo account's password: {DEMO_PASSWORD}")
            for username, user in users.items():
                standing = ", ".join(
                    f"{m.get_role_display()} ({m.operation.code})" for m in user.memberships.select_related("operation")
                ) or ("HQ reader" if hasattr(user, "hq_access") else "site administrator")
                self.stdout.write(f"  {username:<20} {standing}")
