"""The installable app (cmcoord/core/offline.py): manifest, service worker, offline page, what the device keeps.

The browser side (install, offline navigation, drafts, the wipe at sign-out): tests/browser/test_offline_flow.py.
"""

import json

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from cmcoord.core import offline
from cmcoord.core.choices import Sensitivity
from tests.factories import EngagementFactory, TaskFactory

pytestmark = pytest.mark.django_db


def test_manifest_has_what_an_install_needs(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200 and response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert {"name", "short_name", "start_url", "scope", "display", "icons", "theme_color", "id"} <= manifest.keys()
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/" and manifest["scope"] == "/"
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert sizes == {("192x192", "any"), ("512x512", "any"), ("192x192", "maskable"), ("512x512", "maskable")}
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon


def test_every_page_links_the_manifest_and_a_theme_colour(client, world):
    client.force_login(world.officer)
    html = client.get(reverse("home")).content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert '<meta name="theme-color" content="#0a58ca">' in html


def test_service_worker_is_served_from_the_root_uncached_and_versioned_by_what_it_precaches(client, settings):
    response = client.get("/sw.js")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]
    body = response.content.decode()
    version = offline.worker_version()
    assert f'var VERSION = "{version}";' in body
    assert "/static/vendor/workbox/workbox-precaching.prod.js" in body and "/static/css/app.css" in body
    assert "skipWaiting()" in body and "self.skipWaiting();\n" not in body.split("addEventListener")[0]
    settings.OFFLINE_MAX_DAYS = 3
    assert offline.worker_version() != version  # a change of what it does is a new worker


def test_offline_page_is_translatable_and_holds_nothing_of_the_person(client, world):
    client.force_login(world.officer)
    response = client.get("/offline/")
    html = response.content.decode()
    assert response.status_code == 200 and "You are offline" in html and "What you can do offline" in html
    assert world.officer.username not in html and world.operation.name not in html
    assert "data-offline-page" in html and 'data-user=""' in html


def test_sign_out_asks_the_browser_to_wipe_what_it_keeps(client, world):
    client.force_login(world.officer)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'


def test_the_wipe_button_answers_with_clear_site_data(client, world):
    client.force_login(world.officer)
    page = client.get(reverse("stored-on-device"))
    assert page.status_code == 200 and "data-draft-list" in page.content.decode() and "Clear-Site-Data" not in page
    wiped = client.post(reverse("stored-on-device"))
    assert wiped["Clear-Site-Data"] == '"cache", "storage"' and "data-wiped" in wiped.content.decode()


def test_no_page_of_a_strictly_confidential_record_is_ever_cacheable(client, world):
    task = TaskFactory(operation=world.operation, owner=world.officer, sensitivity=Sensitivity.STRICTLY_CONFIDENTIAL)
    engagement = EngagementFactory(operation=world.operation, sensitivity=Sensitivity.STRICTLY_CONFIDENTIAL)
    client.force_login(world.officer)
    for url in (task.get_absolute_url(), engagement.get_absolute_url(), reverse("my-tasks"), "/api/v1/"):
        response = client.get(url)
        control = response.get("Cache-Control", "")
        assert "no-store" in control and "private" in control, (url, response.status_code, control)
    html = client.get(task.get_absolute_url()).content.decode()
    assert 'data-draft="task-note" data-draft-off' in html  # and no draft of its note is kept on the device


def test_api_answers_are_never_cacheable_even_to_a_token(world):
    response = Client().get("/api/v1/")
    assert "no-store" in response.get("Cache-Control", "")


def test_forms_in_the_field_keep_drafts_except_of_strictly_confidential_levels(client, world):
    task = TaskFactory(operation=world.operation, owner=world.officer, sensitivity=Sensitivity.CONFIDENTIAL)
    client.force_login(world.officer)
    detail = client.get(task.get_absolute_url()).content.decode()
    assert 'data-draft="task-note" data-draft-off-level="3"' in detail
    new = client.get(reverse("protection_tasks:task-create", args=[world.operation.code])).content.decode()
    assert 'data-draft="task" data-draft-off-level="3"' in new


def test_the_offline_pages_forms_hold_no_record_and_post_what_the_api_takes(client, world):
    """Stored on every device that installs the app: labels and fixed choices only; the records to choose from are
    drawn on the device (static/js/offline_forms.js). Each field carries the API's own name, each form its route."""
    from tests.factories import ActorFactory

    ActorFactory(operation=world.operation, name="Ouham Patriotic Front")
    task = TaskFactory(operation=world.operation, owner=world.officer, title="Negotiate the clinic's passage")
    client.force_login(world.officer)
    html = client.get("/offline/").content.decode()
    assert "Ouham Patriotic Front" not in html and task.title not in html and task.reference not in html
    for route, names in [
        ("/api/v1/engagements/", ["operation", "occurred_at", "mode", "actors", "summary"]),
        ("/api/v1/follow-ups/", ["text", "activity"]),
        ("/api/v1/access-incidents/", ["operation", "title", "occurred_on", "category", "actor", "source"]),
    ]:
        assert f'data-outbox-route="{route}"' in html
        assert all(f'name="{name}"' in html for name in names), (route, names)
    assert 'data-outbox-after="engagement"' in html and 'data-outbox-lists="actors"' in html
    assert 'data-offline-choices="tasks" data-outbox-skip=""' in html  # the task chosen is the route, not a field
    assert html.count('action="/offline/"') == 4  # drafts kept under the offline page, whatever address it stood in
