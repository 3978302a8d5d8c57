"""Reading attachments: always through the record's access, never around it."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from cmcoord.core.access import Action, attachable_models, can

from .models import Attachment


def takes_attachments(model) -> bool:
    """Does ``model`` declare a ``GenericRelation`` to :class:`Attachment` (and so take attachments)?"""
    return model in attachable_models(Attachment)


def attachment_list(*, user, record, action: Action = Action.VIEW) -> QuerySet[Attachment]:
    """The attachments of ``record`` if ``user`` may perform ``action`` on the record; none otherwise.

    Asks the record's question once (:func:`can` keeps the answer for the request), then reads the attachments
    by their index, with who uploaded them.
    """
    if not can(user, action, record):
        return Attachment.objects.none()
    return Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(type(record)), object_id=record.pk
    ).select_related("uploaded_by")


def attachment_get(*, user, pk, action: Action = Action.VIEW) -> Attachment | None:
    """The attachment ``pk`` if ``user`` may perform ``action`` on its record (one query), else None."""
    return Attachment.objects.restrict(user, action).select_related("content_type").filter(pk=pk).first()
