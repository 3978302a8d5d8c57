"""Two-factor sign-in: after the password, a passkey or security key (WebAuthn), a code from an authenticator app
(TOTP) or a single-use recovery code.

Built on django-otp, which keeps the product's own sign-in (its form, its lockout by django-axes, its pages) and adds
the second step after it; django-allauth's MFA would have replaced the whole sign-in flow with its own.

- Who must: with ``CMCOORD_TWO_FACTOR_REQUIRED`` on (production's default), heads of office, HQ readers and site
  administrators, who reach the most; everyone may.
- A session that gave its password but not its code reaches only the second step, its set-up and signing out.
- A browser may be remembered for ``CMCOORD_TWO_FACTOR_REMEMBER_DAYS``: a signed cookie naming the user and the
  device, so removing the device (or all of them) forgets every browser.
- Passkeys (:mod:`.passkeys`, django-otp-webauthn) are django-otp devices like the others: one counts as a second
  factor, gives the same session state and may be remembered the same way. Recovery codes alone do not count: they
  are made with the first authenticator or passkey and removed with the last.
- Each second factor given or refused, added or removed is logged (``cmcoord.accounts.twofactor``): who, which kind
  of device, from where; never a code or a key.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import user_logged_in
from django.core import signing
from django.db import transaction
from django.dispatch import receiver
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from cmcoord.core.choices import Role
from cmcoord.operations.models import HeadquartersAccess, Membership

from .models import Passkey

audit = logging.getLogger(__name__)

RECOVERY_CODES = 10
# What a session owes, decided at sign-in and kept in the session, so that a page costs no query to check it.
STATE = "two_factor"
FREE = "free"  # no second factor, none required
OWED = "owed"  # a second factor exists: give it (or be a remembered browser)
SET_UP = "set-up"  # required and missing: set one up
REMEMBER_COOKIE = "cmcoord_2fa_browser"
_REMEMBER_SALT = "cmcoord.accounts.twofactor.remember"


def devices(user) -> list:
    """The user's confirmed second factors."""
    return list(devices_for_user(user, confirmed=True))


def has_second_factor(user) -> bool:
    """Whether ``user`` has an authenticator app or a passkey (recovery codes alone are no second factor)."""
    return any(not isinstance(device, StaticDevice) for device in devices(user))


def passkeys(user):
    """The user's passkeys and security keys, oldest first."""
    return Passkey.objects.filter(user=user, confirmed=True).order_by("created_at", "pk")


def kind(device) -> str:
    """What a device is, for the log: ``passkey``, ``authenticator`` or ``recovery-code``."""
    if isinstance(device, Passkey):
        return "passkey"
    return "recovery-code" if isinstance(device, StaticDevice) else "authenticator"


def log(request, event: str, user, device=None) -> None:
    """One line of the two-factor log: the event, whose account, which device (its kind and id), from where, and who
    did it when not the account's owner (a site administrator removing a passkey)."""
    by = getattr(request, "user", None)
    audit.info(
        "two-factor %s: user=%s device=%s address=%s%s",
        event,
        user.pk,
        f"{kind(device)}#{device.pk}" if device is not None else "-",
        request.META.get("REMOTE_ADDR", "-") if request is not None else "-",
        f" by={by.pk}" if by is not None and by.is_authenticated and by.pk != user.pk else "",
    )


def must_use_second_factor(user) -> bool:
    """Whether the deployment requires a second factor of ``user``: heads of office, HQ readers, administrators."""
    if not settings.CMCOORD_TWO_FACTOR_REQUIRED:
        return False
    if user.is_superuser or user.is_staff:
        return True
    if Membership.objects.filter(user=user, role=Role.HEAD).exists():
        return True
    return HeadquartersAccess.objects.filter(user=user).exists()


def state_of(user) -> str:
    if has_second_factor(user):
        return OWED
    return SET_UP if must_use_second_factor(user) else FREE


def remember_state(request, user) -> str:
    request.session[STATE] = state = state_of(user)
    return state


@receiver(user_logged_in)
def decide_at_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        remember_state(request, user)


def verify(user, code: str):
    """The device that accepts ``code`` (an authenticator's six digits, or a recovery code, used up), else None."""
    code = "".join(code.split())
    for device in devices(user):
        if device.verify_token(code):
            return device
    return None


@transaction.atomic
def recovery_codes(user) -> list[str]:
    """New single-use recovery codes for ``user`` (those before stop working): shown once."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name="recovery", defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def new_totp_device(user) -> TOTPDevice:
    """An authenticator not confirmed yet: it counts once a code from it has been typed (:func:`confirm_totp`)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def pending_totp_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def confirm_totp(device: TOTPDevice, code: str) -> bool:
    if not device.verify_token("".join(code.split())):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


def qr_code(device: TOTPDevice) -> str:
    """The device's ``otpauth://`` address as an SVG data URI (for ``<img src>``: the pages allow ``data:``)."""
    import segno

    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def readable_key(device: TOTPDevice) -> str:
    """The device's key in base32 by groups of four, for an app that cannot read the QR code."""
    from base64 import b32encode

    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[index : index + 4] for index in range(0, len(key), 4))


def remove_devices(user) -> None:
    """Every second factor of ``user`` (authenticators, passkeys, recovery codes): every remembered browser is
    forgotten."""
    for device in devices_for_user(user, confirmed=None):
        device.delete()


def passkey_added(request, device: Passkey) -> list[str] | None:
    """After a passkey's registration: the session owes (and has given) a second factor; recovery codes are made
    if the user had none (returned, to be shown once), else kept."""
    user = device.user
    request.session[STATE] = OWED
    log(request, "passkey added", user, device)
    recovery = StaticDevice.objects.filter(user=user, name="recovery", confirmed=True).first()
    if recovery is None or not recovery.token_set.exists():
        return recovery_codes(user)
    return None


@transaction.atomic
def remove_passkey(request, device: Passkey) -> None:
    """Remove one passkey (browsers remembered through it are forgotten). With it the last second factor, the
    recovery codes go too, and the session's state is decided again (required roles: set one up again)."""
    user = device.user
    log(request, "passkey removed", user, device)
    device.delete()
    if not has_second_factor(user):
        StaticDevice.objects.filter(user=user).delete()
    if request is not None and request.user == user:
        remember_state(request, user)


# --- Remembered browsers ----------------------------------------------------------------------------------------


def remember_value(user, device) -> str:
    return signing.dumps({"u": user.pk, "d": device.persistent_id}, salt=_REMEMBER_SALT)


def remembered_device(request, user):
    """The device a valid "remember this browser" cookie names for ``user``, if it still exists."""
    raw = request.COOKIES.get(REMEMBER_COOKIE)
    if not raw:
        return None
    max_age = settings.CMCOORD_TWO_FACTOR_REMEMBER_DAYS * 24 * 3600
    try:
        value = signing.loads(raw, salt=_REMEMBER_SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    if not isinstance(value, dict) or value.get("u") != user.pk:
        return None
    return next((device for device in devices(user) if device.persistent_id == value.get("d")), None)


def sign_in_with(request, device, how: str = "given") -> None:
    """Mark the session as having given its second factor (``how``, for the log)."""
    otp_login(request, device)
    log(request, how, request.user, device)
