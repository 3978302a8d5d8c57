"""An export's header row is in the exporter's language; its HXL row, which programs read, never changes."""

import pytest

from tests.exports.support import csv_rows, export_url
from tests.factories import TaskFactory
from tests.support import UNCLASSIFIED

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "headers"),
    [("en", ["Reference", "Title", "Area", "Activity"]), ("fr", ["Référence", "Titre", "Domaine", "Activité"]),
     ("es", ["Referencia", "Título", "Área", "Actividad"]), ("ar", ["المرجع", "العنوان", "المجال", "النشاط"])],
)  # fmt: skip
def test_the_header_row_follows_the_exporter_language_and_the_hxl_row_stays(world, login, language, headers):
    TaskFactory(operation=world.operation, owner=world.officer, sensitivity=UNCLASSIFIED)
    response = login(world.officer).get(export_url("tasks", "csv"), headers={"accept-language": language})
    header, hxl, *rows = csv_rows(response)
    assert set(headers) <= set(header), header
    english = csv_rows(login(world.officer).get(export_url("tasks", "csv"), headers={"accept-language": "en"}))[1]
    assert hxl == english and "#activity+name" in hxl
    assert len(rows) == 1
