from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "incidents"
    verbose_name = _("Access incidents")

    def ready(self):
        from cmcoord.core import navigation
        from cmcoord.core.navigation import Group, Section

        from . import (
            digests,  # noqa: F401 - registers the digest section: incidents of the period by category
            exports,  # noqa: F401 - registers the incident list's export
            panels,  # noqa: F401 - registers the dashboard panel and the incident panels of task and actor pages
        )

        navigation.register(Section(Group.FIELD, _("Access incidents"), "incidents:list", order=20))
