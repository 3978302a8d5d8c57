"""Every export is logged with its row count; the head of office reads the operation's log, everyone their own."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from cmcoord.exports.models import ExportLog

from .support import content_of, export_url


def test_each_export_is_logged_with_its_rows_once_sent(world, export_data, login):
    client = login(world.officer)
    response = client.get(export_url("tasks", "csv") + "?status=planned&status=on_hold&page=3")
    log = ExportLog.objects.get()
    assert (log.user, log.operation, log.export_name, log.format) == (world.officer, world.operation, "tasks", "csv")
    assert log.filters == {"status": ["planned", "on_hold"]}  # the page number is not a filter
    assert log.row_count is None and not log.completed  # nothing sent yet
    content_of(response)
    log.refresh_from_db()
    assert log.row_count == 2 and log.completed


@pytest.mark.parametrize(("fmt", "rows"), [("json", 2), ("xlsx", 2)])
def test_every_format_is_logged(world, export_data, login, fmt, rows):
    content_of(login(world.officer).get(export_url("tasks", fmt)))
    log = ExportLog.objects.get()
    assert (log.format, log.row_count, log.completed) == (fmt, rows, True)


def test_a_cross_country_export_is_logged_without_an_operation(world, export_data, login):
    content_of(login(world.hq).get(export_url("missions", "csv", None)))
    log = ExportLog.objects.get()
    assert log.operation is None and log.row_count == 2  # MINUSCA in CAF and in Mali


@pytest.mark.django_db(transaction=True)  # on PostgreSQL the COPY is cancelled: outside a test's transaction
def test_a_download_broken_off_stays_incomplete(guidance_note_catalogue, world, export_data, login):
    response = login(world.officer).get(export_url("tasks", "csv"))
    next(iter(response.streaming_content))
    response.close()
    log = ExportLog.objects.get()
    assert not log.completed
    assert login(world.officer).get(export_url("tasks", "json")).status_code == 200  # the connection still works


@pytest.mark.parametrize(
    ("standing", "status"),
    [("head", 200), ("officer", 403), ("hct", 403), ("hq", 403), ("other_officer", 404), ("outsider", 404)],
)
def test_only_the_head_of_office_reads_the_operation_log(world, export_data, login, standing, status):
    content_of(login(world.officer).get(export_url("tasks", "csv")))
    content_of(login(world.hct).get(export_url("actors", "json")))
    response = login(world.by_role(standing)).get(reverse("operation_exports:log", kwargs={"code": "CAF"}))
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert page.count('data-testid="export-log-row"') == 2
        assert escape(world.officer.get_full_name()) in page and escape(world.hct.get_full_name()) in page


def test_the_operation_log_holds_only_that_operation(world, export_data, login):
    content_of(login(world.other_officer).get(export_url("tasks", "csv", "MLI")))
    content_of(login(world.hq).get(export_url("missions", "csv", None)))
    page = login(world.head).get(reverse("operation_exports:log", kwargs={"code": "CAF"})).content.decode()
    assert 'data-testid="export-log-row"' not in page


def test_everyone_reads_their_own_exports_only(world, export_data, login):
    content_of(login(world.hq).get(export_url("tasks", "csv")))
    content_of(login(world.hq).get(export_url("missions", "json", None)))
    content_of(login(world.officer).get(export_url("actors", "csv")))
    page = login(world.hq).get(reverse("exports:mine")).content.decode()
    assert page.count('data-testid="export-log-row"') == 2
    assert ">actors<" not in page
    assert login(world.outsider).get(reverse("exports:mine")).status_code == 200


def test_each_log_names_the_time_zone_its_times_are_in(world, export_data, login):
    """The operation's log is in the operation's time (Bangui, UTC+1); a person's own log, across operations, in UTC."""
    from datetime import UTC, datetime

    content_of(login(world.officer).get(export_url("tasks", "csv")))
    ExportLog.objects.update(created_at=datetime(2026, 11, 30, 23, 30, tzinfo=UTC))
    operation_log = login(world.head).get(reverse("operation_exports:log", kwargs={"code": "CAF"})).text
    assert "When (Africa/Bangui)" in operation_log and "(UTC)" not in operation_log
    assert "2026-12-01 00:30" in operation_log  # 23:30 UTC is past midnight in Bangui
    own_log = login(world.officer).get(reverse("exports:mine")).text
    assert "When (UTC)" in own_log and "2026-11-30 23:30" in own_log
