# ruff: noqa: N999 - the command is called "import", as the issue names it
"""``manage.py import``: bring a spreadsheet into an operation as a given user, as the import page does.

The same reading, checks (each row through the record's form), writing (through the app's services) and batch,
so what the page refuses the command refuses too::

    python manage.py import tasks --user officer.caf --operation CAF tasks.xlsx --dry-run
    python manage.py import tasks --user officer.caf --operation CAF tasks.csv --date-order dmy
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.http import Http404

from cmcoord.core.access import Action
from cmcoord.core.views import operation_by_code

from ... import services
from ...parsing import DATE_ORDERS
from ...readers import ImportRefused, max_import_bytes
from ...registry import get_importer, registered_importers


class _DryRun(Exception):  # noqa: N818
    pass


class Command(BaseCommand):
    help = "Import a spreadsheet (XLSX or CSV) into an operation as a given user; --dry-run checks every row only."

    def add_arguments(self, parser):
        parser.add_argument("name", help="what the file holds, e.g. tasks")
        parser.add_argument("file", help="the .xlsx or .csv file")
        parser.add_argument("--user", required=True, help="username: the import is theirs, within their standing")
        parser.add_argument("--operation", required=True, help="ISO alpha-3 code of the operation")
        parser.add_argument("--dry-run", action="store_true", help="check every row and report; write nothing")
        parser.add_argument("--only-valid", action="store_true", help="import the valid rows when others have errors")
        parser.add_argument("--date-order", choices=DATE_ORDERS, default="", help="how 03/04/2026 is read")

    def handle(self, *args, **options):
        if get_importer(options["name"]) is None:
            names = ", ".join(sorted(importer.name for importer in registered_importers()))
            raise CommandError(f"Nothing called {options['name']!r} can be imported (known: {names}).")
        user = get_user_model().objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {options['user']!r}.")
        try:
            operation = operation_by_code(user, options["operation"], Action.CHANGE)
        except Http404:
            raise CommandError(f"{options['user']} may not import into operation {options['operation']!r}.") from None
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No file {path}.")
        if path.stat().st_size > max_import_bytes():
            raise CommandError(f"{path.name} is larger than the import limit ({max_import_bytes()} bytes).")
        try:
            with transaction.atomic(), path.open("rb") as handle:
                batch = services.start_batch(
                    user=user, operation=operation, kind=options["name"], file_name=path.name, upload=handle
                )
                if batch.background:  # a large file: checked as a worker does, row by row, its first errors kept
                    self._report_summary(services.check_large(batch, user, options["date_order"]))
                else:
                    self._report_rows(services.preview(batch, user, options["date_order"]))
                if options["dry_run"]:
                    raise _DryRun
                services.run_import(batch, user, date_order=options["date_order"], only_valid=options["only_valid"])
        except _DryRun:
            self.stdout.write("Dry run: nothing written.")
            return
        except (ImportRefused, PermissionDenied) as refusal:
            raise CommandError(str(refusal)) from None
        batch.refresh_from_db()
        self.stdout.write(
            f"Batch {batch.pk}: {batch.created_count} created, {batch.updated_count} updated, "
            f"{batch.unchanged_count} unchanged, {batch.error_count} with errors (not imported)."
        )

    def _report_summary(self, summary):
        counts = summary["counts"]
        self.stdout.write(
            f"{counts['new']} new, {counts['update']} to update, {counts['unchanged']} unchanged, "
            f"{counts['error']} with errors."
        )
        for row in summary["errors"]:
            for column, message in row["errors"]:
                where = f"row {row['number']}" + (f", {column}" if column else "")
                self.stderr.write(f"{where}: {message}")
        if counts["error"] > len(summary["errors"]):
            self.stderr.write(f"(the first {len(summary['errors'])} rows with errors are shown)")

    def _report_rows(self, result):
        counts = result.counts
        self.stdout.write(
            f"{counts['new']} new, {counts['update']} to update, {counts['unchanged']} unchanged, "
            f"{counts['error']} with errors."
        )
        for note in result.notes:
            self.stdout.write(note)
        if result.unknown:
            self.stdout.write("Columns not imported: " + ", ".join(result.unknown))
        for row in result.rows:
            for column, message in row.errors:
                where = f"row {row.number}" + (f", {column}" if column else "")
                self.stderr.write(f"{where}: {message}")
