"""Rate limits of the API: per token and per person, in the cache (Redis in production), 429 with Retry-After."""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class _Throttle(SimpleRateThrottle):
    def get_rate(self):
        # Read at each request, not once at import, so that a deployment's (or a test's) setting is followed.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class TokenRateThrottle(_Throttle):
    """Requests made with one token (by its key id, never the token)."""

    scope = "token"

    def get_cache_key(self, request, view):
        token = getattr(request._request, "api_token", None)
        return None if token is None else self.cache_format % {"scope": self.scope, "ident": token.key_id}


class PersonRateThrottle(_Throttle):
    """Requests of one signed-in person, whatever they come with (the browser, any of their tokens)."""

    scope = "person"

    def get_cache_key(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
