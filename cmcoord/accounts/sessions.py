"""A user's signed-in sessions: recorded at sign-in, seen at most every few minutes, ended from the account's page
(one, or all but this one). Ending one deletes it from the session store: that browser is signed out at once."""

from __future__ import annotations

from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.auth import user_logged_in, user_logged_out
from django.contrib.sessions.models import Session
from django.dispatch import receiver
from django.utils import timezone

from .models import SignedInSession

SEEN_EVERY = timedelta(minutes=5)  # how stale "last seen" may be: not a write per request
_SEEN = "session_seen_at"


def _store():
    return import_module(settings.SESSION_ENGINE).SessionStore


@receiver(user_logged_in)
def record_sign_in(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    if request.session.session_key is None:
        request.session.save()
    SignedInSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={
            "user": user,
            "address": request.META.get("REMOTE_ADDR") or None,
            "browser": request.META.get("HTTP_USER_AGENT", "")[:200],
            "last_seen_at": timezone.now(),
        },
    )
    request.session[_SEEN] = timezone.now().timestamp()


@receiver(user_logged_out)
def record_sign_out(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session") and request.session.session_key:
        SignedInSession.objects.filter(session_key=request.session.session_key).delete()


def seen(request) -> None:
    """Note that the session is in use, at most every ``SEEN_EVERY``."""
    now = timezone.now()
    last = request.session.get(_SEEN)
    if isinstance(last, int | float) and now.timestamp() - last < SEEN_EVERY.total_seconds():
        return
    request.session[_SEEN] = now.timestamp()
    if request.session.session_key:
        SignedInSession.objects.filter(session_key=request.session.session_key).update(last_seen_at=now)


def live_sessions(user):
    """The user's sessions that have not expired or ended."""
    alive = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    return SignedInSession.objects.filter(user=user, session_key__in=alive)


def end(user, keys) -> int:
    """End the user's sessions among ``keys``: deleted from the store (signed out) and from the list."""
    ended = list(
        SignedInSession.objects.filter(user=user, session_key__in=list(keys)).values_list("session_key", flat=True)
    )
    store = _store()
    for key in ended:
        store(session_key=key).delete()
    SignedInSession.objects.filter(user=user, session_key__in=ended).delete()
    return len(ended)
