"""Engagements and key messages as record types of the kit (:mod:`cmcoord.records`): their columns, pages, export
and API. Both share the ``engagements`` URL namespace, their pages named ``engagement-list``, ``key-message-detail``
…; an engagement's follow-ups have pages of their own (``engagements.urls``)."""

import datetime

from django.conf import settings
from django.db.models import CharField, F, Func, Value
from django.db.models.functions import Replace, TruncDate
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from cmcoord.core.navigation import Group
from cmcoord.exports import Kind
from cmcoord.records import Column, RecordType, Texts
from cmcoord.records.columns import COUNTRY_CODE, IDENTIFIER, SENSITIVITY

from . import services
from .choices import EngagementMode, KeyMessageStatus, MessageIssue
from .filtersets import EngagementFilterSet, KeyMessageFilterSet
from .forms import EngagementForm, KeyMessageForm
from .models import Engagement, KeyMessage
from .selectors import (
    engagement_detail_context,
    engagement_list,
    engagement_prefetch,
    key_message_detail_context,
    key_message_list,
    key_message_prefetch,
)

NAMESPACE = "engagements"


def _url_names(slug: str) -> dict:
    return {page: f"{slug}-{page}" for page in ("list", "detail", "create", "edit")}


def _saves(create, edit, record_name: str, links: tuple[str, ...]):
    """The kit's ``create`` and ``edit`` callables for a record saved by this app's services with its ``links``
    (the services keep the links the user cannot see, and refuse a declassification the user may not make)."""

    def chosen(form) -> dict:
        return {name: form.cleaned_data[name] for name in links}

    def created(user, record, form):
        return create(user=user, **{record_name: record}, **chosen(form))

    def edited(user, record, form):
        expected = form.cleaned_data["version"]
        return edit(user=user, **{record_name: record}, expected_version=expected, **chosen(form))

    return {"create": created, "edit": edited}


def _topics():
    """The stored ``,access,psea,`` as ``access, psea``."""
    trimmed = Func(Func(F("topics"), Value(","), function="RTRIM"), Value(","), function="LTRIM")
    return Replace(trimmed, Value(","), Value(", "), output_field=CharField())


ENGAGEMENTS = RecordType(
    model=Engagement,
    namespace=NAMESPACE,
    prefix="engagements",
    url_names=_url_names("engagement"),
    label=_("Engagements"),
    group=Group.ACTORS,
    order=20,
    filterset=EngagementFilterSet,
    form=EngagementForm,
    ordering=("-occurred_at", "-pk"),
    scoped_relations=("mission",),
    list_queryset=engagement_list,
    tracked_fields=services.TRACKED_FIELDS[Engagement],
    **_saves(
        services.engagement_create,
        services.engagement_edit,
        "engagement",
        ("actors", "ocha_participants", "tasks", "key_messages"),
    ),
    detail_context=engagement_detail_context,
    views={"create": "engagements.views.EngagementCreateView", "detail": "engagements.views.EngagementDetailView"},
    extra_urls="engagements.urls",
    serializer="engagements.api.EngagementSerializer",
    api_prefetch=engagement_prefetch,
    texts=Texts(
        add=_("Log an engagement"),
        edit=_("Edit engagement"),
        save=_("Save engagement"),
        created=_("Engagement recorded. Add what was agreed as follow-ups."),
        saved=_("Engagement saved."),
        empty=_("No engagements match."),
        listed=ngettext_lazy("%(count)s engagement listed", "%(count)s engagements listed", "count"),
        intro=_(
            "Meetings, calls and letters with armed actors and others, and the follow-ups agreed there (Guidance "
            "Note III.2, DI-1 to DI-6)."
        ),
    ),
    columns=[
        COUNTRY_CODE,
        IDENTIFIER,
        Column(
            "date",
            _("Date (UTC)"),
            "#date",
            TruncDate("occurred_at", tzinfo=datetime.UTC),
            kind=Kind.DATE,
            heading=_("Date"),
            head=True,
            cell="engagements/_cell_occurred.html",
        ),
        Column(
            "mode", _("Mode"), "#event+type", "mode", choices=EngagementMode.choices, cell="engagements/_cell_mode.html"
        ),
        Column("actors", _("Actors met"), cell="engagements/_cell_actors.html"),
        Column("topics", _("Topics"), "#event+topics", _topics(), cell="engagements/_cell_topics.html"),
        Column("place", _("Place"), cell="records/cells/place.html"),
        Column("admin1_name", _("Admin 1"), "#adm1+name", "admin1_name", listed=False),
        Column("admin1_pcode", _("Admin 1 P-code"), "#adm1+code", "admin1_pcode", listed=False),
        Column("admin2_name", _("Admin 2"), "#adm2+name", "admin2_name", listed=False),
        Column("admin2_pcode", _("Admin 2 P-code"), "#adm2+code", "admin2_pcode", listed=False),
        Column("summary", _("Summary"), "#description+summary", "summary", listed=False),
        Column("outcome", _("Outcome"), "#description+outcome", "outcome", listed=False),
        Column("open_follow_ups", _("Follow-ups not yet tasks"), value="open_follow_ups"),
        Column(
            "delivered_language",
            _("Key messages delivered in"),
            "#meta+lang+delivered",
            "delivered_language",
            choices=settings.LANGUAGES,
            listed=False,
        ),
        SENSITIVITY,
    ],
)

