"""``manage.py import_gazetteer FILE [--country XX]``: load a COD-style CSV with an HXL row into the gazetteer."""

from django.core.management.base import BaseCommand, CommandError

from cmcoord.gazetteer.services import GazetteerFileError, gazetteer_import


class Command(BaseCommand):
    help = (
        "Load admin-1 and admin-2 units from a COD-style CSV (header row, then an HXL row with #adm1+code, "
        "#adm1+name and optionally #adm2+code, #adm2+name, #country+code). Every line is checked first: one bad "
        "line refuses the whole file, naming each bad line. Units of the file's countries that it leaves out are "
        "kept, marked inactive, and listed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="path of the CSV file (UTF-8)")
        parser.add_argument(
            "--country", default="", help="ISO 3166 code (CF or CAF) of a file without a #country+code column"
        )

    def handle(self, *args, **options):
        try:
            report = gazetteer_import(source=options["file"], country=options["country"])
        except FileNotFoundError as error:
            raise CommandError(f"{options['file']}: no such file") from error
        except GazetteerFileError as error:
            raise CommandError(f"{options['file']} was not loaded (nothing changed):\n{error}") from error
        self.stdout.write(
            f"{options['file']} ({', '.join(report.countries)}): {len(report.created)} created, "
            f"{len(report.updated)} updated, {report.unchanged} unchanged, {len(report.retired)} no longer in the file."
        )
        if report.retired:
            self.stdout.write("Kept but marked inactive (no longer offered in forms): " + ", ".join(report.retired))
