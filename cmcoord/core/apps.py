from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "cmcoord.core"
    verbose_name = _("Core")

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import converters, history, search

        converters.register()  # before the first URLconf is loaded
        history.reuse_manager_classes()
        history.connect_deferral()
        connection_created.connect(search.register_sqlite_function, dispatch_uid="cmcoord-fold")
