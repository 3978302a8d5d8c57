"""Personal API tokens (see :mod:`.tokens`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import ThrottlingMixin
from django_otp_webauthn.models import AbstractWebAuthnAttestation, AbstractWebAuthnCredential

MAX_DAYS = 365
DEFAULT_DAYS = 90


class ApiTokenQuerySet(models.QuerySet):
    def usable(self):
        """Not revoked, not expired, their owner still active."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now(), user__is_active=True)


class ApiToken(models.Model):
    """One personal token of one user: shown once when created, stored as a key id and a keyed hash."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("owner")
    )
    name = models.CharField(_("name"), max_length=80, help_text=_("What uses it: “Power BI weekly report”."))
    key_id = models.CharField(_("key id"), max_length=16, unique=True, editable=False)
    digest = models.CharField(_("keyed hash"), max_length=64, editable=False)
    can_write = models.BooleanField(_("may write"), default=False)
    # The operations it may reach (their ids), a subset of the owner's; empty: all of the owner's. A list, so that
    # checking a token stays one query.
    operation_ids = models.JSONField(_("operations"), default=list, blank=True)
    allowed_ips = models.TextField(
        _("IP ranges"), blank=True, help_text=_("Addresses or ranges it may be used from, one per line; empty: any.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.key_id})"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and not self.is_expired

    def revoke(self, by) -> None:
        if self.revoked_at is None:
            self.revoked_at, self.revoked_by = timezone.now(), by
            self.save(update_fields=["revoked_at", "revoked_by"])


class SignedInSession(models.Model):
    """One browser session of a user (:mod:`.sessions`): where and when it signed in, when it was last seen."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signed_in_sessions", verbose_name=_("user")
    )
    session_key = models.CharField(_("session"), max_length=40, unique=True)
    signed_in_at = models.DateTimeField(_("signed in"), auto_now_add=True)
    last_seen_at = models.DateTimeField(_("last seen"), default=timezone.now)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    browser = models.CharField(_("browser"), max_length=200, blank=True)

    class Meta:
        ordering = ["-last_seen_at", "-pk"]
        verbose_name = _("signed-in session")
        verbose_name_plural = _("signed-in sessions")

    def __str__(self):
        return f"{self.user_id} {self.signed_in_at:%Y-%m-%d %H:%M}"


# --- Passkeys and security keys (two-factor sign-in, :mod:`.twofactor`) ----------------------------------------
# django-otp-webauthn's own models, with django-otp's throttling added: after a failed use, the next try of that
# passkey waits 1, 2, 4 … seconds, as an authenticator app's codes do. Only a public key is stored: nothing here signs
# in by itself.


class Passkey(ThrottlingMixin, AbstractWebAuthnCredential):
    """A passkey or security key of one user (a django-otp device): its public key and the name its owner gave it."""

    class Meta(AbstractWebAuthnCredential.Meta):
        verbose_name = _("passkey")
        verbose_name_plural = _("passkeys")

    def get_throttle_factor(self):
        return settings.OTP_WEBAUTHN_THROTTLE_FACTOR


class PasskeyAttestation(AbstractWebAuthnAttestation):
    """What the authenticator said of itself when the passkey was registered (kept as the library keeps it)."""

    credential = models.OneToOneField(
        Passkey, on_delete=models.CASCADE, related_name="attestation", editable=False, verbose_name=_("passkey")
    )

    class Meta(AbstractWebAuthnAttestation.Meta):
        verbose_name = _("passkey attestation")
        verbose_name_plural = _("passkey attestations")


class AccountPreferences(models.Model):
    """What a user chose for themselves and keeps from one browser to the next: the language of the product.

    Django's user has no room for it; one row per user who chose, read once at sign-in (into the session).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="preferences",
        verbose_name=_("user"),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language of the product for this account, on every browser; empty: the browser's."),
    )

    class Meta:
        verbose_name = _("account preferences")
        verbose_name_plural = _("account preferences")

    def __str__(self):
        return str(self.user)
