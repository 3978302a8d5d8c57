from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeconflictionConfig(AppConfig):
    name = "deconfliction"
    verbose_name = _("Humanitarian notification system")

    def ready(self):
        from cmcoord import records

        from . import (
            digests,  # noqa: F401 - registers the digest section: notifications of the period and their answers
            panels,  # noqa: F401 - registers the dashboard, worklist, task page and actor page panels
        )
        from .records import NOTIFICATIONS

        records.register(NOTIFICATIONS)  # its pages, export, API route and navigation entry