KEY_MESSAGES = RecordType(
    model=KeyMessage,
    namespace=NAMESPACE,
    prefix="key-messages",
    url_names=_url_names("key-message"),
    slug="key-message",
    label=_("Key messages"),
    group=Group.ACTORS,
    order=30,
    filterset=KeyMessageFilterSet,
    form=KeyMessageForm,
    ordering=("title", "pk"),
    list_queryset=key_message_list,
    tracked_fields=services.TRACKED_FIELDS[KeyMessage],
    **_saves(services.key_message_create, services.key_message_edit, "message", ("target_actors", "engagements")),
    detail_context=key_message_detail_context,
    export_name="key-messages",
    serializer="engagements.api.KeyMessageSerializer",
    api_prefix="key-messages",
    api_basename="key-message",
    api_prefetch=key_message_prefetch,
    texts=Texts(
        add=_("New key message"),
        edit=_("Edit key message"),
        save=_("Save key message"),
        created=_("Key message recorded."),
        saved=_("Key message saved."),
        empty=_("No key messages match."),
        listed=ngettext_lazy("%(count)s key message listed", "%(count)s key messages listed", "count"),
        intro=_(
            "What the HCT wants armed actors to hear, and the engagements at which it was delivered (Guidance Note "
            "III.3, AD-1 to AD-11)."
        ),
    ),
    columns=[
        COUNTRY_CODE,
        IDENTIFIER,
        Column("title", _("Title"), "#output+title", "title", link=True),
        Column("issue", _("Issue"), "#output+issue", "issue", choices=MessageIssue.choices),
        Column("status", _("Status"), "#status", "status", choices=KeyMessageStatus.choices),
        Column("text", _("Message"), "#description", "text", listed=False),
        Column(
            "language", _("Language of the message"), "#meta+lang", "language", choices=settings.LANGUAGES, listed=False
        ),
        Column("text_en", _("Message in English"), "#description+i_en", "text_en", listed=False),
        Column("text_fr", _("Message in French"), "#description+i_fr", "text_fr", listed=False),
        Column("text_es", _("Message in Spanish"), "#description+i_es", "text_es", listed=False),
        Column("text_ar", _("Message in Arabic"), "#description+i_ar", "text_ar", listed=False),
        Column("targets", _("Target actors"), cell="engagements/_cell_actors.html"),
        Column("endorsed_on", _("Endorsed by the HCT"), "#date+endorsed", "endorsed_on", kind=Kind.DATE),
        Column("deliveries", _("Delivered at"), cell="engagements/_cell_deliveries.html"),
        SENSITIVITY,
    ],
)
