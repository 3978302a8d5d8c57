"""The figures of a large spreadsheet import: a generated task XLSX of ``--import-rows`` rows (10,000 by default)
uploaded, checked row by row (the preview) and written (the import), each as a worker runs it, with the time it took
and the memory the process reached.

Figures, not assertions. Targets (printed): each of the check and the import of 10,000 rows within 60 seconds and
the process under 200 MB. Memory is the process's peak resident size (``getrusage``: what the machine must have,
Django and the libraries included) and, with ``--trace-memory``, the peak of what Python allocated during each
step (``tracemalloc``: what the step itself adds; about twice as slow). Everything written is rolled back.

Measured 2026-12-07 on the shared 2-core machine, 10,000 rows. Before this session's last changes: SQLite check
18.0 s, import 55.8-56.8 s; PostgreSQL check 16.8-17.1 s, import 65-74 s, peak 153-158 MB (at first: 33.6 s and
365 s). Then, on a machine whose CPU time varies by a fifth from run to run (the CPU column shows it): PostgreSQL
import 84 s before the changes below, 50.6-60.3 s after them (43-51 s of CPU, the rest waiting on the database),
check 21-31 s; SQLite import 45 s, check 18 s; peak 167-171 MB. What a row costs now: the check, the task form
built (its fields copied lightly from the batch's, its choices and place lists read once) and validated as on the
page; the write, the task's insert alone, its first timeline entry, the scope re-check and the history rows of
both being written 500 at a time (``protection_tasks.batches.TaskBatch``); the dates' order is read from the file
once, at the check, and kept on the batch.
"""

from __future__ import annotations

import datetime
import io
import resource
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import override_settings

from cmcoord.core.choices import Role
from cmcoord.imports import services
from cmcoord.operations.models import CountryOperation, Membership

TARGET_SECONDS = 60
TARGET_MB = 200
CODES = ["AN-1", "AN-2", "DI-1", "DI-3", "AD-2", "CB-1", "PP-2"]
STATUSES = ["Planned", "In progress"]


class _Rollback(Exception):  # noqa: N818 - control flow
    pass


@dataclass
class Step:
    label: str
    seconds: float
    cpu_seconds: float  # of this process: the rest of the time is spent waiting (on the database)
    peak_rss_mb: float
    traced_mb: float | None = None

    def line(self) -> str:
        traced = f"{self.traced_mb:10.1f}" if self.traced_mb is not None else f"{'-':>10}"
        return f"{self.label:40} {self.seconds:9.1f} {self.cpu_seconds:9.1f} {self.peak_rss_mb:12.1f} {traced}"


def task_workbook(rows: int, target) -> None:
    """A task sheet as an office keeps it: the export's headers, a title row above them, dates as Excel dates."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["Tasks of the benchmark operation"])
    sheet.append(["Title", "Activity code", "Status", "Urgency", "Start date", "Due date", "Sensitivity", "Outcome"])
    start = datetime.datetime(2026, 1, 5)  # noqa: DTZ001 - Excel has no zones
    for n in range(rows):
        sheet.append([
            f"Benchmark task {n}: liaison with the sector command on access to the PoC site",
            CODES[n % len(CODES)], STATUSES[n % len(STATUSES)], "High" if n % 3 else "Medium",
            start + datetime.timedelta(days=n % 300), start + datetime.timedelta(days=n % 300 + 30),
            "Confidential" if n % 2 else "Unclassified", "" if n % 5 else "Agreed a monthly liaison meeting",
        ])  # fmt: skip
    workbook.save(target)


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux


def _measure(label: str, trace: bool, work) -> Step:
    if trace:
        tracemalloc.start()
    start, cpu = time.perf_counter(), time.process_time()
    work()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    traced = None
    if trace:
        traced = tracemalloc.get_traced_memory()[1] / 1024 / 1024
        tracemalloc.stop()
    return Step(label, seconds, cpu, peak_rss_mb(), traced)


def measure(rows: int, *, trace: bool = False) -> list[Step]:
    """Upload, check and import ``rows`` generated tasks in a new operation; everything rolled back after."""
    steps: list[Step] = []
    batch = None
    try:
        with transaction.atomic(), override_settings(IMPORT_BACKGROUND_ROWS=0, IMPORT_MAX_ROWS=max(rows, 100_000)):
            operation = CountryOperation.objects.create(country="AQ", name="Benchmark (Antarctica)", time_zone="UTC")
            user = get_user_model().objects.create_user("benchmark-importer")  # no usable password
            Membership.objects.create(user=user, operation=operation, role=Role.OFFICER)
            with tempfile.TemporaryFile() as workbook:
                task_workbook(rows, workbook)
                size = workbook.seek(0, io.SEEK_END)
                workbook.seek(0)

                def upload():
                    nonlocal batch
                    batch = services.start_batch(
                        user=user, operation=operation, kind="tasks", file_name="tasks.xlsx", upload=workbook
                    )

                steps.append(_measure(f"upload ({size / 1024 / 1024:.1f} MB, rows counted)", trace, upload))
            summary = {}

            def check():
                summary.update(services.check_large(batch, user))

            steps.append(_measure(f"check, the preview ({rows} rows)", trace, check))
            if summary["counts"]["error"]:
                raise RuntimeError(f"the generated rows have errors: {summary['errors'][:3]}")
            counts = {}

            def write():
                counts.update(services.run_import(batch, user, only_valid=False))

            steps.append(_measure(f"import ({rows} rows)", trace, write))
            if counts["new"] != rows:
                raise RuntimeError(f"{counts['new']} of {rows} rows imported")
            raise _Rollback
    except _Rollback:
        pass
    finally:
        if batch is not None:
            batch.file.storage.delete(batch.file.name)  # the stored upload: the rollback does not remove files
    return steps


def run(options, write) -> None:
    rows = options["import_rows"]
    steps = measure(rows, trace=options["trace_memory"])
    write(f"{'import of a task XLSX':40} {'seconds':>9} {'CPU s':>9} {'peak RSS MB':>12} {'traced MB':>10}")
    for step in steps:
        write(step.line())
    slow = [step.label for step in steps[1:] if step.seconds > TARGET_SECONDS]
    heavy = max(step.peak_rss_mb for step in steps) > TARGET_MB
    write(
        f"target: check and import each within {TARGET_SECONDS} s, the process under {TARGET_MB} MB: "
        + ("met" if not slow and not heavy else "NOT met" + (f" (slow: {', '.join(slow)})" if slow else ""))
    )
