"""The core's tables: heartbeats of the background services, which ``/readyz`` reads, who opened which Strictly
confidential record, and the answers to API writes sent with an ``Idempotency-Key``."""

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


class IdempotentRequest(models.Model):
    """An API write sent with an ``Idempotency-Key``, and the answer it got, so that a client that lost the answer
    (a dropped connection on a slow link) can send the same request again and get that answer instead of a second
    record. One row per user and key; a key reused for another request is refused (:mod:`cmcoord.core.idempotency`).

    The row is written in the request's own transaction before the work starts: a second request with the same key
    waits on the unique key until the first commits, then reads its answer. Rows older than
    ``IDEMPOTENCY_KEY_HOURS`` are removed by the hourly clean-up. The answer names a record the user could read
    through the API when it was given; a replay checks that they still may (``content_type``, ``object_id``)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(_("key"), max_length=100)
    method = models.CharField(_("method"), max_length=10)
    path = models.CharField(_("path"), max_length=500)
    body_sha256 = models.CharField(_("SHA-256 of the body"), max_length=64)
    status = models.PositiveSmallIntegerField(_("status"), null=True, blank=True)  # None: not answered yet
    response = models.JSONField(_("response"), null=True, blank=True)
    headers = models.JSONField(_("response headers"), default=dict, blank=True)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("idempotent request")
        verbose_name_plural = _("idempotent requests")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"],
                name="core_idempotentrequest_user_key",
                violation_error_message=_("This Idempotency-Key was already used."),
            )
        ]

    def __str__(self):
        return f"{self.method} {self.path} {self.key}"
