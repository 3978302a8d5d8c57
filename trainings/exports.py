"""Export of training events: the training list's rows (same filters), with participants by sex and by
organisation type. Audience actors are left out: they would need the actor export's own restriction per name."""

from __future__ import annotations

from django.db.models import Value
from django.utils.translation import gettext_lazy as _

from cmcoord.core.access import Action
from cmcoord.core.choices import Sensitivity
from cmcoord.exports import Column, Kind, register

from .filtersets import TrainingFilterSet
from .models import Training

TRAINING_COLUMNS = [
    Column("country_code", _("Country code"), "#country+code+v_iso3", "country_code"),
    Column("id", _("Identifier"), "#meta+id", "pk", kind=Kind.INTEGER),
    Column("title", _("Title"), "#event+name", "title"),
    Column("start", _("Start date"), "#date+start", "start_date", kind=Kind.DATE),
    Column("end", _("End date"), "#date+end", "end_date", kind=Kind.DATE),
    Column("admin1_name", _("Admin 1"), "#adm1+name", "admin1_name"),
    Column("admin1_pcode", _("Admin 1 P-code"), "#adm1+code", "admin1_pcode"),
    Column("admin2_name", _("Admin 2"), "#adm2+name", "admin2_name"),
    Column("admin2_pcode", _("Admin 2 P-code"), "#adm2+code", "admin2_pcode"),
    Column("partners", _("Co-facilitating partners"), "#org+name+partner", "partners"),
    Column("female", _("Female participants"), "#reached+f", "female", kind=Kind.INTEGER),
    Column("male", _("Male participants"), "#reached+m", "male", kind=Kind.INTEGER),
    Column("sex_other", _("Other or undisclosed"), "#reached+sex_other", "sex_other", kind=Kind.INTEGER),
    Column("from_military", _("From the military"), "#reached+military", "from_military", kind=Kind.INTEGER),
    Column("from_police", _("From police and gendarmerie"), "#reached+police", "from_police", kind=Kind.INTEGER),
    Column("from_nsag", _("From non-state armed groups"), "#reached+nsag", "from_nsag", kind=Kind.INTEGER),
    Column(
        "from_authorities",
        _("From civil authorities"),
        "#reached+authorities",
        "from_authorities",
        kind=Kind.INTEGER,
    ),
    Column(
        "from_humanitarian",
        _("From humanitarian organisations"),
        "#reached+humanitarian",
        "from_humanitarian",
        kind=Kind.INTEGER,
    ),
    Column("from_other", _("From other organisations"), "#reached+other", "from_other", kind=Kind.INTEGER),
    Column("sensitivity", _("Sensitivity"), "#meta+sensitivity", "sensitivity", choices=Sensitivity.choices),
]


@register("trainings", title=_("Trainings"), columns=TRAINING_COLUMNS)
def trainings(request, operation):
    """The operation's trainings the reader may export, filtered and ordered as the training list."""
    queryset = (
        Training.objects.restrict(request.user, Action.EXPORT)
        .filter(operation=operation)
        .annotate(country_code=Value(operation.code))
        .order_by("-start_date", "-pk")
    )
    filterset = TrainingFilterSet(request.GET, queryset=queryset, request=request, operation=operation)
    return filterset.qs if filterset.is_valid() else queryset.none()
