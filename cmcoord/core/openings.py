"""Who opened what: every opening of a Strictly confidential record (its page, an attached file; the API and the
exports never carry that level) is written to :class:`~cmcoord.core.models.RecordOpening`, in one insert per page
however many such records it shows."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from .choices import Sensitivity
from .models import RecordOpening


def note_openings(user, records, how: str = RecordOpening.How.PAGE) -> int:
    """Log the Strictly confidential ones among ``records`` opened by ``user``; how many were logged."""
    rows = [
        RecordOpening(
            operation_id=record.operation_id,
            user=user,
            content_type=ContentType.objects.get_for_model(record),
            object_id=str(record.pk),
            label=str(record)[:200],
            how=how,
        )
        for record in records
        if getattr(record, "sensitivity", None) == Sensitivity.STRICTLY_CONFIDENTIAL
    ]
    if rows:
        RecordOpening.objects.bulk_create(rows)
    return len(rows)
