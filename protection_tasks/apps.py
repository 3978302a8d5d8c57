from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProtectionTasksConfig(AppConfig):
    name = "protection_tasks"
    verbose_name = _("Protection tasks")
