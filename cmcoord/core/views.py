"""Shared generic view bases. Scoping, permission checks and the post-save scope re-check happen here, once.

A concrete view states its model, template, filterset or form and, where it lives under an operation, the
action it needs there (``operation_action``: view, change or manage); it inherits the rest. Every view of
the product derives from :class:`ScopedView` (a test walks the URLs to hold that), so none reaches data
without going through :mod:`cmcoord.core.access`.
"""

from __future__ import annotations

import sys

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.views import defaults, generic
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_countries import countries

from . import health, language
from .access import Action, access_for, can
from .forms import save_with_form
from .inputs import ascii_integer
from .middleware import is_database_outage, unavailable_response
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
        language.fall_back_to_operation(request, self.operation)
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


def page_bounds(paginator, number) -> tuple[int, int, int]:
    """The valid page number and the offsets of its first and past-last rows (as Django's ``Paginator.page``)."""
    number = paginator.validate_number(number)
    bottom = (number - 1) * paginator.per_page
    top = bottom + paginator.per_page
    if top + paginator.orphans >= paginator.count:
        top = paginator.count
    return number, bottom, top


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
        number, bottom, top = page_bounds(self, number)
        keys = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=keys)}
        return self._get_page([rows[key] for key in keys if key in rows], number, self)


class PartsPaginator(Paginator):
    """A list that is the union of disjoint parts, each served by an index of its own (what I own; what I work on
    and do not own), in one order: "what is mine" read at a cost bounded by the page, not by what a person owns.

    ``rows`` is every row the reader may open, with its joins and annotations; ``parts`` are querysets of it, each
    narrowed to one part and filtered and ordered as the list is (they must not overlap: the count adds theirs).
    The count adds the parts' counts (each reads its own index); a page takes from each part its first rows up to
    the page's end, in the part's order (an index walk with a LIMIT, however long the part), then orders those
    few together and reads the page's rows from ``rows``. A deep page costs what reaching its depth in the
    index costs, as an offset always does; the first pages cost the same whatever one person owns.
    """

    def __init__(self, rows, per_page, *, parts, **kwargs):
        super().__init__(rows, per_page, **kwargs)
        self.parts = list(parts)

    @cached_property
    def count(self):
        return sum(part.order_by().count() for part in self.parts)

    def page(self, number):
        number, bottom, top = page_bounds(self, number)
        if top <= bottom:
            return self._get_page([], number, self)
        base = self.object_list.model._base_manager
        # Each part's first ``top`` keys in its own order. A sliced queryset cannot be an arm of a UNION on every
        # database (SQLite refuses it), so each is wrapped as ``id IN (… LIMIT top)``, a few primary-key lookups.
        heads = [base.filter(pk__in=part.values("pk")[:top]).order_by().values("pk") for part in self.parts]
        candidates = heads[0].union(*heads[1:]) if len(heads) > 1 else heads[0]
        ordering = self.parts[0].query.order_by or self.object_list.query.order_by  # the list's order
        # The page's keys among those candidates, then only the page's rows with their joins (a deep page orders
        # its thousands of candidates by their keys alone, as CountedPaginator's deferred join does).
        keys = self.object_list.filter(pk__in=candidates).order_by(*ordering).values("pk")[bottom:top]
        rows = self.object_list.filter(pk__in=keys).order_by(*ordering)
        return self._get_page(list(rows), number, self)


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
        user = self.request.user
        self.object = save_with_form(
            form, user, lambda: save_within_scope(user, form.instance, save=form.save, action=self.save_action)
        )
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


def server_error(request):
    """The 500 page, except for a lost database connection outside a view (a middleware's query): 503 then."""
    if is_database_outage(sys.exc_info()[1]):
        return unavailable_response(request)
    return defaults.server_error(request)


@never_cache
@login_not_required
@require_safe
def healthz(request):
    """Liveness: the web process answers. No database, no Redis; reveals nothing else."""
    return JsonResponse({"status": "ok"})


@never_cache
@login_not_required
@require_safe
def readyz(request):
    """Readiness: the database, Redis, beat and a worker, each by a word (see :mod:`cmcoord.core.health`); 503 when
    one is failing or stale. Reveals nothing else."""
    ready, checks = health.readiness()
    return JsonResponse({"status": "ready" if ready else "unavailable", "checks": checks}, status=200 if ready else 503)
