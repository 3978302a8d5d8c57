"""Sign-in with brute-force protection (django-axes); the rest of authentication is Django's own views."""

import time
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import user_logged_in
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.dispatch import receiver
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import generic
from django.views.decorators.debug import sensitive_post_parameters

from cmcoord.core import language
from cmcoord.core.access import Action
from cmcoord.core.views import ScopedView
from cmcoord.operations.models import CountryOperation

from . import sessions, tokens, twofactor
from .forms import ApiTokenForm, ConfirmPasswordForm, SignInForm
from .models import AccountPreferences, ApiToken


@method_decorator(sensitive_post_parameters("password"), name="dispatch")
class SignInView(auth_views.LoginView):
    form_class = SignInForm
    redirect_authenticated_user = True


@login_not_required
def locked_out(request, credentials=None, *args, **kwargs):
    """django-axes' lockout answer: 429 with a page that says what happened and when to try again."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/lockout.html", {"cooloff_minutes": minutes}, status=429)


# --- Fresh sign-in ----------------------------------------------------------------------------------------------

SIGNED_IN_AT = "signed_in_at"  # in the session: when the password was last given (epoch seconds)
FRESH = timedelta(minutes=15)


@receiver(user_logged_in)
def remember_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = int(time.time())


def signed_in_recently(request) -> bool:
    at = request.session.get(SIGNED_IN_AT)
    return isinstance(at, int) and time.time() - at < FRESH.total_seconds()


@method_decorator(sensitive_post_parameters("password"), name="dispatch")
class ConfirmPasswordView(generic.FormView):
    """The password again (a fresh sign-in), then back to where the user was going."""

    form_class = ConfirmPasswordForm
    template_name = "registration/confirm_password.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        self.request.session[SIGNED_IN_AT] = int(time.time())
        target = self.request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(target, {self.request.get_host()}, self.request.is_secure()):
            target = reverse("api-tokens")
        return HttpResponseRedirect(target)


# --- Personal API tokens ----------------------------------------------------------------------------------------


SHOWN_ONCE = "api_token_shown_once"  # in the session, from the token's creation to the page that shows it once


def _own_tokens(user):
    return ApiToken.objects.filter(user=user).select_related("revoked_by")


def _reachable_operations(user):
    """The operations a token of ``user`` may be narrowed to: those they have a standing in."""
    return CountryOperation.objects.restrict(user, Action.VIEW).order_by("name")


class ApiTokenListView(ScopedView, generic.TemplateView):
    """The user's tokens (never their secrets), a form for a new one, and revocation."""

    template_name = "registration/api_tokens.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        operations = list(_reachable_operations(self.request.user))
        context.setdefault("form", ApiTokenForm(operations=operations))
        context["tokens"] = _own_tokens(self.request.user)
        context["operation_names"] = {operation.pk: operation.name for operation in operations}
        context["fresh"] = signed_in_recently(self.request)
        shown = self.request.session.pop(SHOWN_ONCE, None)
        if shown is not None:
            context["created"] = next((token for token in context["tokens"] if token.pk == shown["pk"]), None)
            context["secret"] = shown["secret"] if context["created"] is not None else None
        return context

    def post(self, request, *args, **kwargs):
        if not signed_in_recently(request):
            return HttpResponseRedirect(f"{reverse('confirm-password')}?next={reverse('api-tokens')}")
        form = ApiTokenForm(request.POST, operations=list(_reachable_operations(request.user)))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        whole, key_id, digest = tokens.new_token()
        token = ApiToken.objects.create(
            user=request.user,
            name=form.cleaned_data["name"],
            key_id=key_id,
            digest=digest,
            can_write=form.cleaned_data["can_write"],
            operation_ids=sorted(form.cleaned_data["operations"]),
            allowed_ips=form.cleaned_data["allowed_ips"],
            expires_at=timezone.now() + timedelta(days=form.cleaned_data["days"]),
        )
        # Shown once: kept in the session only until the next page shows it (no second token on a reload).
        request.session[SHOWN_ONCE] = {"pk": token.pk, "secret": whole}
        return HttpResponseRedirect(reverse("api-tokens"))


class ApiTokenRevokeView(generic.View):
    http_method_names = ["post"]

    def post(self, request, pk):
        token = get_object_or_404(_own_tokens(request.user), pk=pk)
        token.revoke(by=request.user)
        messages.success(request, _("Token “%(name)s” revoked: it no longer opens anything.") % {"name": token.name})
        return HttpResponseRedirect(reverse("api-tokens"))


# --- Signed-in sessions -----------------------------------------------------------------------------------------


class SessionListView(generic.TemplateView):
    """Where the user is signed in; end one session, or every one but this."""

    template_name = "registration/sessions.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sessions"] = sessions.live_sessions(self.request.user)
        context["current"] = self.request.session.session_key
        return context

    def post(self, request):
        mine = sessions.live_sessions(request.user).values_list("session_key", flat=True)
        if request.POST.get("end") == "others":
            keys = [key for key in mine if key != request.session.session_key]
        else:
            keys = [key for key in mine if key == request.POST.get("end") and key != request.session.session_key]
        count = sessions.end(request.user, keys)
        messages.success(
            request, ngettext("%(count)d session ended.", "%(count)d sessions ended.", count) % {"count": count}
        )
        return HttpResponseRedirect(reverse("sessions"))


# --- Language -------------------------------------------------------------------------------------------------


@receiver(user_logged_in)
def use_preferred_language(sender, request, user, **kwargs):
    """The account's language, read once at sign-in and kept in the session (cmcoord.core.language)."""
    if request is None or not hasattr(request, "session"):
        return
    chosen = AccountPreferences.objects.filter(user=user).values_list("language", flat=True).first()
    if chosen:
        request.session[language.SESSION_KEY] = chosen


def _fully_signed_in(request) -> bool:
    """Signed in, and owing no second factor: a session that gave only its password changes nothing of the account
    (its choice of language still holds in this browser, by the cookie)."""
    user = request.user
    if not user.is_authenticated:
        return False
    return user.is_verified() or request.session.get(twofactor.STATE) == twofactor.FREE


@method_decorator(login_not_required, name="dispatch")
class SetLanguageView(generic.View):
    """The language switcher (top bar of every page, the sign-in page included): the choice is kept in a cookie
    for this browser and, for a signed-in user, saved with the account, then the same page is shown again.

    Reads no operation's data, only the user's own preferences (like the sign-in pages).
    """

    http_method_names = ["post"]

    def post(self, request):
        code = language.supported(request.POST.get("language"))
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(back, {request.get_host()}, require_https=request.is_secure()):
            back = reverse("home")
        response = HttpResponseRedirect(back)
        if code is None or code not in dict(settings.LANGUAGES):
            return response
        if _fully_signed_in(request):
            AccountPreferences.objects.update_or_create(user=request.user, defaults={"language": code})
            request.session[language.SESSION_KEY] = code
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        return response
