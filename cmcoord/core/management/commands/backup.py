"""``manage.py backup DIR``: a consistent backup of the database and the stored files (see cmcoord.core.backup)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cmcoord.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write a consistent backup of the database and the stored files (attachments, export files) into DIR."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="a new or empty folder")

    def handle(self, *args, directory, **options):
        try:
            report = backup(directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(report.tables.values())
        self.stdout.write(
            f"Backed up {len(report.tables)} tables ({rows} rows) and {len(report.files)} files into {directory}."
        )
        for name in report.skipped_storages:
            self.stderr.write(f"Storage {name!r} is not a local folder: back it up with its provider's own tools.")
