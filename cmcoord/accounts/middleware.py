"""The personal tokens' middleware: the token of an API or export request, checked once, before the sign-in
requirement (``LoginRequiredMiddleware``) looks at the request."""

from django.http import JsonResponse
from rest_framework import exceptions
from rest_framework.views import APIView

from .authentication import authenticate_token, token_from_header


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
