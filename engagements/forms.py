"""Forms of engagements, follow-ups and key messages. Choices are narrowed to the operation and, through
ScopedModelForm, to what the user may read."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cmcoord.core.access import Action
from cmcoord.core.forms import ScopedModelForm
from cmcoord.core.people import person_name
from cmcoord.core.versioning import VersionedForm
from cmcoord.gazetteer.forms import PlacePickerMixin
from cmcoord.operations.selectors import operation_members
from cmcoord.records.forms import PLACE
from protection_tasks.choosers import TaskChooserField
from protection_tasks.selectors import activities_for_operation, grouped_activity_choices
from summaries.forms import SummaryFormMixin

from .choices import EngagementTopic
from .models import TEXT_LANGUAGES, Engagement, FollowUp, KeyMessage, encode_topics, language_name, version_field

SENSITIVITY_HELP = gettext_lazy(
    "Unclassified: the HCT and HQ read it. Confidential: officers, head of office and HQ. "
    "Strictly confidential: this operation's officers and head only."
)


class LocalDateTimeField(forms.DateTimeField):
    """A date and time entered and shown in the operation's time zone, whatever the server's."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    time_zone = None

    def to_python(self, value):
        with timezone.override(self.time_zone):
            return super().to_python(value)

    def prepare_value(self, value):
        with timezone.override(self.time_zone):
            return super().prepare_value(value)


def _actor_label(actor) -> str:
    return f"{actor} · {actor.get_category_display()}"


