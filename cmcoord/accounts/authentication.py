"""``Authorization: Token cmc_…`` (or ``Bearer``) for the API and the exports; the browser keeps its session."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from cmcoord.core.access import access_for, use_profile

from . import tokens
from .models import ApiToken

KEYWORDS = ("token", "bearer")
# The last use is written at most this often per token: not a write per request.
LAST_USED_PRECISION = timedelta(minutes=1)
INVALID = _("Invalid, expired or revoked token.")


def token_from_header(header: str) -> str | None:
    """The token of an ``Authorization`` header, or None where the header is not a token's."""
    parts = header.split()
    if len(parts) != 2 or parts[0].lower() not in KEYWORDS:
        return None
    return parts[1]


def authenticate_token(raw: str, address: str):
    """(user, token) for a usable token sent from an allowed address; raise ``AuthenticationFailed`` otherwise.

    One query: the token with its owner. The owner's access profile is narrowed to what the token allows and kept
    on the user object, so every ``restrict`` of the request uses it.
    """
    parts = tokens.split(raw)
    if parts is None:
        raise exceptions.AuthenticationFailed(INVALID)
    key_id, secret = parts
    token = ApiToken.objects.usable().select_related("user").filter(key_id=key_id).first()
    if token is None or not tokens.matches(secret, token.digest):
        raise exceptions.AuthenticationFailed(INVALID)
    if not tokens.address_allowed(address, token.allowed_ips):
        raise exceptions.AuthenticationFailed(_("This token may not be used from this address."))
    user = token.user
    profile = tokens.narrowed(access_for(user), operation_ids=token.operation_ids, read_only=not token.can_write)
    use_profile(user, profile)
    user.api_token = token
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return user, token


class TokenAuthentication(authentication.BaseAuthentication):
    """DRF's side of the personal tokens, checked once by ``middleware.ApiTokenMiddleware``: a request that brought a
    valid token is the token's owner (no CSRF: no cookie is involved); one without falls through to the session."""

    def authenticate(self, request):
        token = getattr(request._request, "api_token", None)
        if token is None:
            return None
        return request._request.user, token

    def authenticate_header(self, request):
        return 'Token realm="api"'
