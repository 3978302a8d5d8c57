"""Each record type's pages at full size: its list, a deep page of it, a record's page and its app's panel on the
operation dashboard, with ``Scale.records_per_type`` rows of that type in the largest operation.

The pages and their ideal SQL come from the record kit's declarations (:mod:`cmcoord.records.registry`), so a
record type added later is measured without a line here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse


@dataclass
class RecordTarget:
    """One record type's pages in the largest operation: its list, a deep page of it (page 500, or the last one
    there is for the HQ reader, who sees fewer rows), a record every measured user may open."""

    label: str  # the type's plural name: "engagements"
    record_type: object  # its declaration (cmcoord.records.registry.RecordType)
    list_url: str
    deep_page: int
    detail_url: str
    pk: int

    def pages(self) -> list[tuple[str, str]]:
        return [
            (self.label, self.list_url),
            (f"{self.label}: deep page", f"{self.list_url}?page={self.deep_page}"),
            (f"{self.label}: record", self.detail_url),
        ]


def find(country: str, alpha3: str, deep_page: int) -> list[RecordTarget]:
    """Each registered record type's pages in the operation of ``country``, on an Unclassified record."""
    from cmcoord.core.choices import Sensitivity
    from cmcoord.records.registry import record_types
    from cmcoord.records.views import RecordListView

    targets = []
    for record_type in record_types():
        model = record_type.model
        rows = model.objects.filter(operation__country=country)
        record = rows.filter(sensitivity=Sensitivity.UNCLASSIFIED).select_related("operation").order_by("pk").first()
        if record is None:
            continue
        hq_rows = rows.filter(sensitivity__lte=Sensitivity.CONFIDENTIAL).count()
        targets.append(
            RecordTarget(
                label=str(model._meta.verbose_name_plural),
                record_type=record_type,
                list_url=reverse(record_type.url_name("list"), kwargs={"code": alpha3}),
                deep_page=max(1, min(deep_page, math.ceil(hq_rows / RecordListView.paginate_by))),
                detail_url=record_type.record_url("detail", record),
                pk=record.pk,
            )
        )
    return targets


def ideal_statements(targets: list[RecordTarget]) -> dict[str, list[str]]:
    """The bare SQL of each record page, as :mod:`benchmarks.ideal` writes it for the others: the list's count and
    its page of rows in the declared order, one record by its key (the reader's rule as the plainest predicate)."""
    from cmcoord.records.views import RecordListView

    size = RecordListView.paginate_by
    statements = {}
    for target in targets:
        model = target.record_type.model
        table = connection.ops.quote_name(model._meta.db_table)
        where = "t.operation_id = %(op)s AND t.sensitivity <= %(level)s"
        order = ", ".join(_order_term(model, term) for term in target.record_type.ordering)
        page = f"LIMIT {size} OFFSET {size} * ({target.deep_page} - 1)"
        rows = f"SELECT t.* FROM {table} t WHERE {where} ORDER BY {order}"  # noqa: S608 - names from the models
        count = f"SELECT count(*) FROM {table} t WHERE {where}"  # noqa: S608
        statements[target.label] = [count, f"{rows} LIMIT {size}"]
        statements[f"{target.label}: deep page"] = [count, f"{rows} {page}"]
        statements[f"{target.label}: record"] = [f"SELECT t.* FROM {table} t WHERE t.id = {int(target.pk)}"]  # noqa: S608
    return statements


def _order_term(model, term: str) -> str:
    name = term.removeprefix("-")
    column = model._meta.pk.column if name == "pk" else model._meta.get_field(name).column
    return f"t.{connection.ops.quote_name(column)}{' DESC' if term.startswith('-') else ''}"


def dashboard_panels() -> list[tuple[str, object]]:
    """(label, builder) of each operation-dashboard panel a record type's app registers, named after its builder:
    ``operation_dashboard_incidents`` is "panel: incidents"."""
    from cmcoord.core.panels import Slot, builders
    from cmcoord.records.registry import record_types

    record_apps = {record_type.model._meta.app_config.name for record_type in record_types()}
    return [
        (f"panel: {builder.__name__.removeprefix('operation_dashboard_')}", builder)
        for builder in builders(Slot.OPERATION_DASHBOARD)
        if builder.__module__.split(".")[0] in record_apps
    ]


class PanelAnswer:
    """What :func:`benchmarks.pages.measure_fetch` reads of a panel rendered alone."""

    status_code = 200

    def __init__(self, html: str):
        self.size = len(html.encode())


def panel_fetch(builder, user, operation):
    """A ``fetch()`` rendering one dashboard panel for ``user`` as the dashboard does (its builder, then its
    template), without the rest of the page."""

    def fetch():
        request = RequestFactory().get(reverse("operations:detail", kwargs={"code": operation.code}))
        request.user = user
        panel = builder(request, operation)
        if panel is None:
            return PanelAnswer("")
        html = render_to_string(panel.template_name, {"panel": panel.context, "operation": operation}, request=request)
        return PanelAnswer(html)

    return fetch
