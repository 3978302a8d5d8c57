"""An import is a batch: who brought which file into which operation, when, with what result; undone as a whole."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cmcoord.attachments.storage import attachment_storage
from cmcoord.core.access import ScopeRule
from cmcoord.core.scoping import ScopedModel


class BatchStatus(models.TextChoices):
    PREVIEW = "preview", _("Previewed, not imported")
    IMPORTED = "imported", _("Imported")
    UNDONE = "undone", _("Undone")


class JobState(models.TextChoices):
    """Where a large file stands with the worker that reads and writes it (a small one is done within the request)."""

    QUEUED = "queued", _("Waiting for its turn")
    PREVIEWING = "previewing", _("Checking the rows")
    READY = "ready", _("Checked, ready to import")
    IMPORTING = "importing", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")


RUNNING_STATES = (JobState.QUEUED, JobState.PREVIEWING, JobState.IMPORTING)


class ImportBatch(ScopedModel):
    """One file brought into an operation. Read and acted on under ``Action.CHANGE`` of its operation: the
    operation's officers and head only (an import may carry anything up to Strictly confidential)."""

    scope_rule = ScopeRule.OPERATION

    operation = models.ForeignKey(
        "operations.CountryOperation", on_delete=models.PROTECT, related_name="+", verbose_name=_("operation")
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    kind = models.CharField(_("records"), max_length=30)
    file = models.FileField(_("file"), storage=attachment_storage, upload_to="imports/%Y/%m/", max_length=300)
    file_name = models.CharField(_("file name"), max_length=255)
    status = models.CharField(_("status"), max_length=10, choices=BatchStatus, default=BatchStatus.PREVIEW)
    date_order = models.CharField(_("date order"), max_length=3, blank=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    error_count = models.PositiveIntegerField(_("rows with errors"), default=0)
    # A file over IMPORT_BACKGROUND_ROWS is checked and written by a worker; the page shows how far it is.
    background = models.BooleanField(_("by a worker"), default=False)
    state = models.CharField(_("progress"), max_length=10, choices=JobState, blank=True)
    rows_total = models.PositiveIntegerField(_("rows in the file"), default=0)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    summary = models.JSONField(_("result of the check"), default=dict, blank=True)
    failure = models.TextField(_("why it stopped"), blank=True)
    # When ``state`` last changed: a batch left waiting or running far longer than any run takes is recovered
    # (``tasks.recover_batches``).
    state_changed_at = models.DateTimeField(_("progress noted at"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    # What each date column of the file says of its order ("dmy", "mdy", "ambiguous" or "" for no slashed date), by
    # column index: read once, at the first check, as the file never changes.
    date_verdicts = models.JSONField(_("date columns"), default=dict, blank=True)

    history = HistoricalRecords(
        excluded_fields=["file", "summary", "rows_done", "state", "failure", "state_changed_at", "date_verdicts"]
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        indexes = [models.Index(fields=["operation", "-created_at"], name="importbatch_by_operation")]

    def __str__(self):
        return f"{self.kind} · {self.file_name}"

    def get_absolute_url(self):
        return reverse("imports:batch", kwargs={"code": self.operation.code, "pk": self.pk})

    @property
    def is_running(self) -> bool:
        return self.state in RUNNING_STATES

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.rows_done / self.rows_total)) if self.rows_total else 0


class ImportedRecord(models.Model):
    """A record a batch created or changed, with the version it left it at and, for a change, the values before:
    what undoing the batch needs, and how it knows nobody edited the record since."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="records")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    row_number = models.PositiveIntegerField()
    created = models.BooleanField()
    version = models.PositiveIntegerField()
    before = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["row_number"]

    def __str__(self):
        return f"{self.batch_id}: row {self.row_number}"


class HeaderMapping(ScopedModel):
    """What a header no column of an importer knows stands for in one operation, as a user chose it once: the next
    file with that header is matched the same way. ``column`` is the importer's column key, or "" for a column the
    operation's files carry and nobody imports. Read and saved under ``Action.CHANGE`` of its operation, as imports."""

    scope_rule = ScopeRule.OPERATION

    operation = models.ForeignKey(
        "operations.CountryOperation", on_delete=models.CASCADE, related_name="+", verbose_name=_("operation")
    )
    kind = models.CharField(_("records"), max_length=30)
    header_key = models.CharField(_("header, as compared"), max_length=255)
    header = models.CharField(_("header"), max_length=255)
    column = models.CharField(_("column"), max_length=60, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("chosen by")
    )
    updated_at = models.DateTimeField(_("chosen at"), auto_now=True)

    class Meta:
        ordering = ["kind", "header_key"]
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")
        constraints = [
            models.UniqueConstraint(fields=["operation", "kind", "header_key"], name="headermapping_once_per_header")
        ]

    def __str__(self):
        return f"{self.kind} · {self.header} → {self.column or '-'}"
