from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProtectionTasksConfig(AppConfig):
    name = "protection_tasks"
    verbose_name = _("Protection tasks")

    def ready(self):
        from cmcoord.core import navigation
        from cmcoord.core.navigation import Group, Section

        from . import (
            digests,  # noqa: F401 - registers the digest sections: task areas, priorities and tasks due next
            exports,  # noqa: F401 - registers the task list's and priorities' exports
            imports,  # noqa: F401 - registers the import of tasks from a spreadsheet
            panels,  # noqa: F401 - registers the task log's panels on other apps' pages
        )

        navigation.register(
            Section(Group.TASKS, _("Tasks"), "protection_tasks:task-list", order=10),
            Section(Group.TASKS, _("Protection priorities"), "protection_tasks:priority-list", order=20),
            Section(Group.TASKS, _("Catalogue"), "protection_tasks:catalogue", order=30),
        )
