from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenchmarksConfig(AppConfig):
    """``manage.py benchmark``: speed and size figures of every page. It may import every app; none imports it."""

    name = "benchmarks"
    verbose_name = _("Benchmarks")
