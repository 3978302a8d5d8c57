from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "cmcoord.core"
    verbose_name = _("Core")

    def ready(self):
        from . import converters

        converters.register()  # before the first URLconf is loaded
