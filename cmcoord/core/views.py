"""Shared generic view bases. Scoping, permission checks and the post-save scope re-check happen here, once.

A concrete view states its model, template, filterset or form and, where it lives under an operation, the
action it needs there (``operation_action``: view, change or manage); it inherits the rest. Every view of
the product derives from :class:`ScopedView` (a test walks the URLs to hold that), so none reaches data
without going through :mod:`cmcoord.core.access`.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.views import generic
from django.views.decorators.cache import never_cache
from django_countries import countries

from .access import Action, access_for, can
from .inputs import ascii_integer
from .scoping import save_within_scope


class ScopedView(generic.View):
    """Base of every page: a signed-in user (the middleware's default-deny) whose reads go through ``restrict``."""


def operation_by_code(user, code: str, action: Action = Action.VIEW):
    """The operation with ISO alpha-3 ``code`` if ``user`` may reach it; 404 otherwise (no hint that it exists)."""
    country_operation = apps.get_model("operations", "CountryOperation")
    alpha2 = countries.alpha2(code.upper()) if code and code.isascii() and code.isalpha() else ""
    return get_object_or_404(country_operation.objects.restrict(user, action), country=alpha2 or "--")


class OperationMixin:
    """Resolves ``self.operation`` from the ``code`` URL argument and requires ``operation_action`` there.

    An operation the user has no standing in answers 404; one they can see but may not act in answers 403.
    Closed operations refuse change and manage (the policy allows writes in active operations only).

    ``operation_action`` defaults to reading, but this mixin does not define it: a form mixin that sets it
    (``CHANGE``) wins wherever it stands among the bases, so no order of bases turns a form into a read.
    """

    def dispatch(self, request, *args, **kwargs):
        self.operation = operation_by_code(request.user, kwargs["code"])
        self.access = access_for(request.user)
        if not can(request.user, self.get_operation_action(), self.operation):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_operation_action(self) -> Action:
        return getattr(self, "operation_action", Action.VIEW)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["operation"] = self.operation
        context["display_time_zone"] = self.operation.time_zone  # times on an operation's pages are its local time
        context["operation_role"] = self.access.standing_in(self.operation.pk)
        context["can_edit"] = can(self.request.user, Action.CHANGE, self.operation)
        context["can_manage"] = can(self.request.user, Action.MANAGE, self.operation)
        context["can_read_archive"] = can(self.request.user, Action.ARCHIVE, self.operation)
        return context


class CountedPaginator(Paginator):
    """A paginator told its count (the page already counted its rows, e.g. in a grouped query), which reads a
    page by a deferred join: first the page's keys, walking the order's index alone, then those rows with their
    joins. A deep page then skips index entries, not rows joined to their owner, activity and area.
    """

    def __init__(self, object_list, per_page, *, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._known_count = count

    @cached_property
    def count(self):
        return self._known_count

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=keys)}
        return self._get_page([rows[key] for key in keys if key in rows], number, self)


def forgiving_page_number(number) -> int:
    """A page number in ASCII digits as itself; anything else (``٢``, ``+2``, ``2.0``) as the first page."""
    value = ascii_integer(number)
    return value if value is not None else 1


class LastPageMixin:
    """Pagination that forgives: a page past the end shows the last page, a page that is not a number (in ASCII
    digits) the first.

    A link kept from yesterday (``?page=9`` of a list that has since shrunk) still lands on the list instead of
    a 404. Every paginated list of the product takes this mixin before Django's list views (a test holds that).
    """

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(
            queryset, page_size, orphans=self.get_paginate_orphans(), allow_empty_first_page=self.get_allow_empty()
        )
        number = self.kwargs.get(self.page_kwarg) or self.request.GET.get(self.page_kwarg) or 1
        if number == "last":
            number = paginator.num_pages
        page = paginator.get_page(forgiving_page_number(number))
        return paginator, page, page.object_list, page.has_other_pages()


class OperationView(OperationMixin, ScopedView):
    """A page of one operation that is not a generic list, detail or form (e.g. a POST endpoint)."""


class OperationPageView(OperationMixin, ScopedView, generic.TemplateView):
    """A template page of one operation."""


class ScopedFormMixin:
    """Saves through :func:`save_within_scope` and reports success; an out-of-scope result is refused (403).

    OutOfScope is a PermissionDenied: Django answers 403 and the transaction is already rolled back.
    """

    success_message = ""
    operation_action = Action.CHANGE
    save_action = Action.CHANGE

    def get_success_message(self):
        return self.success_message

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def form_valid(self, form):
        self.object = save_within_scope(self.request.user, form.instance, save=form.save, action=self.save_action)
        if message := self.get_success_message():
            messages.success(self.request, message)
        return HttpResponseRedirect(self.get_success_url())


class OperationFormMixin(ScopedFormMixin):
    """A form whose record belongs to the page's operation (the form receives it as ``operation``)."""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "operation": self.operation}


class OperationCreateView(OperationMixin, OperationFormMixin, ScopedView, generic.CreateView):
    operation_action = Action.CHANGE


class OperationUpdateView(OperationMixin, OperationFormMixin, ScopedView, generic.UpdateView):
    operation_action = Action.CHANGE


@never_cache
@login_not_required
def health(request):
    """Liveness and database reachability for container health checks. Reveals nothing else."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
