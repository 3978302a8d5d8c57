from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    name = "actors"
    verbose_name = _("Actors and missions")

    def ready(self):
        from cmcoord.core import navigation
        from cmcoord.core.navigation import Group, Section

        from . import (
            acled,  # noqa: F401 - registers the import of actors from an ACLED export
            digests,  # noqa: F401 - registers the digest sections: actors' changes
            exports,  # noqa: F401 - registers the actor list's export
            imports,  # noqa: F401 - registers the import of actors from a spreadsheet
            panels,  # noqa: F401 - registers the task page panels
        )

        navigation.register(Section(Group.ACTORS, _("Actors"), "actors:actor-list", order=10))
