"""Personal API tokens: what a script, Power BI, Excel or the HXL Proxy sends in ``Authorization: Token …``.

A token reads ``cmc_<key id>_<secret>``. Only the key id (public, looked up through an index) and a keyed hash of
the secret (HMAC-SHA256 under a key derived from ``SECRET_KEY``) are stored, so a copy of the database opens no API.
Checking a token costs one query (the token with its owner) and a constant-time comparison.

A token never grants more than its owner's standing: it narrows the owner's access profile (read-only: no operation
may be changed through it; restricted: only the operations it names), and a standing the owner loses is lost by the
token the next request.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from dataclasses import replace

from django.conf import settings
from django.utils.crypto import salted_hmac

from cmcoord.core.access import AccessProfile

PREFIX = "cmc"
KEY_ID_BYTES = 9
KEY_ID_LENGTH = 12  # 9 bytes in URL-safe base64
SECRET_BYTES = 30  # 40 URL-safe characters
_SALT = "cmcoord.accounts.tokens"


def digest(secret: str) -> str:
    """The stored form of a token's secret: a keyed hash (the key derived from ``SECRET_KEY``)."""
    return salted_hmac(_SALT, secret, secret=settings.SECRET_KEY, algorithm="sha256").hexdigest()


def new_token() -> tuple[str, str, str]:
    """A fresh token: (the whole token, shown once; its key id; the digest of its secret)."""
    key_id = secrets.token_urlsafe(KEY_ID_BYTES)
    secret = secrets.token_urlsafe(SECRET_BYTES)
    return f"{PREFIX}_{key_id}_{secret}", key_id, digest(secret)


def split(raw: str) -> tuple[str, str] | None:
    """(key id, secret) of a token as sent, or None where it cannot be one of ours. The key id is of fixed length
    and may itself hold "_" (URL-safe base64)."""
    head = f"{PREFIX}_"
    if not raw.isascii() or len(raw) > 200 or not raw.startswith(head):
        return None
    rest = raw[len(head) :]
    key_id, separator, secret = rest[:KEY_ID_LENGTH], rest[KEY_ID_LENGTH : KEY_ID_LENGTH + 1], rest[KEY_ID_LENGTH + 1 :]
    if separator != "_" or len(key_id) != KEY_ID_LENGTH or not secret:
        return None
    return key_id, secret


def matches(secret: str, stored: str) -> bool:
    return hmac.compare_digest(digest(secret), stored)


def parse_networks(text: str) -> list:
    """The IP ranges typed one per line or separated by commas (``10.0.0.0/8``, ``2001:db8::/32``, one address)."""
    networks = []
    for part in text.replace(",", "\n").split():
        networks.append(ipaddress.ip_network(part.strip(), strict=False))
    return networks


def address_allowed(address: str, networks_text: str) -> bool:
    if not networks_text.strip():
        return True
    try:
        address = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(address in network for network in parse_networks(networks_text))


def narrowed(profile: AccessProfile, *, operation_ids: list[int], read_only: bool) -> AccessProfile:
    """``profile`` as a token may use it: only the operations it names (all where none), nothing changed if it
    is read-only (write actions need an operation in ``active``)."""
    if operation_ids:
        allowed = frozenset(operation_ids)
        profile = replace(
            profile,
            roles={pk: role for pk, role in profile.roles.items() if pk in allowed},
            active=profile.active & allowed,
            hq_all=False,
            hq_operations=allowed if profile.hq_all else profile.hq_operations & allowed,
            answers={},
        )
    if read_only:
        profile = replace(profile, active=frozenset(), answers={})
    return profile
