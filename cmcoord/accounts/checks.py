"""System checks of the passkeys' relying party: a mistake here is silent until a user's browser refuses to make or
use a passkey, so ``manage.py check`` (and the deployment's start) says it first."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


@register(Tags.security)
def relying_party(app_configs, **kwargs):
    rp_id = settings.OTP_WEBAUTHN_RP_ID or ""
    errors = []
    if not rp_id or _is_ip(rp_id):
        errors.append(
            Error(
                f"The passkeys' relying party {rp_id!r} is not a host name.",
                hint="Browsers accept passkeys for a domain name only: set WEBAUTHN_RP_ID, or WEBAUTHN_ORIGINS to "
                "the address users open (https://cmcoord.example.org; http://localhost:8000 in development).",
                id="accounts.E001",
            )
        )
        return errors
    for origin in settings.OTP_WEBAUTHN_ALLOWED_ORIGINS:
        host = urlsplit(origin).hostname or ""
        if host != rp_id and not host.endswith(f".{rp_id}"):
            errors.append(
                Error(
                    f"The passkey origin {origin!r} is not within the relying party {rp_id!r}.",
                    hint="Each of WEBAUTHN_ORIGINS must be at WEBAUTHN_RP_ID or one of its subdomains.",
                    id="accounts.E002",
                )
            )
    return errors
