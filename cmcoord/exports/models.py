"""What was exported, by whom (the export log), and large XLSX files built by a worker for who asked."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ExportFormat(models.TextChoices):
    CSV = "csv", _("CSV (with HXL)")
    XLSX = "xlsx", _("Excel (XLSX)")
    JSON = "json", _("JSON")


class ExportLog(models.Model):
    """One export someone asked for: who, when, what, in which format, with which filters, how many rows.

    ``row_count`` is written when the file has been produced in full (``completed``); a download the reader
    broke off stays logged, incomplete. A cross-country export has no operation.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("user")
    )
    operation = models.ForeignKey(
        "operations.CountryOperation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("operation"),
        help_text=_("Empty for a cross-country export."),
    )
    created_at = models.DateTimeField(_("exported at"), auto_now_add=True, db_index=True)
    export_name = models.CharField(_("export"), max_length=60)
    format = models.CharField(_("format"), max_length=4, choices=ExportFormat)
    filters = models.JSONField(_("filters"), default=dict, blank=True, help_text=_("The query string's parameters."))
    row_count = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    completed = models.BooleanField(_("completed"), default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("export log entry")
        verbose_name_plural = _("export log")
        indexes = [
            models.Index(fields=["operation", "-created_at"], name="exportlog_by_operation"),
            models.Index(fields=["user", "-created_at"], name="exportlog_by_user"),
        ]

    def __str__(self):
        return f"{self.export_name}.{self.format} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def filter_text(self) -> str:
        """The filters as the query string showed them, e.g. ``status=planned&area=AN``."""
        return "&".join(f"{key}={value}" for key, values in sorted(self.filters.items()) for value in values)


class ExportFileStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Being built")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class ExportFile(models.Model):
    """A large XLSX export built by a Celery task; downloadable only by who asked, until ``expires_at``."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    log = models.OneToOneField(ExportLog, on_delete=models.CASCADE, related_name="file", verbose_name=_("export"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    query_string = models.TextField(_("query string"), blank=True)
    language = models.CharField(_("language"), max_length=10, default="en")
    status = models.CharField(_("status"), max_length=8, choices=ExportFileStatus, default=ExportFileStatus.PENDING)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows written"), default=0)
    attempts = models.PositiveSmallIntegerField(
        _("attempts"), default=0, help_text=_("Runs that started building it (more than one after a worker died).")
    )
    file = models.FileField(_("file"), upload_to="exports/", blank=True, max_length=200)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("removed after"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("export file")
        verbose_name_plural = _("export files")

    def __str__(self):
        return f"{self.log} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("exports:file", kwargs={"pk": self.pk})

    @property
    def percent(self) -> int:
        if self.status == ExportFileStatus.READY:
            return 100
        return min(99, round(100 * self.rows_done / self.rows_total)) if self.rows_total else 0

    @property
    def is_finished(self) -> bool:
        return self.status in {ExportFileStatus.READY, ExportFileStatus.FAILED}

    @property
    def download_name(self) -> str:
        log = self.log
        prefix = f"{log.operation.code}-" if log.operation_id else ""
        return f"{prefix}{log.export_name}-{log.created_at:%Y-%m-%d}.xlsx"
