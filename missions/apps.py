from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MissionsConfig(AppConfig):
    name = "missions"
    verbose_name = _("Mission contexts")

    def ready(self):
        from . import (
            digests,  # noqa: F401 - registers the digest sections: mission phase changes
            exports,  # noqa: F401 - registers the mission list's export
            panels,  # noqa: F401 - registers the mission panels of the task and actor pages
        )
