"""Structural guards over every URL of the product.

1. No view is reachable without going through the access module: each is a ``ScopedView`` (its reads go
   through ``restrict`` and its operation through ``can``) or an API route on ``ScopedReadOnlyViewSet`` or, for an
   action route (a task's status, a follow-up turned into a task …), on ``WriteActions``, whose record is read
   through ``restrict`` and changed only where the policy lets the user change it; the only exceptions are the
   sign-in pages and the health check, listed here by name, and the site administration,
   whose every model page must go through the policy's admin mixin (``cmcoord.core.admin``).
2. No view that writes can be opened with read-only standing in an operation.
"""

from django.urls import URLPattern, URLResolver, get_resolver
from django.views.generic.edit import ModelFormMixin, ProcessFormView

from cmcoord.core.access import Action
from cmcoord.core.admin import PolicyAdminMixin
from cmcoord.core.api import ScopedReadOnlyViewSet
from cmcoord.core.views import OperationMixin, ScopedView
from cmcoord.records.api import WriteActions

# Views that read no operation's data. Anything else must go through the access module.
OUTSIDE_ACCESS = {
    "login", "logout", "password_change", "password_change_done", "password_reset", "password_reset_done",
    "password_reset_confirm", "password_reset_complete", "healthz", "readyz", "health", "api-schema", "api-root",
    "confirm-password", "api-token-revoke",  # the user's own password and tokens (cmcoord.accounts)
    "set-language",  # the language switcher: the user's own preference
    "api-not-found",  # the API's 404 for an address it does not have: it reads nothing
    "manifest", "service-worker", "offline", "stored-on-device",  # the installable app's shell: no record in them
    "sessions", "two-factor", "two-factor-verify", "two-factor-setup", "two-factor-recovery", "two-factor-remove",
    "two-factor-passkey-signed-in", "two-factor-passkey-name", "two-factor-passkey-remove",  # the user's own passkeys
    "credential-registration-begin", "credential-registration-complete", "credential-authentication-begin",
    "credential-authentication-complete", "js-i18n-catalog",  # django-otp-webauthn's, narrowed (accounts.passkeys)
}  # fmt: skip


def _routes(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), f"{namespace}{pattern.name or ''}", pattern.callback


def _view_class(callback):
    return getattr(callback, "view_class", None) or getattr(callback, "cls", None)


def test_every_view_goes_through_the_access_module():
    checked, outside, admin_checked = [], [], []
    for route, name, callback in _routes(get_resolver().url_patterns):
        if name.startswith("admin:"):
            # The site administration: superusers only, and every model's pages read through the policy.
            model_admin = getattr(callback, "model_admin", None)
            if model_admin is not None:
                assert isinstance(model_admin, PolicyAdminMixin), (route, name)
                admin_checked.append(route)
            continue
        view = _view_class(callback)
        if name.split(":")[-1] in OUTSIDE_ACCESS:
            outside.append(name)
            continue
        scoped = (ScopedView, ScopedReadOnlyViewSet, WriteActions)
        assert view is not None and issubclass(view, scoped), (route, name, callback)
        checked.append(route)
    assert len(checked) >= 30  # the walk really found the product's pages
    assert len(admin_checked) >= 150  # ... and every registered model's administration pages
    assert {name.split(":")[-1] for name in outside} <= OUTSIDE_ACCESS


def test_every_operation_form_view_needs_more_than_read_access():
    checked = []
    for route, _name, callback in _routes(get_resolver().url_patterns):
        view = _view_class(callback)
        if view and issubclass(view, OperationMixin) and issubclass(view, (ModelFormMixin, ProcessFormView)):
            assert getattr(view, "operation_action", Action.VIEW) != Action.VIEW, route
            checked.append(route)
    assert len(checked) >= 10


def test_every_post_only_operation_view_needs_more_than_read_access():
    for route, _name, callback in _routes(get_resolver().url_patterns):
        view = _view_class(callback)
        if view and issubclass(view, OperationMixin) and getattr(view, "http_method_names", None) == ["post"]:
            assert getattr(view, "operation_action", Action.VIEW) != Action.VIEW, route


def test_every_paginated_list_shows_its_last_page_for_a_page_past_the_end():
    """A list that paginates takes ``LastPageMixin``: ``?page=99`` of a list that has shrunk still shows it."""
    from django.views.generic.list import MultipleObjectMixin

    from cmcoord.core.views import LastPageMixin

    paginated = []
    for route, _name, callback in _routes(get_resolver().url_patterns):
        view = _view_class(callback)
        if view and issubclass(view, MultipleObjectMixin) and view.paginate_by:
            assert issubclass(view, LastPageMixin), route
            assert view.__mro__.index(LastPageMixin) < view.__mro__.index(MultipleObjectMixin), route
            paginated.append(route)
    assert len(paginated) >= 3  # the task list, my tasks, the actor list
