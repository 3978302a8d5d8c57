"""The offline page, with the forms an officer can fill in with no connection at all, even ones never opened online:
a progress note on one of their tasks, an engagement with the follow-ups agreed at it, an access incident.

The page is stored by the service worker for everyone who installs the app (``cmcoord/core/offline.py``), so it is
rendered as for a visitor: the forms' labels and fixed choices only. Their choices of records (the person's
operations, tasks, actors, the catalogue's activities) are drawn on the device from what it keeps to be read offline
(``cmcoord/api/offline_data.py``: never a Strictly confidential record, only the operations the person works in) by
``static/js/offline_forms.js``. A form filled here is queued in the outbox (``static/js/outbox.js``), never posted
here (``data-outbox-only``), and sent through the same API routes as the pages' own forms, where the same forms and
services check it; a refusal comes back here as a draft with the server's message.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import AnonymousUser
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from cmcoord.core.forms import StrictForm
from cmcoord.core.offline import max_days
from cmcoord.operations.models import CountryOperation
from cmcoord.records import outbox
from engagements.choices import EngagementMode
from engagements.forms import EngagementForm, FollowUpForm
from incidents.choices import AccessCategory, IncidentSource
from incidents.forms import IncidentForm
from protection_tasks.models import Task


def _chosen_on_device(label, source: str, *, multiple=False, required=True, depends: str = "operation"):
    """A choice among records the device keeps (``source``: a key of the offline data), drawn there by script;
    ``depends``: the field whose operation the records must belong to."""
    attrs = {"data-offline-choices": source}
    if depends:
        attrs["data-offline-depends"] = depends
    if multiple:
        attrs["size"] = 6
        return forms.MultipleChoiceField(label=label, required=required, widget=forms.SelectMultiple(attrs=attrs))
    return forms.ChoiceField(label=label, required=required, widget=forms.Select(attrs=attrs))


def _label(form_class, name: str) -> str:
    """The label the page's own form gives a field: one wording, and one translation, for both."""
    return form_class.base_fields[name].label


def _operation():
    return _chosen_on_device(capfirst(CountryOperation._meta.verbose_name), "operations", depends="")


class OfflineNoteForm(StrictForm):
    # Not sent: the chosen task's own route takes the note (its option says which).
    task = _chosen_on_device(capfirst(Task._meta.verbose_name), "tasks", depends="")
    task.widget.attrs["data-outbox-skip"] = ""
    text = forms.CharField(
        label=gettext_lazy("Progress note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class OfflineEngagementForm(StrictForm):
    operation = _operation()
    occurred_at = forms.CharField(
        label=_label(EngagementForm, "occurred_at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    mode = forms.ChoiceField(label=_label(EngagementForm, "mode"), choices=EngagementMode.choices)
    actors = _chosen_on_device(_label(EngagementForm, "actors"), "actors", multiple=True)
    summary = forms.CharField(label=_label(EngagementForm, "summary"), widget=forms.Textarea(attrs={"rows": 4}))


class OfflineFollowUpForm(StrictForm):
    text = forms.CharField(label=_label(FollowUpForm, "text"), widget=forms.Textarea(attrs={"rows": 2}))
    activity = _chosen_on_device(_label(FollowUpForm, "activity"), "activities", required=False)


class OfflineIncidentForm(StrictForm):
    operation = _operation()
    title = forms.CharField(label=_label(IncidentForm, "title"), max_length=200)
    occurred_on = forms.CharField(
        label=_label(IncidentForm, "occurred_on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    category = forms.ChoiceField(label=_label(IncidentForm, "category"), choices=AccessCategory.choices)
    actor = _chosen_on_device(_label(IncidentForm, "actor"), "actors", required=False)
    source = forms.ChoiceField(
        label=_label(IncidentForm, "source"), choices=[("", "---------"), *IncidentSource.choices]
    )
    description = forms.CharField(
        label=_label(IncidentForm, "description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


def offline_forms() -> dict:
    """Each form of the offline page with where it is sent. Fields keep the API's names (the outbox sends them as
    they are); the ids are each form's own, one page holding them all."""
    return {
        "note": OfflineNoteForm(auto_id="offline-note-%s"),
        "engagement": OfflineEngagementForm(auto_id="offline-engagement-%s"),
        "engagement_outbox": outbox.target("engagement-list"),
        "follow_up": OfflineFollowUpForm(auto_id="offline-follow-up-%s"),
        "follow_up_outbox": outbox.target("follow-up-list", after="engagement"),
        "incident": OfflineIncidentForm(auto_id="offline-incident-%s"),
        "incident_outbox": outbox.target("access-incident-list"),
    }


@login_not_required
@require_safe
def offline_page(request):
    """The page the service worker shows when a page cannot be reached. Stored by the worker for everyone who
    installs it, so it holds no one's name, operation or messages: it is rendered as for a visitor."""
    context = {
        "user": AnonymousUser(), "messages": [], "max_days": max_days(), "offline_page": True,
        "forms": offline_forms(),
    }  # fmt: skip
    response = TemplateResponse(request, "offline/offline.html", context)
    patch_cache_control(response, no_cache=True, max_age=0)
    return response
