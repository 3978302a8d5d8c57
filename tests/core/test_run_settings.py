"""What ``scripts/run`` serves (``cmcoord.settings.demo``): the product's own error pages, never Django's debug page
with its list of every URL pattern, and static files collected under names that change with their content, which
browsers may keep (``scripts/run --dev`` keeps the local settings, with DEBUG on)."""

import importlib

import pytest

DEMO = importlib.import_module("cmcoord.settings.demo")
LOCAL = importlib.import_module("cmcoord.settings.local")


@pytest.mark.parametrize(("module", "debug_page"), [(DEMO, False), (LOCAL, True)], ids=["run", "run --dev"])
def test_a_missing_record_shows_the_product_s_404_page_unless_developing(world, login, settings, module, debug_page):
    settings.DEBUG = module.DEBUG
    response = login(world.officer).get("/operations/CAF/tasks/CAF-2026-9999/")
    assert response.status_code == 404
    assert ('data-testid="error-page"' in response.text) is not debug_page
    assert ("URLconf" in response.text) is debug_page  # the debug page names the project's URL patterns


def test_static_files_are_named_by_content_and_served_with_caching():
    assert DEMO.STORAGES["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in DEMO.MIDDLEWARE
    assert DEMO.CMCOORD_LOCAL_MODE  # the demo accounts' password is printed, as the README says
