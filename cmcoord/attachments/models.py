"""A file attached to a record of an operation (minutes, signed notes, photos), readable exactly as its record."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cmcoord.core.access import ScopeRule
from cmcoord.core.scoping import ScopedModel

from .storage import attachment_storage


def attachment_path(instance: Attachment, filename: str) -> str:
    """``<operation id>/<attachment id>``: nothing the uploader wrote reaches the storage's path."""
    return f"{instance.operation_id}/{instance.pk.hex}"


class Attachment(ScopedModel):
    """A file attached to one record (any model declaring ``GenericRelation("attachments.Attachment")``).

    Who may read or delete it is who may view or change the record (``ScopeRule.ATTACHED`` in the access policy);
    the attachment has no sensitivity of its own. ``operation`` repeats the record's, so that the scoping filter
    has an indexed column of this table to start from. The bytes are in ``storages["attachments"]``, never at a
    public address; ``sha256`` lets an officer show a copy is the one filed.
    """

    scope_rule = ScopeRule.ATTACHED
    scope_content_type_field = "content_type"
    scope_object_id_field = "object_id"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    operation = models.ForeignKey(
        "operations.CountryOperation", on_delete=models.PROTECT, related_name="+", verbose_name=_("operation")
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, related_name="+", verbose_name=_("record type")
    )
    object_id = models.PositiveBigIntegerField(_("record id"))
    record = GenericForeignKey("content_type", "object_id")
    file = models.FileField(_("file"), storage=attachment_storage, upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=160)
    mime_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    description = models.CharField(_("description"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        indexes = [models.Index(fields=["content_type", "object_id", "-uploaded_at"], name="attachment_by_record")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(original_name=""),
                name="attachment_has_a_name",
                violation_error_message=_("An attachment needs a file name."),
            )
        ]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        """The download address (the only address of the file)."""
        return reverse("attachments:download", kwargs={"pk": self.pk})

    def get_delete_url(self):
        return reverse("attachments:delete", kwargs={"pk": self.pk})


@receiver(post_delete, sender=Attachment, dispatch_uid="attachments-remove-file")
def _remove_file(sender, instance: Attachment, **kwargs) -> None:
    """Remove the bytes once the row's deletion commits: a record deleted with its attachments (the generic
    relation cascades) leaves no file behind, and a rolled-back deletion keeps the file its row still names."""
    if instance.file.name:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name))
