from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingsConfig(AppConfig):
    name = "trainings"
    verbose_name = _("Training events")

    def ready(self):
        from cmcoord.core import navigation
        from cmcoord.core.navigation import Group, Section

        from . import (
            digests,  # noqa: F401 - registers the digest section: trainings of the period with participants
            exports,  # noqa: F401 - registers the training list's export
            panels,  # noqa: F401 - registers the dashboard panel and the training panels of task and actor pages
        )

        navigation.register(Section(Group.FIELD, _("Trainings"), "trainings:list", order=30))
