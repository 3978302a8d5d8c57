"""``manage.py update_catalogues``: every catalogue brought in step with the code's texts (GNU gettext needed).

New texts arrive untranslated, changed ones fuzzy; translate them, then ``scripts/test tests/core/test_catalogues.py``.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from cmcoord.core import catalogues


class Command(BaseCommand):
    help = "Run makemessages for every language of settings.LANGUAGES but English, with the project's options."

    def handle(self, *args, **options):
        languages = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
        call_command(
            "makemessages", locale=languages, verbosity=options["verbosity"], **catalogues.MAKEMESSAGES_OPTIONS
        )
