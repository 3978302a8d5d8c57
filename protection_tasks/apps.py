from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProtectionTasksConfig(AppConfig):
    name = "protection_tasks"
    verbose_name = _("Protection tasks")

    def ready(self):
        from . import (
            digests,  # noqa: F401 - registers the digest sections: task areas, priorities and tasks due next
            exports,  # noqa: F401 - registers the task list's and priorities' exports
            panels,  # noqa: F401 - registers the task log's panels on other apps' pages
        )
