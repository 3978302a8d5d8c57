from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementsConfig(AppConfig):
    name = "engagements"
    verbose_name = _("Engagements and key messages")

    def ready(self):
        from cmcoord.core import navigation
        from cmcoord.core.navigation import Group, Section

        from . import (
            digests,  # noqa: F401 - registers the digest section: engagements of the period
            panels,  # noqa: F401 - registers the dashboard, task page and actor page panels
        )

        navigation.register(
            Section(Group.ACTORS, _("Engagements"), "engagements:engagement-list", order=20),
            Section(Group.ACTORS, _("Key messages"), "engagements:key-message-list", order=30),
        )
