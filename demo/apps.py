from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """``manage.py seed_demo``: the demo deployment, kept as data. It may import every app; none imports it."""

    name = "demo"
    verbose_name = _("Demo data")
