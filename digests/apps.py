from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigestsConfig(AppConfig):
    """Periodic reporting digests: schedules, the dispatcher, delivery, archive. Sections come from the apps
    above, which register them in their own ``digests.py`` (see :mod:`digests.sections`)."""

    name = "digests"
    verbose_name = _("Reporting digests")

    def ready(self):
        from cmcoord.core import navigation
        from cmcoord.core.access import Action, can
        from cmcoord.core.navigation import Group, Section

        navigation.register(
            # The head of office manages the schedules; the officers read the archive of what was sent.
            Section(Group.OPERATION, _("Digests"), "digests:schedule-list", order=30, action=Action.MANAGE),
            Section(
                Group.OPERATION,
                _("Digests"),
                "digests:archive",
                order=30,
                action=Action.ARCHIVE,
                shown=lambda user, operation: not can(user, Action.MANAGE, operation),
            ),
        )
