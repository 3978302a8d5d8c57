"""Export of access incidents: the incident list's rows (same filters), with the responsible actor's name only where
the reader may export the actor too."""

from __future__ import annotations

from django.db.models import OuterRef, Subquery, Value
from django.utils.translation import gettext_lazy as _

from actors.models import Actor
from cmcoord.core.access import Action
from cmcoord.core.choices import Sensitivity
from cmcoord.exports import Column, Kind, register

from .choices import AccessCategory, IncidentSource
from .filtersets import IncidentFilterSet
from .models import AccessIncident

INCIDENT_COLUMNS = [
    Column("country_code", _("Country code"), "#country+code+v_iso3", "country_code"),
    Column("id", _("Identifier"), "#meta+id", "pk", kind=Kind.INTEGER),
    Column("date", _("Date"), "#date+occurred", "occurred_on", kind=Kind.DATE),
    Column("title", _("Summary"), "#event+name", "title"),
    Column("category", _("Category"), "#event+type+category", "category", choices=AccessCategory.choices),
    Column("admin1_name", _("Admin 1"), "#adm1+name", "admin1_name"),
    Column("admin1_pcode", _("Admin 1 P-code"), "#adm1+code", "admin1_pcode"),
    Column("admin2_name", _("Admin 2"), "#adm2+name", "admin2_name"),
    Column("admin2_pcode", _("Admin 2 P-code"), "#adm2+code", "admin2_pcode"),
    Column("actor", _("Actor responsible"), "#group+name+perpetrator", "actor_name"),
    Column("people_affected", _("People affected"), "#affected+num", "people_affected", kind=Kind.INTEGER),
    Column(
        "activities_suspended",
        _("Activities suspended"),
        "#activity+num+suspended",
        "activities_suspended",
        kind=Kind.INTEGER,
    ),
    Column("days_affected", _("Days of disruption"), "#indicator+days", "days_affected", kind=Kind.INTEGER),
    Column("source", _("Source"), "#meta+source", "source", choices=IncidentSource.choices),
    Column("verified", _("Verified"), "#status+verified", "verified", kind=Kind.BOOLEAN),
    Column("sensitivity", _("Sensitivity"), "#meta+sensitivity", "sensitivity", choices=Sensitivity.choices),
]


@register("access-incidents", title=_("Access incidents"), columns=INCIDENT_COLUMNS)
def access_incidents(request, operation):
    """The operation's incidents the reader may export, filtered and ordered as the incident list."""
    user = request.user
    actor = Actor.objects.restrict(user, Action.EXPORT).filter(pk=OuterRef("actor_id"))
    queryset = (
        AccessIncident.objects.restrict(user, Action.EXPORT)
        .filter(operation=operation)
        .annotate(country_code=Value(operation.code), actor_name=Subquery(actor.values("name")[:1]))
        .order_by("-occurred_on", "-pk")
    )
    filterset = IncidentFilterSet(request.GET, queryset=queryset, request=request, operation=operation)
    return filterset.qs if filterset.is_valid() else queryset.none()
