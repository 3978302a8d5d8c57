"""``manage.py compile_catalogues``: the translation catalogues' .mo files, made from their .po files in Python."""

from django.conf import settings
from django.core.management.base import BaseCommand

from cmcoord.core import catalogues


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/*.po to .mo (those whose .mo is missing or older; --force: all)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Compile every catalogue, even one up to date.")

    def handle(self, *args, force=False, **options):
        written = catalogues.compile_all(settings.LOCALE_PATHS, force=force)
        for path in written:
            self.stdout.write(f"compiled {path.relative_to(settings.BASE_DIR)}")
        if not written and options["verbosity"] > 1:
            self.stdout.write("every catalogue is up to date")
