"""The pages of two-factor sign-in (:mod:`.twofactor`): the second step, setting up an authenticator or a passkey
(:mod:`.passkeys`), recovery codes, removing them. Each reads and writes only the signed-in user's own devices."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from cmcoord.core.inputs import StrictInputMixin

from . import twofactor
from .views import signed_in_recently

CODES_SHOWN_ONCE = "two_factor_codes_shown_once"


class CodeForm(StrictInputMixin, forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        help_text=gettext_lazy("The six digits your authenticator app shows now, or one of your recovery codes."),
    )


class VerifyForm(CodeForm):
    remember = forms.BooleanField(
        label=gettext_lazy("Remember this browser for 30 days"),
        required=False,
        # Shown above the page's two ways (a passkey, a code) and sent with either: the code's form, or the script.
        widget=forms.CheckboxInput(attrs={"form": "two-factor-code-form"}),
        help_text=gettext_lazy("Only on a device nobody else uses."),
    )


class PasskeyNameForm(StrictInputMixin, forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=64,
        required=False,
        help_text=gettext_lazy("So you recognise it later: “Work laptop”, “Blue security key”."),
    )


def next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("home")


def fresh_or_confirm(request):
    """None if the password was given in the last minutes, else the redirect that asks for it again (then back to
    the page, or for a form's post to the two-factor page, where the user asks again)."""
    if signed_in_recently(request):
        return None
    back = request.get_full_path() if request.method == "GET" else reverse("two-factor")
    return HttpResponseRedirect(f"{reverse('confirm-password')}?{urlencode({'next': back})}")


def remember_browser(response, user, device) -> None:
    """The "remember this browser" cookie, naming the user and the device that gave the second factor."""
    response.set_cookie(
        twofactor.REMEMBER_COOKIE,
        twofactor.remember_value(user, device),
        max_age=settings.CMCOORD_TWO_FACTOR_REMEMBER_DAYS * 24 * 3600,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


class TwoFactorVerifyView(generic.FormView):
    """The second step of signing in."""

    form_class = VerifyForm
    template_name = "registration/two_factor_verify.html"

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not TOTPDevice.objects.filter(user=self.request.user, confirmed=True).exists():
            form.fields["code"].help_text = gettext_lazy("One of your recovery codes, if your passkey is not at hand.")
        return form

    def get_context_data(self, **kwargs):
        user = self.request.user
        return {
            **super().get_context_data(**kwargs),
            "next": next_url(self.request),
            "has_passkey": twofactor.passkeys(user).exists(),
        }

    def form_valid(self, form):
        user = self.request.user
        device = twofactor.verify(user, form.cleaned_data["code"])
        if device is None:
            twofactor.log(self.request, "refused (code)", user)
            form.add_error("code", _("This code is not right, or it has been used. Try the current one."))
            return self.form_invalid(form)
        twofactor.sign_in_with(self.request, device)
        response = HttpResponseRedirect(next_url(self.request))
        if form.cleaned_data["remember"]:
            remember_browser(response, user, device)
        return response


class TwoFactorView(generic.TemplateView):
    """The user's second factors: what they have, and setting up, renewing or removing them."""

    template_name = "registration/two_factor.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        found = twofactor.devices(user)
        context["authenticators"] = [device for device in found if isinstance(device, TOTPDevice)]
        context["passkeys"] = twofactor.passkeys(user)
        context["is_on"] = twofactor.has_second_factor(user)
        recovery = next((device for device in found if isinstance(device, StaticDevice)), None)
        context["recovery_left"] = recovery.token_set.count() if recovery is not None else 0
        context["required"] = twofactor.must_use_second_factor(user)
        context["codes"] = self.request.session.pop(CODES_SHOWN_ONCE, None)
        return context


class TwoFactorSetupView(generic.FormView):
    """An authenticator app: its QR code and key, then a code from it to confirm; recovery codes shown once."""

    form_class = CodeForm
    template_name = "registration/two_factor_setup.html"

    def dispatch(self, request, *args, **kwargs):
        refusal = fresh_or_confirm(request)
        return refusal or super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        device = twofactor.pending_totp_device(user)
        if device is None or self.request.method == "GET":
            device = twofactor.new_totp_device(user)
        context["qr_code"] = twofactor.qr_code(device)
        context["key"] = twofactor.readable_key(device)
        context["next"] = next_url(self.request)
        context["has_authenticator"] = any(isinstance(found, TOTPDevice) for found in twofactor.devices(user))
        context["passkeys"] = twofactor.passkeys(user)
        context["name_form"] = PasskeyNameForm()
        return context

    def form_valid(self, form):
        user = self.request.user
        device = twofactor.pending_totp_device(user)
        if device is None or not twofactor.confirm_totp(device, form.cleaned_data["code"]):
            form.add_error("code", _("This code does not match: check the app's clock and type the current code."))
            return self.form_invalid(form)
        twofactor.sign_in_with(self.request, device, how="authenticator added")
        self.request.session[twofactor.STATE] = twofactor.OWED
        self.request.session[CODES_SHOWN_ONCE] = twofactor.recovery_codes(user)
        messages.success(self.request, _("Two-factor sign-in is on: you will be asked for a code after your password."))
        return HttpResponseRedirect(reverse("two-factor"))


class RecoveryCodesView(generic.View):
    """POST: new recovery codes (the old ones stop working), shown once."""

    http_method_names = ["post"]

    def post(self, request):
        refusal = fresh_or_confirm(request)
        if refusal is not None:
            return refusal
        if twofactor.has_second_factor(request.user):
            request.session[CODES_SHOWN_ONCE] = twofactor.recovery_codes(request.user)
        return HttpResponseRedirect(reverse("two-factor"))


class TwoFactorRemoveView(generic.View):
    """POST: remove every second factor (remembered browsers are forgotten with them)."""

    http_method_names = ["post"]

    def post(self, request):
        refusal = fresh_or_confirm(request)
        if refusal is not None:
            return refusal
        twofactor.remove_devices(request.user)
        twofactor.log(request, "all removed", request.user)
        twofactor.remember_state(request, request.user)
        messages.success(request, _("Two-factor sign-in is off for your account."))
        return HttpResponseRedirect(reverse("two-factor"))
