from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "planning"
    verbose_name = _("Planning and preparedness")

    def ready(self):
        from cmcoord import records
        from cmcoord.core import navigation
        from cmcoord.core.navigation import Group, Section

        from . import (
            digests,  # noqa: F401 - registers the digest sections: reviews due, MCDA decisions
            panels,  # noqa: F401 - registers the dashboard, HQ, task and actor panels
        )
        from .records import DOCUMENTS, MCDA

        # Planning documents and MCDA requests: their pages, exports, API routes and navigation entries.
        records.register(DOCUMENTS)
        records.register(MCDA)
        # The set-up checklist is the app's own page (planning/urls.py).
        navigation.register(Section(Group.PLANNING, _("Set-up checklist"), "planning:checklist", order=30))
