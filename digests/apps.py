from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigestsConfig(AppConfig):
    """Periodic reporting digests: schedules, the dispatcher, delivery, archive. Sections come from the apps
    above, which register them in their own ``digests.py`` (see :mod:`digests.sections`)."""

    name = "digests"
    verbose_name = _("Reporting digests")
