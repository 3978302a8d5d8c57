"""Access incidents as a record type of the kit (:mod:`cmcoord.records`): their columns, pages, export and API.

The responsible actor is a restricted record: the list and the page load it only where the reader may open it
(``scoped_relations``), the export names it only where the reader may export it too (``export_annotations``)."""

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from actors.models import Actor
from cmcoord.core.access import Action
from cmcoord.core.navigation import Group
from cmcoord.exports import Kind
from cmcoord.records import Column, RecordType, Texts
from cmcoord.records.columns import COUNTRY_CODE, IDENTIFIER, SENSITIVITY, number_column

from .choices import AccessCategory, IncidentSource
from .filtersets import IncidentFilterSet
from .forms import IncidentForm
from .models import AccessIncident
from .selectors import incident_detail_context, incident_prefetch


def export_annotations(user) -> dict:
    """The responsible actor's name, where the reader may export the actor too (else empty)."""
    actor = Actor.objects.restrict(user, Action.EXPORT).filter(pk=OuterRef("actor_id"))
    return {"actor_name": Subquery(actor.values("name")[:1])}


INCIDENTS = RecordType(
    model=AccessIncident,
    namespace="incidents",
    label=_("Access incidents"),
    group=Group.FIELD,
    order=20,
    slug="incident",
    filterset=IncidentFilterSet,
    form=IncidentForm,
    ordering=("-occurred_on", "-pk"),
    scoped_relations=("actor",),
    detail_context=incident_detail_context,
    export_name="access-incidents",
    export_annotations=export_annotations,
    serializer="incidents.api.AccessIncidentSerializer",
    api_prefix="access-incidents",
    api_basename="access-incident",
    api_prefetch=incident_prefetch,
    texts=Texts(
        add=_("Record an incident"),
        edit=_("Edit access incident"),
        save=_("Save incident"),
        save_new=_("Record incident"),
        created=_("Access incident recorded."),
        saved=_("Access incident saved."),
        empty=_("No incidents match."),
        listed=ngettext_lazy("%(count)s incident listed", "%(count)s incidents listed", "count"),
        intro=_(
            "Impediments to humanitarian access, by the categories of OCHA's Access Monitoring and Reporting "
            "Framework (Guidance Note III.1, AN-4)."
        ),
    ),
    columns=[
        COUNTRY_CODE,
        IDENTIFIER,
        Column("date", _("Date"), "#date+occurred", "occurred_on", kind=Kind.DATE),
        Column("title", _("Summary"), "#event+name", "title", heading=_("Incident"), link=True),
        Column("category", _("Category"), "#event+type+category", "category", choices=AccessCategory.choices),
        Column("place", _("Place"), cell="records/cells/place.html"),
        Column("admin1_name", _("Admin 1"), "#adm1+name", "admin1_name", listed=False),
        Column("admin1_pcode", _("Admin 1 P-code"), "#adm1+code", "admin1_pcode", listed=False),
        Column("admin2_name", _("Admin 2"), "#adm2+name", "admin2_name", listed=False),
        Column("admin2_pcode", _("Admin 2 P-code"), "#adm2+code", "admin2_pcode", listed=False),
        Column(
            "actor", _("Actor responsible"), "#group+name+perpetrator", "actor_name", cell="incidents/_cell_actor.html"
        ),
        number_column("people_affected", _("People affected"), "#affected+num", "people_affected"),
        number_column(
            "activities_suspended", _("Activities suspended"), "#activity+num+suspended", "activities_suspended"
        ),
        number_column("days_affected", _("Days of disruption"), "#indicator+days", "days_affected"),
        Column("source", _("Source"), "#meta+source", "source", choices=IncidentSource.choices, listed=False),
        Column("verified", _("Verified"), "#status+verified", "verified", kind=Kind.BOOLEAN),
        SENSITIVITY,
    ],
)
