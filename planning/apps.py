from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "planning"
    verbose_name = _("Planning and preparedness")

    def ready(self):
        from . import (
            digests,  # noqa: F401 - registers the digest sections: reviews due, MCDA decisions
            panels,  # noqa: F401 - registers the dashboard, HQ, task and actor panels
        )
