from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingsConfig(AppConfig):
    name = "trainings"
    verbose_name = _("Training events")

    def ready(self):
        from cmcoord import records

        from . import (
            digests,  # noqa: F401 - registers the digest section: trainings of the period with participants
            imports,  # noqa: F401 - registers the import of trainings from a spreadsheet
            panels,  # noqa: F401 - registers the dashboard panel and the training panels of task and actor pages
        )
        from .records import TRAININGS

        records.register(TRAININGS)  # its pages, export, API route and navigation entry
