"""Template helpers of the installable app (:mod:`cmcoord.core.offline`): drafts kept on the device, and where a
form submitted offline is sent later (:mod:`cmcoord.records.outbox`)."""

import json

from django import forms, template
from django.conf import settings
from django.utils.html import format_html, format_html_join

from cmcoord.core.choices import Sensitivity

register = template.Library()


@register.simple_tag
def offline_max_days():
    return settings.OFFLINE_MAX_DAYS


@register.simple_tag
def outbox_parallel():
    from cmcoord.core.offline import parallel_sends

    return parallel_sends()


def _lists(form) -> list[str]:
    """The fields of ``form`` that carry a list of values (the API takes them as a JSON list)."""
    if form is None:
        return []
    multiple = (forms.MultipleChoiceField, forms.ModelMultipleChoiceField)
    return [bound.html_name for bound in form if isinstance(bound.field, multiple)]


@register.simple_tag
def draft_form(name, record=None, form=None, outbox=None):
    """``<form … {% draft_form "task-note" record=task form=note_form outbox=note_outbox %}>``: the form keeps its
    draft on the device as typed (static/js/drafts.js), unless the record is Strictly confidential, or until that
    level is chosen in the form. With ``outbox`` (a :class:`cmcoord.records.outbox.Target` from the view), a submission
    without a connection is queued and sent later through that API route (static/js/outbox.js)."""
    if getattr(record, "sensitivity", None) == Sensitivity.STRICTLY_CONFIDENTIAL:
        return format_html('data-draft="{}" data-draft-off', name)
    attributes = format_html('data-draft="{}" data-draft-off-level="{}"', name, Sensitivity.STRICTLY_CONFIDENTIAL.value)
    if outbox is None:
        return attributes
    pairs = [
        ("data-outbox-route", outbox.route),
        ("data-outbox-method", outbox.method),
        ("data-outbox-extra", json.dumps(outbox.extra)),
        ("data-outbox-lists", " ".join(_lists(form))),
    ]
    if outbox.after:
        pairs.append(("data-outbox-after", outbox.after))
    if outbox.versioned:
        pairs.append(("data-outbox-version", "version"))
    return format_html("{} {}", attributes, format_html_join(" ", '{}="{}"', pairs))
