"""The record kit: a record type of an operation is declared once, and its pages, routes, export, API and
navigation entry come from that declaration.

A record type is a model on :class:`cmcoord.records.models.Record` (operation, sensitivity, version, history,
attachments; :class:`cmcoord.core.places.PlaceFields` for a place), a form on
:class:`cmcoord.core.versioning.VersionedForm`, a FilterSet on :class:`cmcoord.core.filters.ScopedFilterSet`, and
a :class:`RecordType` naming them with its columns (:class:`Column`), registered in the app's ``AppConfig.ready``::

    # myapp/records.py
    WIDGETS = RecordType(
        model=Widget, namespace="widgets", label=_("Widgets"), group=Group.FIELD,
        filterset=WidgetFilterSet, form=WidgetForm,
        columns=[
            Column("title", _("Title"), "#event+name", "title", link=True),
            Column("sensitivity", _("Sensitivity"), "#meta+sensitivity", "sensitivity", choices=Sensitivity.choices,
                   cell="records/cells/sensitivity.html"),
        ],
    )

    # myapp/apps.py, in ready():  from cmcoord.records import register; from .records import WIDGETS; register(WIDGETS)

Then ``/operations/<code>/widgets/`` lists them (filters, "N more restricted", CSV/XLSX/JSON buttons), ``<pk>/``
shows one, ``new/`` and ``<pk>/edit/`` create and edit them (a lost update refused with 409), ``/api/v1/widgets/``
serves them, and the navigation's Field group lists them; every read goes through ``restrict``. An app overrides
what differs: a view in ``views``, ``extra_urls``, a ``serializer``, ``create``/``edit`` services, a template
``myapp/widget_<list|detail|form>.html`` extending ``records/<page>.html``; a record named in its address by
another field than its primary key (a reference) declares it as ``key`` with its path converter (``key_converter``).
"""

__all__ = ["Column", "RecordType", "Table", "Texts", "record_type_of", "record_types", "register", "unregister"]


def __getattr__(name):
    """The kit's names, imported when first used: the package is an installed app, imported before the models."""
    if name in ("Column", "Table"):
        from . import columns

        return getattr(columns, name)
    if name in __all__:
        from . import registry

        return getattr(registry, name)
    raise AttributeError(name)
