"""Browser tests run in transactional tests, whose flush also empties reference data shipped by migrations.

Each browser test reloads the Guidance Note catalogue with the data migration's own (idempotent) loader,
instead of relying on serialized rollback, which does not survive every test order on PostgreSQL.
"""

import importlib

import pytest
from django.apps import apps

CATALOGUE_MIGRATION = importlib.import_module("protection_tasks.migrations.0002_guidance_note_catalogue")


@pytest.fixture(autouse=True)
def catalogue(transactional_db):
    CATALOGUE_MIGRATION.load(apps, None)
