"""``manage.py export`` writes what the download button gives the same user, refuses what they may not export,
and is logged like a download."""

import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cmcoord.exports.models import ExportLog

from .support import content_of, export_url


def run_export(tmp_path, *args):
    target = tmp_path / "out.csv"
    call_command("export", *args, "-o", str(target), stderr=io.StringIO())
    return target.read_bytes()


def test_the_command_writes_the_download_of_the_same_user(client, world, export_data, tmp_path):
    client.force_login(world.hct)
    downloaded = content_of(client.get(export_url("tasks", "csv") + "?sort=title"))
    written = run_export(tmp_path, "tasks", "--user", world.hct.username, "--operation", "CAF", "--query", "sort=title")

    assert written == downloaded
    titles = [row[3] for row in csv.reader(io.StringIO(written.decode()))][2:]
    assert titles == ["Task-U-secret"]  # an HCT member exports Unclassified only


def test_the_command_is_logged_with_its_rows_and_filters(world, export_data, tmp_path):
    run_export(tmp_path, "tasks", "--user", world.officer.username, "--operation", "CAF", "--query", "q=Task")

    log = ExportLog.objects.get()
    assert (log.user, log.operation, log.export_name, log.format) == (world.officer, world.operation, "tasks", "csv")
    assert log.filters == {"q": ["Task"]}
    assert (log.row_count, log.completed) == (2, True)  # Strictly confidential never leaves


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["tasks", "--user", "nobody"], "No active user"),
        (["tasks", "--operation", "MLI"], "may not export"),  # the officer has no standing in Mali
        (["tasks", "--operation", "XX1"], "may not export"),
        (["no-such-export", "--operation", "CAF"], "No per-operation export"),
        (["priorities"], "No cross-country export"),
        (["tasks", "--operation", "CAF", "--format", "xlsx"], "needs --output"),
    ],
)
def test_the_command_refuses_with_a_clear_message(world, export_data, args, message):
    if "--user" not in args:
        args = [*args, "--user", world.officer.username]
    with pytest.raises(CommandError, match=message):
        call_command("export", *args, stdout=io.StringIO(), stderr=io.StringIO())
    assert not ExportLog.objects.exists()
