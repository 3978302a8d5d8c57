"""Training events as a record type of the kit (:mod:`cmcoord.records`): their columns, pages, export and API."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from cmcoord.core.access import Action
from cmcoord.core.navigation import Group
from cmcoord.exports import Kind
from cmcoord.records import Column, RecordType, Texts
from cmcoord.records.columns import COUNTRY_CODE, IDENTIFIER, SENSITIVITY, number_column

from .filtersets import TrainingFilterSet
from .forms import TrainingForm
from .models import Training
from .selectors import training_detail_context, training_prefetch

TRAININGS = RecordType(
    model=Training,
    namespace="trainings",
    label=_("Trainings"),
    group=Group.FIELD,
    order=30,
    filterset=TrainingFilterSet,
    form=TrainingForm,
    ordering=("-start_date", "-pk"),
    detail_context=training_detail_context,
    serializer="trainings.api.TrainingSerializer",
    api_prefetch=training_prefetch,
    texts=Texts(
        add=_("Record a training"),
        edit=_("Edit training"),
        save=_("Save training"),
        created=_("Training recorded."),
        saved=_("Training saved."),
        empty=_("No trainings match."),
        listed=ngettext_lazy("%(count)s training listed", "%(count)s trainings listed", "count"),
        intro=_(
            "Training events and workshops for armed actors, authorities and humanitarians (Guidance Note III.4, "
            "CB-1 to CB-5)."
        ),
    ),
    columns=[
        COUNTRY_CODE,
        IDENTIFIER,
        Column("dates", _("Dates"), cell="trainings/_cell_dates.html"),
        Column(
            "title",
            _("Title"),
            "#event+name",
            "title",
            heading=_("Training"),
            head=True,
            cell="trainings/_cell_title.html",
        ),
        Column("start", _("Start date"), "#date+start", "start_date", kind=Kind.DATE, listed=False),
        Column("end", _("End date"), "#date+end", "end_date", kind=Kind.DATE, listed=False),
        Column("place", _("Place"), cell="records/cells/place.html"),
        Column("admin1_name", _("Admin 1"), "#adm1+name", "admin1_name", listed=False),
        Column("admin1_pcode", _("Admin 1 P-code"), "#adm1+code", "admin1_pcode", listed=False),
        Column("admin2_name", _("Admin 2"), "#adm2+name", "admin2_name", listed=False),
        Column("admin2_pcode", _("Admin 2 P-code"), "#adm2+code", "admin2_pcode", listed=False),
        Column("partners", _("Co-facilitating partners"), "#org+name+partner", "partners", listed=False),
        Column("participants", _("Participants"), value="participants"),
        Column("tests", _("Pre / post test"), cell="trainings/_cell_tests.html"),
        number_column("female", _("Female participants"), "#reached+f", "female"),
        number_column("male", _("Male participants"), "#reached+m", "male"),
        number_column("sex_other", _("Other or undisclosed"), "#reached+sex_other", "sex_other"),
        number_column("from_military", _("From the military"), "#reached+military", "from_military"),
        number_column("from_police", _("From police and gendarmerie"), "#reached+police", "from_police"),
        number_column("from_nsag", _("From non-state armed groups"), "#reached+nsag", "from_nsag"),
        number_column("from_authorities", _("From civil authorities"), "#reached+authorities", "from_authorities"),
        number_column(
            "from_humanitarian", _("From humanitarian organisations"), "#reached+humanitarian", "from_humanitarian"
        ),
        number_column("from_other", _("From other organisations"), "#reached+other", "from_other"),
        SENSITIVITY,
    ],
    nav_action=Action.VIEW,
)
