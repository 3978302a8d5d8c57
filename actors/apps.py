from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    name = "actors"
    verbose_name = _("Actors and missions")

    def ready(self):
        from . import demo, panels  # noqa: F401 - register the demo missions and actors, and the task page panels
