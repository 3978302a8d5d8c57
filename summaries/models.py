"""A record's summary for the HCT: what readers who may not open the record may know of it.

An officer writes it with the record ("Checkpoint at PK12 lifted after dialogue with the local commander"); where
the operation asks for it, the head of office clears it before the HCT reads it. The summary is a record of its own
in the access policy: its ``sensitivity`` is the level at which it may be read, kept by :mod:`.services`:

- cleared, or written in an operation that does not ask for clearance: Unclassified;
- waiting for clearance: its record's level, and never below Confidential, so that only who may open the record
  (and the heads of office who clear it) read it.

So ``restrict(user, action)`` alone decides who reads a summary, in pages, digests and exports alike. A model takes
summaries by declaring ``GenericRelation("summaries.Summary")`` (which also deletes them with it), the date a
summary is filed under (``summary_date_field``) and, if any, the judgements its summary releases with the text
(``summary_facts``: an actor assessment's stance, influence and interest).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cmcoord.core.choices import Sensitivity
from cmcoord.core.scoping import OperationRecord

SUMMARY_MAX_LENGTH = 600


class Summary(OperationRecord):
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, related_name="+", verbose_name=_("record type")
    )
    object_id = models.PositiveBigIntegerField(_("record id"))
    record = GenericForeignKey("content_type", "object_id")
    text = models.TextField(_("summary for the HCT"), max_length=SUMMARY_MAX_LENGTH)
    occurred_on = models.DateField(_("date"))
    facts = models.JSONField(_("judgements released"), default=dict, blank=True)
    record_sensitivity = models.PositiveSmallIntegerField(_("level of the record"), choices=Sensitivity)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("written by")
    )
    written_at = models.DateTimeField(_("written"))
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("cleared by"),
    )
    cleared_at = models.DateTimeField(_("cleared"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        verbose_name = _("summary for the HCT")
        verbose_name_plural = _("summaries for the HCT")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="one_summary_per_record"),
            models.CheckConstraint(
                condition=~models.Q(text=""),
                name="summary_has_text",
                violation_error_message=_("A summary needs some text."),
            ),
        ]
        indexes = [models.Index(fields=["operation", "-occurred_on", "-id"], name="summary_by_date")]

    def __str__(self):
        return self.text[:80]

    @property
    def is_cleared(self) -> bool:
        return self.cleared_by_id is not None

    @property
    def is_released(self) -> bool:
        """Readable by every member of the operation (the HCT included)."""
        return self.sensitivity == Sensitivity.UNCLASSIFIED

    @property
    def kind(self) -> str:
        """What the summary is about ("engagement", "access incident"), from its record's model."""
        model = self.content_type.model_class()
        return model._meta.verbose_name if model is not None else ""

    def fact_items(self) -> list[tuple[str, str]]:
        """The judgements released with the text, as (label, value) in the model's words."""
        model = self.content_type.model_class()
        items = []
        for name in getattr(model, "summary_facts", ()):
            if name not in self.facts:
                continue
            field = model._meta.get_field(name)
            value = self.facts[name]
            label = dict(field.choices).get(value, value) if field.choices else value
            items.append((str(field.verbose_name), str(label)))
        return items
