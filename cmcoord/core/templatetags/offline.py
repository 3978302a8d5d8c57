"""Template helpers of the installable app (:mod:`cmcoord.core.offline`): drafts kept on the device."""

from django import template
from django.conf import settings
from django.utils.html import format_html

from cmcoord.core.choices import Sensitivity

register = template.Library()


@register.simple_tag
def offline_max_days():
    return settings.OFFLINE_MAX_DAYS


@register.simple_tag
def draft_form(name, record=None):
    """``<form … {% draft_form "task-note" record=task %}>``: the form keeps its draft on the device as typed
    (static/js/drafts.js), unless the record is Strictly confidential, or until that level is chosen in the form."""
    if getattr(record, "sensitivity", None) == Sensitivity.STRICTLY_CONFIDENTIAL:
        return format_html('data-draft="{}" data-draft-off', name)
    return format_html('data-draft="{}" data-draft-off-level="{}"', name, Sensitivity.STRICTLY_CONFIDENTIAL.value)
