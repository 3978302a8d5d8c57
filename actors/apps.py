from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    name = "actors"
    verbose_name = _("Actors and missions")

    def ready(self):
        from . import panels  # noqa: F401 - registers the task page panels
        from . import digests  # noqa: F401 - registers the digest sections: actors' changes
        from . import exports  # noqa: F401 - registers the actor list's export
