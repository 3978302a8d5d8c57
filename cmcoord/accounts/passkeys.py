"""Passkeys and security keys as a second factor (django-otp-webauthn), beside the authenticator app.

The library's four JSON views (begin and complete, to register and to sign in), narrowed to what two-factor sign-in
needs: registering asks for a fresh sign-in, as setting up an authenticator does; signing in with a passkey is only
ever the second step after the password (``OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN`` is off) and marks the session as a
TOTP code does (:func:`~cmcoord.accounts.twofactor.sign_in_with`); a passkey that just failed waits before its next
try (django-otp's throttling, :class:`~cmcoord.accounts.models.Passkey`). The pages around them (naming a new passkey,
remembering the browser, removing one) are ordinary form posts, and each reads only the user's own passkeys.

The library's JavaScript (its own static files, served by WhiteNoise like ours: no CDN) drives the browser's
WebAuthn calls; ``static/js/passkeys.js`` then posts the page's form (the name, or "remember this browser").
"""

from __future__ import annotations

import json
from datetime import timedelta

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn import exceptions
from django_otp_webauthn import views as library
from django_otp_webauthn.helpers import WebAuthnHelper
from webauthn.helpers import parse_authentication_credential_json

from . import twofactor
from .mfa_views import CODES_SHOWN_ONCE, PasskeyNameForm, fresh_or_confirm, next_url, remember_browser
from .models import Passkey
from .views import signed_in_recently

# How soon after a passkey was used its page may ask to remember the browser through it.
REMEMBER_WITHIN = timedelta(minutes=5)


class FreshSignInNeeded(exceptions.OTPWebAuthnApiError):
    status_code = 403
    default_detail = gettext_lazy("For your security, confirm your password again: reload this page.")
    default_code = "fresh_sign_in_needed"


class Throttled(exceptions.OTPWebAuthnApiError):
    status_code = 429
    default_detail = gettext_lazy("This passkey failed a moment ago: wait a few seconds and try again.")
    default_code = "throttled"


class PasskeyHelper(WebAuthnHelper):
    """The library's helper with a default name for a new passkey and django-otp's throttling on its use."""

    def create_credential(self, user, response, parsed_credential, original_data):
        device = super().create_credential(user, response, parsed_credential, original_data)
        number = Passkey.objects.filter(user=user).count() + 1
        device.name = _("Passkey %(number)d") % {"number": number}
        return device

    def authenticate_complete(self, user, state, data):
        credential = parse_authentication_credential_json(data)
        sha256 = Passkey.get_credential_id_sha256(credential.raw_id)
        device = Passkey.objects.filter(credential_id_sha256=sha256, user=user).first() if user else None
        if device is None:  # unknown, or another user's: the library refuses it
            return super().authenticate_complete(user, state, data)
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            raise Throttled()
        try:
            device = super().authenticate_complete(user, state, data)
        except Exception:
            device.throttle_increment()
            raise
        device.throttle_reset(commit=False)
        device.save(update_fields=["throttling_failure_timestamp", "throttling_failure_count"])
        return device


class FreshRegistrationMixin:
    def check_can_register(self):
        if not signed_in_recently(self.request):
            raise FreshSignInNeeded()


class BeginRegistrationView(FreshRegistrationMixin, library.BeginCredentialRegistrationView):
    pass


class CompleteRegistrationView(FreshRegistrationMixin, library.CompleteCredentialRegistrationView):
    """The library's registration, then what a new second factor brings: the session's state, recovery codes."""

    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        device = Passkey.objects.get(pk=json.loads(response.content)["id"], user=self.request.user)
        codes = twofactor.passkey_added(self.request, device)
        if codes is not None:
            self.request.session[CODES_SHOWN_ONCE] = codes
        return response


class BeginAuthenticationView(library.BeginCredentialAuthenticationView):
    pass


class CompleteAuthenticationView(library.CompleteCredentialAuthenticationView):
    """The second step with a passkey: the session is marked as with a code; the page's form goes on from there."""

    def complete_auth(self, device):
        if not self.request.user.is_authenticated or device.user_id != self.request.user.pk:
            raise exceptions.NotAuthenticated()
        twofactor.sign_in_with(self.request, device)

    def get_success_data(self, device):
        # No address to go to: the page posts its own form next (remember this browser, then where the user was going).
        return {"id": device.pk}

    def handle_exception(self, exc):
        if self.request.user.is_authenticated:
            twofactor.log(self.request, f"refused ({getattr(exc, 'code', 'error')})", self.request.user)
        return super().handle_exception(exc)


# The library's address names (its template tags and scripts read them), served by the views above.
library_urlpatterns = (
    [
        path("registration/begin/", BeginRegistrationView.as_view(), name="credential-registration-begin"),
        path("registration/complete/", CompleteRegistrationView.as_view(), name="credential-registration-complete"),
        path("authentication/begin/", BeginAuthenticationView.as_view(), name="credential-authentication-begin"),
        path(
            "authentication/complete/",
            CompleteAuthenticationView.as_view(),
            name="credential-authentication-complete",
        ),
        path("jsi18n/", JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]), name="js-i18n-catalog"),
    ],
    "otp_webauthn",
)

# --- The pages' forms -------------------------------------------------------------------------------------------


def _own_passkey(request, pk) -> Passkey:
    return get_object_or_404(twofactor.passkeys(request.user), pk=pk)


class PasskeyNameView(generic.View):
    """POST: the name of one of the user's passkeys (given right after registering it), then the two-factor page."""

    http_method_names = ["post"]

    def post(self, request, pk):
        device = _own_passkey(request, pk)
        form = PasskeyNameForm(request.POST)
        if not form.is_valid():
            error = next(iter(form.errors.get("name", [])), "")
            messages.warning(request, _("The name was not kept: %(error)s") % {"error": error})
        elif form.cleaned_data["name"].strip():
            device.name = form.cleaned_data["name"].strip()
            device.save(update_fields=["name"])
        messages.success(request, _("Passkey “%(name)s” added.") % {"name": device.name})
        return HttpResponseRedirect(reverse("two-factor"))


class PasskeyRemoveView(generic.View):
    """POST: remove one of the user's passkeys, after a fresh sign-in."""

    http_method_names = ["post"]

    def post(self, request, pk):
        device = _own_passkey(request, pk)
        refusal = fresh_or_confirm(request)
        if refusal is not None:
            return refusal
        twofactor.remove_passkey(request, device)
        messages.success(request, _("Passkey “%(name)s” removed.") % {"name": device.name})
        return HttpResponseRedirect(reverse("two-factor"))


class PasskeySignedInView(generic.View):
    """POST, right after the second step with a passkey: remember this browser if asked, then where the user was
    going (the same choice and cookie as with a code)."""

    http_method_names = ["post"]

    def post(self, request):
        response = HttpResponseRedirect(next_url(request))
        device = getattr(request.user, "otp_device", None)
        recent = timezone.now() - REMEMBER_WITHIN
        if (
            request.POST.get("remember") == "on"
            and isinstance(device, Passkey)
            and device.last_used_at is not None
            and device.last_used_at >= recent
        ):
            remember_browser(response, request.user, device)
        return response
