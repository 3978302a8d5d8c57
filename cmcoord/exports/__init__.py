"""Exports: an operation's records carried out of the product as CSV (with an HXL row), XLSX or JSON.

Everything an export carries goes through :mod:`cmcoord.core.access` under ``Action.EXPORT``: officers and heads
of office up to Confidential, HQ readers and HCT members Unclassified only, Strictly confidential never. This
package is a lower layer: it imports ``cmcoord.core`` and ``cmcoord.operations`` only; each feature app declares
its exports in its own ``exports.py`` (imported by its ``AppConfig.ready``), as panels are registered.

Registering an export
---------------------

An export is a list of columns and a function that builds the scoped, filtered queryset from the request.
Each column has a stable key (JSON), a translated header, an HXL 1.1 hashtag and a lookup or expression the
database evaluates; the framework turns choices into their labels, dates into ISO 8601 and neutralises text a
spreadsheet would run as a formula, all in SQL, so PostgreSQL's ``COPY`` path and the portable path agree::

    from django.utils.translation import gettext_lazy as _

    from cmcoord.core.access import Action
    from cmcoord.exports import Column, Kind, register

    @register(
        "tasks",  # its address: /operations/<code>/exports/tasks/csv/ (or xlsx, json)
        title=_("Tasks"),
        columns=[
            Column("reference", _("Reference"), "#meta+id", "reference"),
            Column("status", _("Status"), "#status+name", "status", choices=TaskStatus.choices),
            Column("due", _("Due date"), "#date+end", "due_date", kind=Kind.DATE),
        ],
    )
    def tasks(request, operation):
        queryset = Task.objects.restrict(request.user, Action.EXPORT).filter(operation=operation)
        filterset = TaskFilterSet(request.GET, queryset=queryset, request=request, operation=operation)
        return filterset.qs if filterset.is_valid() else queryset.none()

``per_operation=False`` registers a cross-country export (``/exports/<name>/<format>/``; the function receives
``operation=None``), e.g. the HQ summary. The function must read through ``restrict(request.user,
Action.EXPORT)`` and never join to a restricted record's name without restricting it too (use a ``Subquery`` of a
restricted queryset, as the actor export does for an actor's parent). ``request`` may be a real request or, for a
large XLSX built by a worker, a stand-in carrying ``user`` and ``GET`` only.

On a page, ``{% load exports %}{% export_menu "tasks" %}`` shows the CSV / Excel / JSON buttons for the page's
query string (the operation comes from the template context).
"""

from .registry import Column, Export, Kind, get_export, register, registered_exports, unregister

__all__ = ["Column", "Export", "Kind", "get_export", "register", "registered_exports", "unregister"]
