"""The core's one table: heartbeats of the background services, which ``/readyz`` reads."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    """When a background service last showed it was alive (``worker``: a Celery worker ran the heartbeat task)."""

    name = models.CharField(_("service"), max_length=20, primary_key=True)
    at = models.DateTimeField(_("last seen"))

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self):
        return f"{self.name} {self.at:%Y-%m-%d %H:%M:%S}"
