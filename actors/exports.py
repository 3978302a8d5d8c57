"""Export of the actor registry: the actor list, with the current picture and contacts the reader may export."""

from __future__ import annotations

from django.db import connection
from django.db.models import OuterRef, StringAgg, Subquery, Value
from django.utils.translation import gettext_lazy as _

from cmcoord.core.access import Action
from cmcoord.core.choices import Sensitivity
from cmcoord.exports import Column, Kind, register

from .choices import ActorCategory, ActorType, Stance
from .filtersets import ActorFilterSet
from .models import Actor, ActorAssessment, LiaisonContact

ACTOR_COLUMNS = [
    Column("country_code", _("Country code"), "#country+code+v_iso3", "country_code"),
    Column("operation", _("Operation"), "#country+name", "operation_name"),
    Column("id", _("Identifier"), "#meta+id", "pk", kind=Kind.INTEGER),
    Column("name", _("Name"), "#group+name", "name"),
    Column("acronym", _("Acronym"), "#group+name+acronym", "acronym"),
    Column("category", _("Category"), "#group+type+category", "category", choices=ActorCategory.choices),
    Column("type", _("Type"), "#group+type", "actor_type", choices=ActorType.choices),
    Column("parent", _("Parent organisation"), "#org+name", "parent_name"),
    Column("party_to_conflict", _("Party to the conflict"), "#indicator+party", "party_to_conflict", kind=Kind.BOOLEAN),
    Column("areas", _("Areas of operation (admin 1 P-codes)"), "#adm1+code+v_pcodes", "areas"),
    Column("stance", _("Current stance"), "#status+stance", "current_stance", choices=Stance.choices),
    Column("influence", _("Influence (1 to 5)"), "#indicator+influence", "current_influence", kind=Kind.INTEGER),
    Column("interest", _("Interest (1 to 5)"), "#indicator+interest", "current_interest", kind=Kind.INTEGER),
    Column("assessed_on", _("Assessed on"), "#date+assessed", "current_assessed_on", kind=Kind.DATE),
    Column("contacts", _("Liaison contacts"), "#contact+name", "contact_names"),
    Column("sensitivity", _("Sensitivity"), "#meta+sensitivity", "sensitivity", choices=Sensitivity.choices),
]


def _contact_names(user):
    """The names of an actor's contacts the reader may export, in one cell (none for most readers: contacts are
    Strictly confidential by default, and a contact is never more visible than its actor)."""
    order = {"order_by": "name"} if connection.features.supports_aggregate_order_by_clause else {}
    contacts = (
        LiaisonContact.objects.restrict(user, Action.EXPORT)
        .filter(actor=OuterRef("pk"))
        .order_by()
        .values("actor")
        .annotate(names=StringAgg("name", Value("; "), **order))
        .values("names")
    )
    return Subquery(contacts[:1])


@register("actors", title=_("Actors"), columns=ACTOR_COLUMNS)
def actors(request, operation):
    """The operation's actors the reader may export, filtered as the actor list; the parent, the latest assessment
    and the contacts each read under ``Action.EXPORT`` too, so no column shows more than its own record may."""
    user = request.user
    latest = ActorAssessment.objects.restrict(user, Action.EXPORT).filter(actor=OuterRef("pk"))
    latest = latest.order_by("-assessed_on", "-pk")
    parent = Actor.objects.restrict(user, Action.EXPORT).filter(pk=OuterRef("parent_id"))
    queryset = (
        Actor.objects.restrict(user, Action.EXPORT)
        .filter(operation=operation)
        .annotate(
            country_code=Value(operation.code),
            operation_name=Value(operation.name),
            parent_name=Subquery(parent.values("name")[:1]),
            contact_names=_contact_names(user),
            **{f"current_{name}": Subquery(latest.values(name)[:1]) for name in ("stance", "influence", "interest")},
            current_assessed_on=Subquery(latest.values("assessed_on")[:1]),
        )
        .order_by("name", "pk")
    )
    filterset = ActorFilterSet(request.GET, queryset=queryset, request=request)
    return filterset.qs if filterset.is_valid() else queryset.none()
