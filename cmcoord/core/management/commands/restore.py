"""``manage.py restore DIR [--force]``: restore a backup into an empty deployment (see cmcoord.core.backup)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cmcoord.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup written by `manage.py backup` into this deployment's database and storage folders, which "
        "must be empty unless --force is given. Every file is checked against the backup's manifest first, and the "
        "restored rows are counted against it afterwards."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="the backup's folder")
        parser.add_argument(
            "--force", action="store_true", help="replace the database and write over the files of a deployment in use"
        )

    def handle(self, *args, directory, force, **options):
        try:
            report = restore(directory, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(report.tables.values())
        self.stdout.write(
            f"Restored {len(report.tables)} tables ({rows} rows) and {len(report.files)} files from {directory}; "
            "rows and files match the backup."
        )
