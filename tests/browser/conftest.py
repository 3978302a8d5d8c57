"""Browser tests run in transactional tests, whose flush also empties reference data shipped by migrations.

Each browser test reloads the Guidance Note catalogue with the data migration's own (idempotent) loader,
instead of relying on serialized rollback, which does not survive every test order on PostgreSQL.
"""

import io

import pytest


@pytest.fixture(autouse=True)
def catalogue(guidance_note_catalogue):
    """Every browser test starts with the shipped catalogue (an earlier test's flush removed it)."""


@pytest.fixture
def demo(catalogue, settings, tmp_path):
    """The demo deployment (every record type), its officer ``officer.caf`` signing in with the tests' password: the
    richest pages to check. Its attachments are stored in the test's own folder."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from tests.factories import TEST_PASSWORD

    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", stdout=io.StringIO())
    officer = get_user_model().objects.get(username="officer.caf")
    officer.set_password(TEST_PASSWORD)
    officer.save(update_fields=["password"])
    return officer
