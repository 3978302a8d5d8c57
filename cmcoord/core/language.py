"""Which language a request is answered in, without the language ever being part of the URL.

In order: the signed-in user's preference (saved with the account, copied into the session at sign-in so that no
request pays a query for it), the choice made with the switcher (a cookie, so that it holds on the sign-in page
too), the browser's ``Accept-Language``, and, on an operation's pages, the operation's own language (French in
CAR, Arabic in Sudan: see :meth:`OperationMixin.dispatch <cmcoord.core.views.OperationMixin.dispatch>`); English
last. Arabic pages are written right to left (``base.html`` reads ``LANGUAGE_BIDI``).
"""

from __future__ import annotations

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header

SESSION_KEY = "cmcoord_language"  # the user's saved preference, copied into the session when they sign in


class Source:
    """Where the request's language came from: only a default may give way to the operation's language."""

    PREFERENCE = "preference"
    CHOICE = "choice"
    BROWSER = "browser"
    DEFAULT = "default"


def supported(code) -> str | None:
    """``code`` as one of ``settings.LANGUAGES`` ("fr-CA" gives "fr"), or None."""
    if not isinstance(code, str) or not code or len(code) > 35:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def from_browser(request) -> str | None:
    """The first language of the request's ``Accept-Language`` that the product speaks."""
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in parse_accept_lang_header(header):
        if code != "*" and (found := supported(code)):
            return found
    return None


def language_for(request) -> tuple[str, str]:
    """The request's language and where it came from (a :class:`Source`)."""
    session = getattr(request, "session", None)
    if session is not None and (found := supported(session.get(SESSION_KEY))):
        return found, Source.PREFERENCE
    if found := supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)):
        return found, Source.CHOICE
    if found := from_browser(request):
        return found, Source.BROWSER
    return settings.LANGUAGE_CODE, Source.DEFAULT


def use(request, code: str, source: str) -> None:
    translation.activate(code)
    request.LANGUAGE_CODE = translation.get_language()
    request.language_source = source


def fall_back_to_operation(request, operation) -> None:
    """On an operation's page, a request that expressed no language gets the operation's (no query: the page has
    read the operation already)."""
    if getattr(request, "language_source", None) == Source.DEFAULT and (found := supported(operation.language)):
        use(request, found, Source.DEFAULT)


class LanguageMiddleware(LocaleMiddleware):
    """Django's ``LocaleMiddleware`` (its ``Content-Language`` and ``Vary: Accept-Language``), with the product's
    order of sources instead of Django's."""

    def process_request(self, request):
        use(request, *language_for(request))
