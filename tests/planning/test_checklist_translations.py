"""The set-up checklist's key points are shipped in French, Arabic and Spanish and shown in the reader's language."""

import pytest
from django.utils import translation

from planning.keypoints import key_points
from planning.models import ChecklistItem
from planning.services import checklist_copy
from tests.support import in_operation

pytestmark = pytest.mark.django_db


def test_every_shipped_key_point_is_translated():
    for point in key_points():
        assert {language for language, text in point.translations.items() if text} == {"fr", "ar", "es"}, point.code


def test_the_checklist_reads_in_the_reader_language(world, login):
    checklist_copy(world.operation)
    item = ChecklistItem.objects.get(operation=world.operation, code="SU-07")
    with translation.override("fr"):
        assert item.display_text == "Comprendre la structure militaire et la chaîne de commandement."
    with translation.override("en"):
        assert item.display_text == "Understand the military structure and chain of command."
    page = login(world.officer).get(in_operation("planning")("checklist"), headers={"accept-language": "ar"}).text
    assert "فهم الهيكل العسكري وتسلسل القيادة." in page
