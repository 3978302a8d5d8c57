from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "planning"
    verbose_name = _("Planning and preparedness")

    def ready(self):
        from cmcoord.core import navigation
        from cmcoord.core.navigation import Group, Section

        from . import (
            digests,  # noqa: F401 - registers the digest sections: reviews due, MCDA decisions
            panels,  # noqa: F401 - registers the dashboard, HQ, task and actor panels
        )

        navigation.register(
            Section(Group.PLANNING, _("Planning documents"), "planning:document-list", order=10),
            Section(Group.PLANNING, _("MCDA requests"), "planning:mcda-list", order=20),
            Section(Group.PLANNING, _("Set-up checklist"), "planning:checklist", order=30),
        )
