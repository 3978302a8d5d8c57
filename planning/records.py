"""Planning documents and MCDA requests as record types of the kit (:mod:`cmcoord.records`): their columns, pages,
export and API. Both live under the operation's ``planning/`` beside the set-up checklist (``planning/urls.py``),
which is the app's own page, not a record type."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from cmcoord.core.navigation import Group
from cmcoord.exports import Kind
from cmcoord.records import Column, RecordType, Texts
from cmcoord.records.columns import COUNTRY_CODE, IDENTIFIER, SENSITIVITY

from .choices import Decision, DocumentKind, DocumentStatus, Justification
from .filtersets import MCDARequestFilterSet, PlanningDocumentFilterSet
from .forms import MCDARequestForm, PlanningDocumentForm
from .models import MCDARequest, PlanningDocument
from .selectors import document_detail_context, document_prefetch
from .services import DOCUMENT_FIELDS, MCDA_FIELDS

DOCUMENTS = RecordType(
    model=PlanningDocument,
    namespace="planning-documents",
    prefix="planning/documents",
    slug="document",  # the pages' test ids: document-table, document-row, document-title …
    label=_("Planning documents"),
    group=Group.PLANNING,
    order=10,
    filterset=PlanningDocumentFilterSet,
    form=PlanningDocumentForm,
    ordering=("kind", "-effective_date", "pk"),
    scoped_relations=("mission",),
    links=("tasks",),  # the form's task references, those the editor cannot see kept (PlanningDocumentForm)
    tracked_fields=DOCUMENT_FIELDS,
    detail_context=document_detail_context,
    views={
        "list": "planning.views.documents.DocumentListView",  # with the PP-4 flag
        "create": "planning.views.documents.DocumentCreateView",  # opened from a task's page, names the task
    },
    serializer="planning.api.PlanningDocumentSerializer",
    api_basename="planning-document",
    api_prefetch=document_prefetch,
    texts=Texts(
        add=_("New planning document"),
        edit=_("Edit planning document"),
        save=_("Save"),
        created=_("Planning document “%(record)s” recorded."),
        saved=_("Planning document “%(record)s” saved."),
        empty=_("No planning documents match."),
        listed=ngettext_lazy("%(count)s planning document listed", "%(count)s planning documents listed", "count"),
    ),
    columns=[
        COUNTRY_CODE,
        IDENTIFIER,
        Column("title", _("Title"), "#meta+title", "title", link=True),
        Column("kind", _("Kind"), "#meta+type", "kind", choices=DocumentKind.choices),
        Column(
            "status",
            _("Status"),
            "#status",
            "status",
            choices=DocumentStatus.choices,
            cell="planning/_cell_status.html",
        ),
        Column(
            "effective",
            _("Effective date"),
            "#date+effective",
            "effective_date",
            kind=Kind.DATE,
            heading=_("Effective"),
        ),
        Column(
            "review_due",
            _("Review due"),
            "#date+review",
            "review_due",
            kind=Kind.DATE,
            cell="planning/_cell_review.html",
        ),  # with "Review overdue"
        SENSITIVITY,
    ],
)


def _justification(choice):
    """A last-resort justification of an MCDA request, exported as yes or no."""
    hxl = f"#meta+last_resort+{choice.value}"
    return Column(choice.value, choice.label, hxl, choice.value, kind=Kind.BOOLEAN, listed=False)


MCDA = RecordType(
    model=MCDARequest,
    namespace="mcda-requests",
    prefix="planning/mcda",
    slug="mcda",  # the pages' test ids: mcda-table, mcda-row, mcda-title …
    label=_("MCDA requests"),
    group=Group.PLANNING,
    order=20,
    filterset=MCDARequestFilterSet,
    form=MCDARequestForm,
    ordering=("-requested_on", "-pk"),
    scoped_relations=("task", "asset_actor", "asset_mission"),
    tracked_fields=MCDA_FIELDS,
    views={"create": "planning.views.mcda.MCDACreateView"},
    serializer="planning.api.MCDARequestSerializer",
    api_basename="mcda-request",
    texts=Texts(
        add=_("New MCDA request"),
        edit=_("Edit MCDA request"),
        save=_("Save"),
        created=_("MCDA request “%(record)s” recorded."),
        saved=_("MCDA request “%(record)s” saved."),
        empty=_("No MCDA requests match."),
        listed=ngettext_lazy("%(count)s MCDA request listed", "%(count)s MCDA requests listed", "count"),
        intro=_("Requests for military and civil defence assets, used for humanitarian work only as a last resort."),
    ),
    columns=[
        COUNTRY_CODE,
        IDENTIFIER,
        Column("requested", _("Requested"), "#item+request", "requested", link=True),
        Column("asset", _("Asset"), "#item+asset", "asset"),
        Column("purpose", _("Humanitarian purpose"), "#description+purpose", "purpose", listed=False),
        *(_justification(choice) for choice in Justification),
        Column("requested_on", _("Requested on"), "#date+requested", "requested_on", kind=Kind.DATE),
        Column(
            "decision",
            _("Decision"),
            "#status+decision",
            "decision",
            choices=Decision.choices,
            cell="planning/_cell_decision.html",
        ),  # with the date of the decision
        Column("decided_on", _("Decided on"), "#date+decided", "decided_on", kind=Kind.DATE, listed=False),
        Column("task", _("Task"), cell="planning/_cell_task.html"),  # never exported: a restricted record's name
        SENSITIVITY,
    ],
)
