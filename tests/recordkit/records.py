from cmcoord.core.navigation import Group
from cmcoord.core.versioning import VersionedForm
from cmcoord.exports import Kind
from cmcoord.gazetteer.forms import PlacePickerMixin
from cmcoord.records import Column, RecordType
from cmcoord.records.columns import COUNTRY_CODE, IDENTIFIER, SENSITIVITY
from cmcoord.records.filters import RecordFilterSet, location_filter

from .models import SiteVisit


class SiteVisitForm(PlacePickerMixin, VersionedForm):
    class Meta:
        model = SiteVisit
        fields = ["title", "visited_on", "notes", "admin1_name", "admin1_pcode", "admin2_name", "admin2_pcode",
                  "tasks", "sensitivity"]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tasks"].queryset = self.fields["tasks"].queryset.filter(operation=self.operation)


class SiteVisitFilterSet(RecordFilterSet):
    location = location_filter()
    search_fields = ("title", "notes")

    class Meta:
        model = SiteVisit
        fields = []


SITE_VISITS = RecordType(
    model=SiteVisit,
    namespace="site-visits",
    label="Site visits",
    group=Group.FIELD,
    order=90,
    filterset=SiteVisitFilterSet,
    form=SiteVisitForm,
    ordering=("-visited_on", "-pk"),
    columns=[
        COUNTRY_CODE,
        IDENTIFIER,
        Column("title", "Title", "#event+name", "title", link=True),
        Column("visited_on", "Visited on", "#date", "visited_on", kind=Kind.DATE),
        Column("admin1_pcode", "Admin 1 P-code", "#adm1+code", "admin1_pcode"),
        SENSITIVITY,
    ],
)
