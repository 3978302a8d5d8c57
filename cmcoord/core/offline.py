"""The installable app on a phone: manifest, service worker, offline page, what is stored on the device, wiping it.

What the service worker keeps (``templates/offline/sw.js``): the app shell's static files under their hashed names
and the offline page, nothing else. Pages and API answers always go to the network and are never stored: every page
answered to a signed-in person says ``Cache-Control: private, no-store`` (:class:`PrivatePagesMiddleware`), so not
even the browser's own cache keeps one. Drafts typed into forms stay in IndexedDB (``static/js/drafts.js``) until
sent, discarded, or wiped: at sign-out (``Clear-Site-Data`` here, and the same done by script for Safari, which
ignores the header), when the session is found revoked at next contact, or after ``OFFLINE_MAX_DAYS`` without any.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse
from django.template.loader import get_template, render_to_string
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

# The app shell: every static file a page of the product loads, precached by the service worker.
SHELL = [
    "vendor/bootstrap/css/bootstrap.min.css",
    "css/app.css",
    "vendor/bootstrap/js/bootstrap.bundle.min.js",
    "js/app.js",
    "js/place_picker.js",
    "js/chooser.js",
    "js/device_store.js",
    "js/device.js",
    "js/drafts.js",
    "js/outbox.js",
    "js/offline_forms.js",
    "js/task_form.js",
    "icons/sprite.svg",
    "favicon.svg",
    "app-icons/icon-192.png",
    "app-icons/maskable-192.png",
]
RTL_STYLESHEET = "vendor/bootstrap/css/bootstrap.rtl.min.css"
# Workbox's browser builds, in the order they depend on each other (static/vendor/workbox).
WORKBOX = [
    f"vendor/workbox/workbox-{name}.prod.js"
    for name in ("core", "routing", "strategies", "cacheable-response", "precaching")
]
THEME_COLOUR = "#0a58ca"  # the navigation bar's
# What signing out, or the wipe button, asks the browser to forget: caches (with the HTTP cache), IndexedDB and
# every other storage, and the service worker. Cookies stay: the wipe button does not sign out.
CLEAR_SITE_DATA = '"cache", "storage"'


def shell_files() -> list[str]:
    """The static files to precache; the right-to-left stylesheet only where a right-to-left language is offered."""
    files = list(SHELL)
    if any(get_language_info(code)["bidi"] for code, _name in settings.LANGUAGES):
        files.insert(1, RTL_STYLESHEET)
    return files


def max_days() -> int:
    return settings.OFFLINE_MAX_DAYS


def _static_file(name: str) -> bytes:
    """A static file's content: collected (production), or where the finders find it (development, tests)."""
    if staticfiles_storage.exists(name):
        with staticfiles_storage.open(name) as handle:
            return handle.read()
    with open(finders.find(name), "rb") as handle:
        return handle.read()


@lru_cache(maxsize=4)
def _version(files: tuple[str, ...], max_days: int) -> str:
    digest = hashlib.sha256(str(max_days).encode())
    for name in (*WORKBOX, "js/device_store.js", *files):
        digest.update(_static_file(name))
    for template in (
        "offline/sw.js",
        "offline/offline.html",
        "offline/_kept.html",
        "offline/_write.html",
        "includes/device.html",
    ):  # the worker, the page and what it includes
        digest.update(get_template(template).template.source.encode())
    return digest.hexdigest()[:16]


def worker_version() -> str:
    """A hash of what the worker precaches and of the worker itself: a deploy that changes any of them installs a
    new worker (the browser compares sw.js byte for byte). Computed once per process, outside DEBUG."""
    if settings.DEBUG:
        _version.cache_clear()
    return _version(tuple(shell_files()), max_days())


@never_cache
@login_not_required
@require_safe
def manifest(request):
    """The web app manifest: what a phone needs to install the product on its home screen."""
    icons = [
        {
            "src": static(f"app-icons/{kind}-{size}.png"),
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": purpose,
        }
        for kind, purpose in (("icon", "any"), ("maskable", "maskable"))
        for size in (192, 512)
    ]
    data = {
        "id": "/",
        "name": _("CMCoord Tracker"),
        "short_name": _("CMCoord"),
        "description": _("Humanitarian civil-military coordination in support of protection outcomes."),
        "start_url": reverse("home"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": icons,
    }
    return HttpResponse(json.dumps(data, ensure_ascii=False), content_type="application/manifest+json")


@login_not_required
@require_safe
def service_worker(request):
    """``/sw.js``, from the site's root so that its scope is every page; re-checked by the browser at each visit."""
    context = {
        "version": worker_version(),
        "workbox": json.dumps([static(name) for name in WORKBOX]),
        "store_url": json.dumps(static("js/device_store.js")),
        "precache": json.dumps([static(name) for name in shell_files()]),
        "offline_url": json.dumps(reverse("offline")),
        "static_prefix": json.dumps(settings.STATIC_URL),
        "max_days": max_days(),
    }
    response = HttpResponse(render_to_string("offline/sw.js", context), content_type="text/javascript")
    response["Service-Worker-Allowed"] = "/"
    patch_cache_control(response, no_cache=True, max_age=0)
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def stored_on_device(request):
    """What this device keeps of the product (read from the device by script), and a button that wipes it."""
    response = TemplateResponse(request, "offline/device.html", {"max_days": max_days()})
    if request.method == "POST":
        response["Clear-Site-Data"] = CLEAR_SITE_DATA
        response.context_data["wiped"] = True
    return response


class SignOutView(auth_views.LogoutView):
    """Sign out and have the browser wipe what it keeps of the product: caches, IndexedDB, the service worker.

    Safari ignores ``Clear-Site-Data``; the sign-in page it lands on wipes the same by script (``device.js``)."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = CLEAR_SITE_DATA
        return response


class PrivatePagesMiddleware:
    """Every answer to a signed-in person, and every API answer, is ``private, no-store`` unless its view says
    otherwise: no page of a record is kept by the browser's cache, a proxy, or the service worker."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or request.path.startswith("/api/"):
            patch_cache_control(response, private=True, no_store=True)
        return response


PARALLEL = 6  # requests a page's outbox sends at once (a browser's connections to one server)


def parallel_sends() -> int:
    """How many entries a page sends at once: one where the server's threads share one connection to an in-memory
    SQLite database (the tests' live server), whose interleaved transactions would corrupt each other."""
    from django.db import connection

    return 1 if connection.vendor == "sqlite" and connection.is_in_memory_db() else PARALLEL