class RecordForm(VersionedForm):
    """A versioned form of this app's records, with the help every sensitivity field gives."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sensitivity"].help_text = SENSITIVITY_HELP


class EngagementForm(SummaryFormMixin, PlacePickerMixin, RecordForm):
    layout = (
        [("occurred_at", "mode"), "actors", "mission", "topics", "summary", "outcome", "hct_summary"],
        [
            "sensitivity",
            "ocha_participants",
            "other_participants",
            PLACE,
            "tasks",
            "key_messages",
            "delivered_language",
        ],
    )

    topics = forms.MultipleChoiceField(
        label=gettext_lazy("Topics"), choices=EngagementTopic.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    key_messages = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Key messages delivered"), queryset=KeyMessage.objects.all(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )  # fmt: skip

    class Meta:
        model = Engagement
        fields = [
            "occurred_at", "mode", "actors", "mission", "ocha_participants", "other_participants",
            "summary", "outcome", "tasks", "sensitivity", "delivered_language",
            "admin1_name", "admin1_pcode", "admin2_name", "admin2_pcode",
        ]  # fmt: skip
        field_classes = {"occurred_at": LocalDateTimeField, "tasks": TaskChooserField}
        widgets = {
            "actors": forms.SelectMultiple(attrs={"size": 6}),
            "ocha_participants": forms.SelectMultiple(attrs={"size": 4}),
            "other_participants": forms.Textarea(attrs={"rows": 2}),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "outcome": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        operation = self.operation
        self.fields["occurred_at"].time_zone = operation.time_zone
        self.fields["occurred_at"].help_text = _("Local time of the operation (%(zone)s); at most a day ahead.") % {
            "zone": operation.time_zone
        }
        actors = self.fields["actors"]
        actors.queryset = actors.queryset.filter(operation=operation).order_by("name")
        actors.label_from_instance = _actor_label
        actors.help_text = _("Armed actors make the engagement Confidential unless the head of office decides.")
        self.fields["mission"].queryset = self.fields["mission"].queryset.filter(operations=operation)
        people = self.fields["ocha_participants"]
        people.queryset = operation_members(self.user, operation, Action.CHANGE)
        people.label_from_instance = person_name
        tasks = self.fields["tasks"]
        tasks.queryset = tasks.queryset.filter(operation=operation).order_by("-created_at", "-pk")
        tasks.help_text = _("The tasks of the operation this engagement served.") + " " + TaskChooserField.HINT
        messages = self.fields["key_messages"]
        messages.queryset = messages.queryset.filter(operation=operation)
        if self.instance.pk:
            self.initial["topics"] = self.instance.topic_list
            self.initial["key_messages"] = list(
                messages.queryset.filter(engagements=self.instance).values_list("pk", flat=True)
            )
        self._offer_delivered_languages(messages.queryset)

    def _offer_delivered_languages(self, messages) -> None:
        """Offer only the languages the operation's key messages (those the user may read) have a version in, and
        the one stored: read when the form is drawn (one query), not when it is posted, where each chosen message
        is checked for the language instead (``clean``)."""
        field = self.fields["delivered_language"]
        stored = self.instance.delivered_language

        def offered():
            if not self.user.is_authenticated:  # the API schema's form, built for nobody: every code the API takes
                return [("", "—"), *settings.LANGUAGES]
            columns = ["language", *(version_field(code) for code in TEXT_LANGUAGES)]
            codes = {stored} - {""}
            for row in messages.order_by().values_list(*columns).distinct():
                codes.add(row[0])
                codes.update(code for code, text in zip(TEXT_LANGUAGES, row[1:], strict=True) if text.strip())
            return [("", "—"), *((code, name) for code, name in settings.LANGUAGES if code in codes)]

        field.choices = offered
        field.valid_value = lambda value: value in dict(settings.LANGUAGES)
        field.help_text = _("Which language's version of the key messages was delivered.")

    def clean(self):
        cleaned = super().clean()
        self.instance.topics = encode_topics(cleaned.get("topics") or [])
        language = cleaned.get("delivered_language")
        chosen = cleaned.get("key_messages")
        if language and chosen is not None:
            if not chosen:
                self.add_error("delivered_language", _("Choose the key messages delivered in this language."))
            elif lacking := [message for message in chosen if language not in message.languages]:
                self.add_error(
                    "delivered_language",
                    _("No %(language)s version of: %(messages)s.")
                    % {
                        "language": language_name(language),
                        "messages": ", ".join(f"“{message.title}”" for message in lacking),
                    },
                )
        return cleaned


class FollowUpForm(ScopedModelForm):
    """An agreed follow-up added to an engagement (the engagement is the page's, never a posted one)."""

    set_by_form = ("engagement",)

    class Meta:
        model = FollowUp
        fields = ["text", "activity", "owner", "due_date"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, engagement, **kwargs):
        self.engagement = engagement
        super().__init__(*args, **kwargs)
        operation = engagement.operation
        activities = list(activities_for_operation(operation))
        activity = self.fields["activity"]
        activity.queryset = activity.queryset.filter(pk__in=[a.pk for a in activities])
        activity.choices = grouped_activity_choices(activities)
        activity.widget = forms.Select(choices=activity.choices)
        activity.help_text = _("The catalogue activity the task will have.")
        owner = self.fields["owner"]
        owner.queryset = operation_members(self.user, operation, Action.CHANGE)
        owner.label_from_instance = person_name
        owner.help_text = _("Empty: whoever turns it into a task owns it.")

    def _post_clean(self):
        self.instance.engagement = self.engagement
        super()._post_clean()


def _version_widget(code: str) -> forms.Textarea:
    """A version's box, written in its language (Arabic right to left whatever the page's direction)."""
    attrs = {"rows": 3, "lang": code}
    if code == "ar":
        attrs["dir"] = "rtl"
    return forms.Textarea(attrs=attrs)


class KeyMessageForm(RecordForm):
    layout = (
        ["title", ("issue", "status"), "language", "text", *(version_field(code) for code in TEXT_LANGUAGES),
         "endorsed_on"],
        ["sensitivity", "target_actors", "engagements"],
    )  # fmt: skip

    class Meta:
        model = KeyMessage
        fields = [
            "title", "issue", "status", "language", "text", *(version_field(code) for code in TEXT_LANGUAGES),
            "target_actors", "endorsed_on", "engagements", "sensitivity",
        ]  # fmt: skip
        widgets = {
            **{version_field(code): _version_widget(code) for code in TEXT_LANGUAGES},
            "text": forms.Textarea(attrs={"rows": 5}),
            "endorsed_on": forms.DateInput(attrs={"type": "date"}),
            "target_actors": forms.SelectMultiple(attrs={"size": 6}),
            "engagements": forms.SelectMultiple(attrs={"size": 6}),
        }

    def clean_language(self):
        chosen = self.cleaned_data.get("language")
        if chosen:
            return chosen
        return self.instance.language if self.instance.pk else self.operation.language

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        operation = self.operation
        actors = self.fields["target_actors"]
        actors.queryset = actors.queryset.filter(operation=operation).order_by("name")
        actors.label_from_instance = _actor_label
        engagements = self.fields["engagements"]
        engagements.queryset = engagements.queryset.filter(operation=operation).select_related("operation")
        engagements.help_text = _("The engagements at which the message was delivered.")
        if not self.instance.pk:  # a new message is written in the office's working language, unless told otherwise
            self.initial["language"] = operation.language
        self.fields["language"].required = False  # not sent: as it stands (a new message: the office's language)
        for code in TEXT_LANGUAGES:
            self.fields[version_field(code)].help_text = _(
                "The version agreed in %(language)s, if any; empty where it is the text's own language."
            ) % {"language": language_name(code)}
