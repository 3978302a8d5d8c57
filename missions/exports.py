"""Export of the missions: one row per mission and operation it covers that the reader may export from."""

from __future__ import annotations

from django.db.models import Case, CharField, F, Value, When
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from cmcoord.core.access import Action
from cmcoord.exports import Column, Kind, register
from cmcoord.operations.models import CountryOperation

from .choices import MissionKind, MissionPhase
from .models import Mission

MISSION_COLUMNS = [
    Column("country_code", _("Country code"), "#country+code+v_iso3", "covered_code"),
    Column("operation", _("Operation"), "#country+name", "covered_name"),
    Column("acronym", _("Acronym"), "#org+acronym", "acronym"),
    Column("name", _("Mission"), "#org+name", "name"),
    Column("kind", _("Kind"), "#org+type", "kind", choices=MissionKind.choices),
    Column("phase", _("Current phase"), "#status+name", "phase", choices=MissionPhase.choices),
    Column("poc_mandate", _("Protection of Civilians mandate"), "#indicator+poc", "poc_mandate", kind=Kind.BOOLEAN),
    Column("resolution", _("Security Council resolution"), "#meta+resolution", "resolution"),
    Column("mandate_start", _("Mandate from"), "#date+start", "mandate_start", kind=Kind.DATE),
    Column("mandate_end", _("Mandate until"), "#date+end", "mandate_end", kind=Kind.DATE),
]


@register("missions", title=_("Missions"), columns=MISSION_COLUMNS, per_operation=False)
def missions(request, operation=None):
    """Missions of the reader's operations, a row for each covered operation they may export from (a mission's
    other operations are not named)."""
    user = request.user
    operations = list(CountryOperation.objects.restrict(user, Action.EXPORT).values_list("pk", "country"))
    iso3 = Case(
        *(When(covered_country=str(code), then=Value(countries.alpha3(str(code)) or "")) for _pk, code in operations),
        default=Value(""),
        output_field=CharField(),
    )
    return (
        Mission.objects.restrict(user, Action.EXPORT)
        .filter(operations__in=[pk for pk, _code in operations])
        .annotate(covered_country=F("operations__country"), covered_name=F("operations__name"))
        .annotate(covered_code=iso3)
        .order_by("acronym", "covered_name", "pk")
    )
