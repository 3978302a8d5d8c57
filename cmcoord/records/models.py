"""The abstract base of a record type's model."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from cmcoord.core.scoping import OperationRecord


class Record(OperationRecord):
    """An operation's record: operation, sensitivity, created and updated (from :class:`OperationRecord`), the
    version its edits start from (optimistic locking, :mod:`cmcoord.core.versioning`) and its attached files, read
    as the record is. A concrete model adds ``history = HistoricalRecords(...)`` (with its many-to-many fields)."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    attachments = GenericRelation("attachments.Attachment")

    class Meta:
        abstract = True
