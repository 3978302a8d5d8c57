from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "incidents"
    verbose_name = _("Access incidents")

    def ready(self):
        from cmcoord import records

        from . import (
            digests,  # noqa: F401 - registers the digest section: incidents of the period by category
            imports,  # noqa: F401 - registers the import of access incidents from a spreadsheet
            panels,  # noqa: F401 - registers the dashboard panel and the incident panels of task and actor pages
        )
        from .records import INCIDENTS

        records.register(INCIDENTS)  # its pages, export, API route and navigation entry
