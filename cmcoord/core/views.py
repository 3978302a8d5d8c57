"""Shared generic view bases. Scoping, permission checks and the post-save scope re-check happen here, once.

A concrete view states its model, template, filterset or form and, where it lives under an operation,
the permission it needs there (``operation_permission``); it inherits the rest.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views import generic
from django.views.decorators.cache import never_cache
from django_countries import countries

from cmcoord.operations.access import Action, access_for
from cmcoord.operations.scoping import save_within_scope


class OperationPermission:
    """What a user must be able to do in the operation of the URL to use a view."""

    VIEW = "view"  # any standing in the operation (member of any role, or HQ reader)
    EDIT = "edit"  # officer or head of office, operation active
    MANAGE = "manage"  # head of office, operation active


def get_operation_or_404(user, code: str, action: Action = Action.VIEW):
    """The operation with ISO alpha-3 ``code`` if ``user`` may reach it; 404 otherwise (no hint that it exists)."""
    from cmcoord.operations.models import CountryOperation

    alpha2 = countries.alpha2(code.upper()) if code else ""
    return get_object_or_404(CountryOperation.objects.restrict(user, action), country=alpha2 or "--")


class OperationMixin:
    """Resolves ``self.operation`` from the ``code`` URL argument and enforces ``operation_permission``.

    An operation the user has no standing in answers 404; one they can see but may not act in answers 403.
    """

    operation_permission = OperationPermission.VIEW

    def dispatch(self, request, *args, **kwargs):
        self.operation = get_operation_or_404(request.user, kwargs["code"])
        self.access = access_for(request.user)
        allowed = {
            OperationPermission.VIEW: True,
            OperationPermission.EDIT: self.access.can_edit_in(self.operation.pk),
            OperationPermission.MANAGE: self.access.can_manage(self.operation.pk),
        }[self.operation_permission]
        if not allowed:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["operation"] = self.operation
        context["display_time_zone"] = self.operation.time_zone  # times on an operation's pages are its local time
        context["operation_role"] = self.access.role_in(self.operation.pk)
        context["can_edit"] = self.access.can_edit_in(self.operation.pk)
        context["can_manage"] = self.access.can_manage(self.operation.pk)
        return context


class ScopedFormMixin:
    """Saves through :func:`save_within_scope` and reports success; an out-of-scope result is refused (403)."""

    success_message = ""

    def get_success_message(self):
        return self.success_message

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def form_valid(self, form):
        # OutOfScope is a PermissionDenied: Django answers 403 and the transaction is already rolled back.
        self.object = save_within_scope(self.request.user, form.instance, save=form.save)
        if message := self.get_success_message():
            messages.success(self.request, message)
        return super(generic.edit.ModelFormMixin, self).form_valid(form)


@never_cache
@login_not_required
def health(request):
    """Liveness and database reachability for container health checks. Reveals nothing else."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
