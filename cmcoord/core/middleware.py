"""Refuse, at the edge, query parameters no page can use: they answer 400 before any view or query sees them.

Path values are checked by the converters (:mod:`cmcoord.core.converters`); query parameters reach FilterSets,
forms and plain ``request.GET.get`` alike, so they are checked once here rather than in each of them:

- a NUL byte, which PostgreSQL refuses in any text (a database error, so a 500, wherever it reaches a query);
- a run of digits longer than any identifier or number the product uses (Python refuses to convert more than
  4,300 digits to an integer, and a bigint holds 19);
- a value longer than any filter, search or return address needs.

Pages answer with the 400 page; the API answers JSON, as its clients expect.
"""

from __future__ import annotations

import re

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

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
