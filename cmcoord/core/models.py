"""The core's tables: heartbeats of the background services, which ``/readyz`` reads, and who opened which
Strictly confidential record."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .access import ScopeRule
from .scoping import ScopedModel


class Heartbeat(models.Model):
    """When a background service last showed it was alive (``worker``: a Celery worker ran the heartbeat task)."""

    name = models.CharField(_("service"), max_length=20, primary_key=True)
    at = models.DateTimeField(_("last seen"))

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self):
        return f"{self.name} {self.at:%Y-%m-%d %H:%M:%S}"


class RecordOpening(ScopedModel):
    """Someone opened a Strictly confidential record: who, when, which record, how (:mod:`cmcoord.core.openings`).

    Read by the operation's head of office (``Action.MANAGE``), as the export log is; the record's name as it was
    then is kept, so the log still says what was opened after the record changed or went.
    """

    class How(models.TextChoices):
        PAGE = "page", _("its page")
        ATTACHMENT = "attachment", _("an attached file")
        API = "api", _("the API")
        EXPORT = "export", _("an export")

    scope_rule = ScopeRule.OPERATION

    operation = models.ForeignKey(
        "operations.CountryOperation", on_delete=models.PROTECT, related_name="+", verbose_name=_("operation")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("who")
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, related_name="+", verbose_name=_("record type")
    )
    object_id = models.CharField(_("record id"), max_length=40)
    label = models.CharField(_("record"), max_length=200)
    how = models.CharField(_("how"), max_length=12, choices=How)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("opening of a strictly confidential record")
        verbose_name_plural = _("openings of strictly confidential records")
        indexes = [models.Index(fields=["operation", "-at"], name="opening_by_operation")]

    def __str__(self):
        return f"{self.user_id} {self.how} {self.label}"
