"""The operation set-up checklist: the field guide's key points, copied into each operation and worked through."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cmcoord.core.scoping import OperationRecord

from ..choices import ItemStatus
from ..keypoints import display_text as shipped_display_text


class ChecklistItem(OperationRecord):
    """One key point of ``planning/data/setup_checklist.yaml`` in one operation: its status, owner and notes.

    ``code``, ``text`` and ``source`` are copied from the shipped list when the operation's checklist is first
    opened by who may change it (``services.checklist_copy``), so a later edition of the list adds its new points
    without rewording the ones an office has worked on. Confidential by default: notes name CIMIC contacts and the
    military assets the operation depends on.
    """

    code = models.CharField(_("code"), max_length=20, editable=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0, editable=False)
    text = models.TextField(_("key point"), editable=False)
    source = models.CharField(_("source"), max_length=200, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=16, choices=ItemStatus, default=ItemStatus.NOT_STARTED)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    notes = models.TextField(_("notes"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("set-up checklist item")
        verbose_name_plural = _("set-up checklist items")
        constraints = [
            models.UniqueConstraint(
                fields=["operation", "code"],
                name="checklist_item_once_per_operation",
                violation_error_message=_("This key point is already on the operation's checklist."),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ItemStatus.values),
                name="checklist_item_status_valid",
                violation_error_message=_("Unknown status."),
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.text[:60]}"

    @property
    def display_text(self) -> str:
        """The key point in the reader's language (the shipped list carries French, Arabic and Spanish)."""
        return shipped_display_text(self.code, self.text)

    def get_absolute_url(self):
        """The item on its operation's checklist page (items have no page of their own)."""
        return f"{reverse('planning:checklist', kwargs={'code': self.operation.code})}#item-{self.code}"
