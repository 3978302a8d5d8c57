"""``manage.py export``: write a registered export to a file or to standard output, as a given user.

The same export, scoping and writers as the download buttons, and logged like them: for scripted exports at
headquarters and for measuring an export's throughput and memory on its own (the benchmark runs it against
PostgreSQL's own ``COPY`` of the same query)::

    python manage.py export tasks --user hq.reader --format csv > tasks.csv
    python manage.py export tasks --user officer --operation CAF --query "status=planned&area=AN" -o caf.csv
"""

from __future__ import annotations

import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from cmcoord.core.access import Action
from cmcoord.core.views import operation_by_code

from ...models import ExportFormat, ExportLog
from ...registry import get_export
from ...tasks import stand_in_request
from ...writers import RowCounter, stream_csv, stream_json, write_xlsx


class Command(BaseCommand):
    help = "Write a registered export (CSV with HXL, JSON or XLSX) as a given user, logged like a download."

    def add_arguments(self, parser):
        parser.add_argument("name", help="the export's name, e.g. tasks")
        parser.add_argument("--user", required=True, help="username: the export carries what this user may export")
        parser.add_argument("--operation", help="ISO alpha-3 code; without it, the cross-country export")
        parser.add_argument("--format", choices=ExportFormat.values, default=ExportFormat.CSV)
        parser.add_argument("--query", default="", help='the filters, as a query string: "status=planned&area=AN"')
        parser.add_argument("-o", "--output", help="file to write (default: standard output; required for xlsx)")

    def handle(self, *args, **options):
        user = get_user_model().objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {options['user']!r}.")
        operation = None
        if options["operation"]:
            try:
                operation = operation_by_code(user, options["operation"], Action.EXPORT)
            except Http404:
                message = f"{options['user']} may not export from operation {options['operation']!r}."
                raise CommandError(message) from None
        export = get_export(options["name"], per_operation=operation is not None)
        if export is None:
            kind = "per-operation" if operation is not None else "cross-country"
            raise CommandError(f"No {kind} export named {options['name']!r}.")
        fmt = options["format"]
        if fmt == ExportFormat.XLSX and not options["output"]:
            raise CommandError("An XLSX export needs --output.")
        request = stand_in_request(user, options["query"])
        queryset = export.build(request, operation)
        log = ExportLog.objects.create(
            user=user,
            operation=operation,
            export_name=export.name,
            format=fmt,
            filters={key: request.GET.getlist(key) for key in sorted(request.GET)},
        )
        counter = RowCounter()
        target = open(options["output"], "wb") if options["output"] else sys.stdout.buffer  # noqa: SIM115
        try:
            if fmt == ExportFormat.XLSX:
                write_xlsx(export, queryset, target, counter)
            else:
                stream = stream_csv if fmt == ExportFormat.CSV else stream_json
                for chunk in stream(export, queryset, counter):
                    target.write(chunk)
        finally:
            if target is not sys.stdout.buffer:
                target.close()
            else:
                target.flush()
            ExportLog.objects.filter(pk=log.pk).update(row_count=counter.rows, completed=counter.done)
        self.stderr.write(f"{counter.rows} rows exported.")
