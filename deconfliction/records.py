"""Notifications of the humanitarian notification system as a record type of the kit (:mod:`cmcoord.records`):
their columns, pages, export and API. A notification is named in its address by its reference
(``…/notifications/HNS-CAF-2026-0012/``); its workflow pages (a party's answer, the operation's response time) are
the app's own (``urls.py``)."""

from dataclasses import replace

from django.db.models import Prefetch
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from cmcoord.core.access import Action
from cmcoord.core.navigation import Group
from cmcoord.exports import Kind
from cmcoord.records import Column, RecordType, Texts
from cmcoord.records.columns import COUNTRY_CODE, IDENTIFIER, SENSITIVITY
from protection_tasks.models import Task

from . import services
from .choices import NotificationKind, NotificationStatus
from .filtersets import NotificationFilterSet
from .forms import NotificationForm
from .models import NOTIFICATION_REFERENCE, Notification, PartyAnswer
from .views import notification_detail_context


class NotificationReferenceConverter:
    """``HNS-CAF-2026-0012``, in either case (read upper-cased); anything else is no address (404)."""

    regex = NOTIFICATION_REFERENCE.replace("A-Z", "A-Za-z")

    def to_python(self, value: str) -> str:
        return value.upper()

    def to_url(self, value) -> str:
        return str(value)


register_converter(NotificationReferenceConverter, "notification")


def _create(user, notification, form):
    return services.notification_create(
        user=user,
        notification=notification,
        parties=list(form.cleaned_data["parties"]),
        tasks=form.cleaned_data["tasks"],
    )


def _edit(user, notification, form):
    return services.notification_edit(
        user=user,
        notification=notification,
        expected_version=form.cleaned_data["version"],
        parties=list(form.cleaned_data["parties"]),
        tasks=form.cleaned_data["tasks"],
    )


def _api_prefetch(user) -> list:
    """The API's reads: the mission (public), the tasks and the answers the reader may read through the API (an
    answer counts its party's level too)."""
    return [
        "mission",
        Prefetch("tasks", queryset=Task.objects.restrict(user, Action.API), to_attr="api_tasks"),
        Prefetch(
            "answers",
            queryset=PartyAnswer.objects.restrict(user, Action.API)  # the party's level counts too
            .select_related("party")
            .order_by("party__name", "pk"),
            to_attr="api_answers",
        ),
    ]


NOTIFICATIONS = RecordType(
    model=Notification,
    namespace="deconfliction",
    prefix="notifications",
    label=_("Notifications"),
    group=Group.FIELD,
    order=10,
    key="reference",
    key_converter="notification",
    filterset=NotificationFilterSet,
    form=NotificationForm,
    ordering=("-submitted_at", "-pk"),
    create=_create,
    edit=_edit,
    detail_context=notification_detail_context,
    views={
        "list": "deconfliction.views.NotificationListView",
        "create": "deconfliction.views.NotificationCreateView",
        "edit": "deconfliction.views.NotificationEditView",
    },
    extra_urls="deconfliction.urls",
    export_name="notifications",
    serializer="deconfliction.api.NotificationSerializer",
    api_prefix="notifications",
    api_prefetch=_api_prefetch,
    texts=Texts(
        add=_("New notification"),
        edit=_("Edit notification"),
        save=_("Save notification"),
        save_new=_("Record notification"),
        empty=_("No notifications match."),
        listed=ngettext_lazy("%(count)s notification listed", "%(count)s notifications listed", "count"),
        intro=_("Static sites and movements notified to the parties for deconfliction (Guidance Note III, Dialogue)."),
    ),
    columns=[
        COUNTRY_CODE,
        IDENTIFIER,
        Column(
            "reference",
            _("Reference"),
            "#meta+ref",
            "reference",
            heading=_("Notification"),
            head=True,
            cell="deconfliction/_cell_notification.html",
        ),
        Column("title", _("Site or movement"), "#event+name", "title", listed=False),
        Column("kind", _("Kind"), "#event+type", "kind", choices=NotificationKind.choices),
        Column("organisation", _("Notifying organisation"), "#org+name", "notifying_organisation", listed=False),
        Column("valid", _("Valid"), cell="deconfliction/_cell_valid.html"),
        Column("valid_from", _("Valid from"), "#date+start", "valid_from", kind=Kind.DATE, listed=False),
        Column("valid_to", _("Valid to"), "#date+end", "valid_to", kind=Kind.DATE, listed=False),
        Column("submitted", _("Submitted"), cell="deconfliction/_cell_submitted.html"),
        Column(
            "status",
            _("Status"),
            "#status",
            "status",
            choices=NotificationStatus.choices,
            cell="deconfliction/_cell_status.html",
        ),
        Column("answers", _("Answers"), cell="deconfliction/_cell_answers.html"),
        Column("admin1_name", _("Admin 1"), "#adm1+name", "admin1_name", listed=False),
        Column("admin1_pcode", _("Admin 1 P-code"), "#adm1+code", "admin1_pcode", listed=False),
        Column("admin2_name", _("Admin 2"), "#adm2+name", "admin2_name", listed=False),
        Column("admin2_pcode", _("Admin 2 P-code"), "#adm2+code", "admin2_pcode", listed=False),
        replace(SENSITIVITY, listed=False),
    ],
)
