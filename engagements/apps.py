from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementsConfig(AppConfig):
    name = "engagements"
    verbose_name = _("Engagements and key messages")

    def ready(self):
        from cmcoord import records

        from . import (
            digests,  # noqa: F401 - registers the digest section: engagements of the period
            imports,  # noqa: F401 - registers the import of engagements from a spreadsheet
            panels,  # noqa: F401 - registers the dashboard, task page and actor page panels
        )
        from .records import ENGAGEMENTS, KEY_MESSAGES

        records.register(ENGAGEMENTS)  # their pages, exports, API routes and navigation entries
        records.register(KEY_MESSAGES)
