"""The personal tokens' middleware: the token of an API or export request, checked once, before the sign-in
requirement (``LoginRequiredMiddleware``) looks at the request."""

from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.views import APIView

from . import sessions, twofactor
from .authentication import authenticate_token, token_from_header

SIGN_IN_FIRST = _("Sign in first.")
SECOND_FACTOR_OWED = _("This session has not given its second factor yet: finish signing in in the browser.")


def from_a_script(request) -> bool:
    """A script's request (the API; the device's offline data, which asks for JSON), not a page the browser shows."""
    return request.path.startswith("/api/") or not request.accepts("text/html")


def accepts_token(view_func) -> bool:
    """The API's views and the views that say so (``accepts_api_token``: the exports) take a token."""
    view_class = getattr(view_func, "cls", None) or getattr(view_func, "view_class", None)
    if view_class is None:
        return False
    return issubclass(view_class, APIView) or getattr(view_class, "accepts_api_token", False)


class ApiTokenMiddleware:
    """Signs in the owner of the token an API or export request brings, before the sign-in requirement is checked.

    A wrong token answers 401 at once; a token sent to a page that does not take one is ignored (the page asks for
    the browser's session as ever). The token is never logged: only its key id reaches the request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        raw = token_from_header(request.META.get("HTTP_AUTHORIZATION", ""))
        if raw is None or not accepts_token(view_func):
            return None
        try:
            user, token = authenticate_token(raw, request.META.get("REMOTE_ADDR", ""))
        except exceptions.AuthenticationFailed as error:
            response = JsonResponse({"detail": str(error.detail)}, status=401)
            response["WWW-Authenticate"] = 'Token realm="api"'
            return response
        request.user, request.api_token = user, token
        request._dont_enforce_csrf_checks = True  # no cookie: a token request cannot be forged by another site
        return None


class TwoFactorMiddleware:
    """A signed-in session that owes its second factor reaches only the second step, its set-up and signing out.

    Who has a second factor gives it after the password (unless this browser is remembered); who must have one
    (:func:`~cmcoord.accounts.twofactor.must_use_second_factor`) and has none sets one up first. Requests made with a
    personal token are not sessions: the token was made after a full sign-in.
    """

    # What a session owing its code may open (nothing that could remove the second factor), and one owing a set-up
    # (by view name: the passkeys' JSON views are django-otp-webauthn's, in its namespace).
    ALLOWED = {
        twofactor.OWED: frozenset(
            {
                *("two-factor-verify", "logout", "login", "otp_webauthn:js-i18n-catalog"),
                *("otp_webauthn:credential-authentication-begin", "otp_webauthn:credential-authentication-complete"),
            }
        ),
        twofactor.SET_UP: frozenset(
            {
                *("two-factor-setup", "confirm-password", "logout", "login", "otp_webauthn:js-i18n-catalog"),
                *("otp_webauthn:credential-registration-begin", "otp_webauthn:credential-registration-complete"),
            }
        ),
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or getattr(request, "api_token", None) is not None:
            return None
        if user.is_verified():
            return None
        # Pages open to all (the sign-in page, health probes) stay open; the API (open to its own 401) does not.
        if getattr(view_func, "login_required", True) is False and not request.path.startswith("/api/"):
            return None
        state = request.session.get(twofactor.STATE)
        if state is None:  # a session from before sign-in kept the state (or from before this check existed)
            state = twofactor.remember_state(request, user)
        if state == twofactor.FREE:
            return None
        match = getattr(request, "resolver_match", None)
        if match is not None and match.view_name in self.ALLOWED.get(state, ()):
            request.second_factor_owed = True  # its pages ask the device's scripts for nothing of the person's
            return None
        if state == twofactor.OWED:
            device = twofactor.remembered_device(request, user)
            if device is not None:
                twofactor.sign_in_with(request, device, how="given by a remembered browser")
                return None
            return self._send_to("two-factor-verify", request)
        return self._send_to("two-factor-setup", request)

    def _send_to(self, name, request):
        # A script's request (the API; the device's offline data, which asks for JSON) is told, not redirected: a
        # redirect would draw the set-up page for it, and each drawing of that page makes a new authenticator key.
        if from_a_script(request):
            return JsonResponse({"detail": str(SECOND_FACTOR_OWED)}, status=403)
        return HttpResponseRedirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Django's default-deny, which answers a script's request 401 instead of sending it to the sign-in page.

    Followed by a script, that redirect would draw the sign-in page for nobody, and each drawing of it for a browser
    without a CSRF cookie sets a new one: a device's background request, ending after a sign-out, would replace the
    cookie of the sign-in page the person has just opened, and their sign-in would fail ("CSRF verification failed").
    """

    def handle_no_permission(self, request, view_func):
        if from_a_script(request):
            response = JsonResponse({"detail": str(SIGN_IN_FIRST)}, status=401)
            response["WWW-Authenticate"] = 'Session realm="cmcoord"'
            return response
        return super().handle_no_permission(request, view_func)


class SessionSeenMiddleware:
    """Keeps "last seen" of the user's signed-in sessions (:mod:`.sessions`), at most every few minutes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and getattr(request, "api_token", None) is None:
            sessions.seen(request)
        return self.get_response(request)
