"""Refuse, at the edge, query parameters no page can use: they answer 400 before any view or query sees them.

Path values are checked by the converters (:mod:`cmcoord.core.converters`); query parameters reach FilterSets,
forms and plain ``request.GET.get`` alike, so they are checked once here rather than in each of them:

- a NUL byte, which PostgreSQL refuses in any text (a database error, so a 500, wherever it reaches a query);
- a run of digits longer than any identifier or number the product uses (Python refuses to convert more than
  4,300 digits to an integer, and a bigint holds 19);
- a value longer than any filter, search or return address needs;
- bytes that are not UTF-8 (``%FF``), which Django would otherwise read as U+FFFD and search for.

Pages answer with the 400 page; the API answers JSON, as its clients expect.

:class:`DatabaseOutageMiddleware` answers a request that meets a lost database connection (a restart, a
failover) with a short 503 page instead of a 500, after one more try of a read.
"""

from __future__ import annotations

import logging
import re

from django.http import HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .outage import is_database_outage, reset_database_connections

logger = logging.getLogger(__name__)

MAX_DIGITS = 30
MAX_VALUE_LENGTH = 2000
LONG_NUMBER = re.compile(rf"[0-9]{{{MAX_DIGITS + 1},}}")
API_PREFIX = "/api/"


def query_problem(request) -> str | None:
    """Why the request's path or query parameters cannot be used, in words; None if they can."""
    if "\x00" in request.path_info:
        return _("The address contains a character that cannot be used.")
    for key, values in request.GET.lists():
        for text in (key, *values):
            if "\x00" in text:
                return _("A filter or search contains a character that cannot be used.")
            if "\ufffd" in text:  # what Django's decoding put in place of bytes that are not UTF-8
                return _("A filter or search contains bytes that are not valid text (UTF-8); it cannot be used.")
            if len(text) > MAX_VALUE_LENGTH:
                return _("A filter or search is too long (at most %(n)s characters).") % {"n": MAX_VALUE_LENGTH}
            if LONG_NUMBER.search(text):
                return _("A filter or search contains a number that is too long (at most %(n)s digits).") % {
                    "n": MAX_DIGITS
                }
    return None


class QueryGuardMiddleware:
    """Answers 400, with the reason, to a request whose path or query parameters no page can use."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = query_problem(request)
        if problem is None:
            return self.get_response(request)
        if request.path_info.startswith(API_PREFIX):
            return JsonResponse({"detail": problem}, status=400)
        response = TemplateResponse(request, "400.html", {"problem": problem}, status=400)
        return response.render()


# --- A database that is restarting or failing over ------------------------------------------------------------

RETRY_AFTER_SECONDS = 30
SAFE_METHODS = frozenset({"GET", "HEAD"})


def unavailable_response(request) -> HttpResponse:
    """503 "temporarily unavailable", drawn without the database (no context processors, no user)."""
    if request.path_info.startswith(API_PREFIX):
        response = JsonResponse({"detail": _("The service is temporarily unavailable. Try again in a minute.")})
    else:
        response = HttpResponse(render_to_string("503.html"))
    response.status_code = 503
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response.database_outage = True
    return response


class DatabaseOutageMiddleware:
    """A request that meets a lost database connection answers 503 "temporarily unavailable", not a 500.

    A read (GET or HEAD) is tried once more on a fresh connection first: after a restart or a failover the kept
    connections are dead while the database already answers again, and a read is safe to repeat. A write is never
    repeated (it may have reached the database before the connection broke): it answers 503 and the form is
    submitted again by its author. Outermost in ``MIDDLEWARE``, so that it sees every other layer's outcome;
    failures outside a view reach it through :func:`cmcoord.core.views.server_error`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        outage = getattr(response, "database_outage", False)
        if outage and request.method in SAFE_METHODS and reset_database_connections():
            logger.warning("database connection lost during %s %s: trying once more", request.method, request.path)
            response = self.get_response(request)
        return response

    def process_exception(self, request, exception):
        if is_database_outage(exception):
            logger.warning("database unavailable during %s %s: %s", request.method, request.path, exception)
            return unavailable_response(request)
        return None


#: What a page of the product answers to: a browser's form sends GET or POST, never PUT, PATCH or DELETE.
PAGE_METHODS = ("get", "head", "post", "options")


class PageMethodsMiddleware:
    """Answers 405 to a method no page takes (PUT, PATCH, DELETE, TRACE …), before the view sees it.

    Django's form views treat PUT as POST and answered 200 with the form's errors. The API (``/api/``, read-only)
    answers its own 405s. The ``Allow`` header lists what the view itself takes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        method = request.method.lower()
        if method in PAGE_METHODS or request.path_info.startswith(API_PREFIX):
            return None
        view_class = getattr(view_func, "view_class", None)
        taken = getattr(view_class, "http_method_names", PAGE_METHODS)

        def takes(name):  # a view that answers GET answers HEAD (Django's ``View.setup``)
            served = "get" if name == "head" else name
            return name in taken and (view_class is None or hasattr(view_class, served))

        allowed = [name.upper() for name in PAGE_METHODS if takes(name)]
        return HttpResponseNotAllowed(allowed)
