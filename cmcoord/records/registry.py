"""The registry of record types: one :class:`RecordType` per model, declared in the app's ``records.py`` and
registered from its ``AppConfig.ready``. Registering adds the type's navigation entry and export; the URL patterns
and API routes are read from the registry when the URLconf loads."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.db.models import Model, Value
from django.shortcuts import get_object_or_404
from django.urls import path as url_path
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from cmcoord import exports
from cmcoord.core import navigation
from cmcoord.core.access import Action
from cmcoord.core.navigation import Group, Section
from cmcoord.core.versioning import form_model_fields

from .columns import Column, Table


@dataclass(frozen=True)
class Texts:
    """What a record type's pages say. ``add`` is the create button and page, ``intro`` the list's lead line;
    ``created`` and ``saved`` may name the record as ``%(record)s``."""

    add: str = _("Add")
    edit: str = _("Edit")
    save: str = _("Save")
    created: str = _("Saved.")
    saved: str = _("Saved.")
    empty: str = _("Nothing matches.")
    listed: str = ngettext_lazy("%(count)s record listed", "%(count)s records listed", "count")
    intro: str = ""
    save_new: str = ""  # the create form's button where it differs from ``save`` ("Record training")


@dataclass(eq=False)
class RecordType:
    """One record type of an operation, declared once.

    From it come the list, detail, create and edit pages (``<prefix>/``, ``<prefix>/<pk>/``, ``<prefix>/new/``,
    ``<prefix>/<pk>/edit/`` under ``operations/<code>/``, named ``<namespace>:list`` …; a record is named by its
    ``key`` field, the primary key by default), the export (CSV with its HXL row, XLSX, JSON) and its buttons on
    the list, the read-only API route, and the navigation entry. An app
    overrides what differs: a view class in ``views``, an ``extra_urls`` module, a ``serializer``, the
    ``create``/``edit`` services, a template named ``<app>/<model>_<page>.html`` extending the generic one.
    """

    model: type[Model]
    namespace: str  # the URL namespace, and by default the URL prefix, export name and API prefix
    label: str  # the plural heading: navigation, list, breadcrumbs
    group: Group
    columns: Sequence[Column]
    filterset: type
    form: type | None = None  # without a form, no create and edit pages
    texts: Texts = field(default_factory=Texts)
    order: int = 100  # in the navigation group
    prefix: str | None = None  # the URL prefix under the operation (default: namespace)
    ordering: tuple[str, ...] = ("-pk",)  # of the list, the export
    key: str = "pk"  # the field naming a record in its address (unique in the operation), and the URL's kwarg
    key_converter: str = "id"  # the path converter of that field (registered before the URLconf loads)
    list_related: tuple[str, ...] = ("operation",)  # select_related of the list (never a restricted record)
    list_queryset: Callable | None = None  # (user, queryset) -> queryset of the list page: prefetches, annotations
    scoped_relations: tuple[str, ...] = ()  # foreign keys to restricted records, loaded only where readable
    links: tuple[str, ...] | None = None  # the form's many-to-many fields saved by the default services
    tracked_fields: tuple[str, ...] | None = None  # compared on a lost update (default: the form's model fields)
    create: Callable | None = None  # (user, record, form) -> record; default: save within scope with links
    edit: Callable | None = None  # (user, record, form) -> record; default: versioned save with links
    detail_context: Callable | None = None  # (request, record) -> dict, for the detail page
    export_annotations: Callable | None = None  # (user) -> {name: expression} the export's columns read
    views: dict = field(default_factory=dict)  # {"list" | "detail" | "create" | "edit": view class}
    extra_urls: str = ""  # dotted path of more URL patterns in the namespace (record actions …)
    export_name: str | None = None  # "" for none (default: namespace)
    export_title: str = ""
    serializer: type | str | None = None  # a class or its dotted path; default built from the columns
    api_prefix: str | None = None  # "" for no API route (default: namespace)
    api_basename: str = ""  # default: the model's name
    api_prefetch: Callable | None = None  # (user) -> [Prefetch …] of the API's reads
    url_names: dict = field(default_factory=dict)  # {"list": "widget-list", …}: where types share a namespace
    nav_action: Action = Action.VIEW
    slug: str = ""  # the page's test ids and CSS hooks (default: the model's name)

    def __post_init__(self):
        self.table = Table(self.columns)
        meta = self.model._meta
        self.slug = self.slug or meta.model_name
        self.prefix = self.namespace if self.prefix is None else self.prefix
        self.export_name = self.namespace if self.export_name is None else self.export_name
        self.api_prefix = self.namespace if self.api_prefix is None else self.api_prefix
        self.api_basename = self.api_basename or meta.model_name
        if self.form is not None:
            # The pages test ``record_type.form`` (is there a create page?): a template must read the class, not
            # call it (it would fail for want of the user and the operation, and hide the "add" button).
            self.form.do_not_call_in_templates = True

    @property
    def app_label(self) -> str:
        return self.model._meta.app_label

    def url_name(self, page: str) -> str:
        return f"{self.namespace}:{self.url_names.get(page, page)}"

    @cached_property
    def urls(self) -> dict[str, str]:
        """The URL names of the type's pages in their namespace, for templates (``{% url record_type.urls.list
        code %}``); ``create`` and ``edit`` only where the type has a form."""
        pages = ("list", "detail", "create", "edit") if self.form is not None else ("list", "detail")
        return {page: self.url_name(page) for page in pages}

    def tracked(self) -> list[str]:
        """The fields compared to tell an editor what changed under them: ``tracked_fields``, else the model fields
        the form edits (its ``Meta.fields``: the place's four fields too, which the form shows as pickers)."""
        if self.tracked_fields is not None:
            return list(self.tracked_fields)
        return form_model_fields(self.form)

    # --- Reads ----------------------------------------------------------------------------------------------

    def records(self, user, operation, action: Action = Action.VIEW):
        """The operation's records ``user`` may perform ``action`` on, in the list's order."""
        queryset = (
            self.model.objects.restrict(user, action)
            .filter(operation=operation)
            .select_related(*self.list_related)
            .order_by(*self.ordering)
        )
        return queryset.with_scoped(user, *self.scoped_relations) if self.scoped_relations else queryset

    def lookup(self, user, operation, key, action: Action = Action.VIEW):
        """The record of ``operation`` whose ``key`` field is ``key`` if ``user`` may perform ``action`` on it; 404
        otherwise (no hint that it exists). Read afresh at each call: after a refused edit, the record as stored."""
        queryset = self.model.objects.restrict(user, action).select_related("operation")
        if self.scoped_relations:
            queryset = queryset.with_scoped(user, *self.scoped_relations)
        return get_object_or_404(queryset, operation=operation, **{self.key: key})

    def export_queryset(self, request, operation):
        """The operation's records the reader may export, filtered and ordered as the list; ``export_annotations``
        adds what the columns read from other records (a restricted record's name through a restricted Subquery)."""
        extra = self.export_annotations(request.user) if self.export_annotations is not None else {}
        queryset = (
            self.model.objects.restrict(request.user, Action.EXPORT)
            .filter(operation=operation)
            .annotate(country_code=Value(operation.code), **extra)
            .order_by(*self.ordering)
        )
        filterset = self.filterset(request.GET, queryset=queryset, request=request, operation=operation)
        return filterset.qs if filterset.is_valid() else queryset.none()

    # --- Pages and routes -----------------------------------------------------------------------------------

    def view_class(self, page: str):
        from . import views  # the views import the registry's callers; resolved when the URLconf loads

        override = self.views.get(page)
        if isinstance(override, str):
            override = import_string(override)
        return override or views.GENERIC[page]

    def record_url(self, page: str, record) -> str:
        """The address of ``record``'s ``page`` ("detail", "edit")."""
        return reverse(self.url_name(page), kwargs={"code": record.operation.code, self.key: getattr(record, self.key)})

    def urlpatterns(self) -> list:
        """The pages' patterns: the fixed addresses (the list, ``new/``, the app's ``extra_urls``) before a record's,
        so that a key converter accepting words (a reference) never takes ``new`` or an app's page for a key."""
        record = f"<{self.key_converter}:{self.key}>/"

        def page(name, route):
            return url_path(route, self.view_class(name).as_view(record_type=self), name=self.url_names.get(name, name))

        patterns = [page("list", "")]
        if self.form is not None:
            patterns.append(page("create", "new/"))
        if self.extra_urls:
            patterns += import_string(f"{self.extra_urls}.urlpatterns")
        patterns.append(page("detail", record))
        if self.form is not None:
            patterns.append(page("edit", f"{record}edit/"))
        return patterns

    @cached_property
    def viewset(self):
        from .api import viewset_for

        return viewset_for(self)

    def section(self) -> Section:
        return Section(self.group, self.label, self.url_name("list"), order=self.order, action=self.nav_action)


_TYPES: dict[type[Model], RecordType] = {}


def register(record_type: RecordType) -> RecordType:
    """Add a record type (from its app's ``AppConfig.ready``): its navigation entry and its export with it."""
    _TYPES[record_type.model] = record_type
    navigation.register(record_type.section())
    if record_type.export_name:
        exports.register(
            record_type.export_name,
            title=record_type.export_title or record_type.label,
            columns=record_type.table.export_columns(),
        )(record_type.export_queryset)
    return record_type


def unregister(record_type: RecordType) -> None:
    _TYPES.pop(record_type.model, None)
    navigation.unregister(record_type.section())
    if record_type.export_name:
        exports.unregister(record_type.export_name)


def record_types() -> list[RecordType]:
    return list(_TYPES.values())


def record_type_of(model) -> RecordType | None:
    return _TYPES.get(model if isinstance(model, type) else type(model))
