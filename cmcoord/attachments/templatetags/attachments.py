"""``{% attachment_panel record as panel %}`` (used by ``attachments/_panel.html``) and ``{{ record|upload_url }}``."""

from __future__ import annotations

from django import template

from cmcoord.core.access import Action, can

from ..forms import AttachmentForm
from ..links import upload_url as _upload_url
from ..selectors import attachment_list

register = template.Library()


@register.simple_tag(takes_context=True)
def attachment_panel(context, record) -> dict:
    """What the panel shows: the record's attachments the user may read and, for who may change the record, the
    upload form. A fixed number of queries however many files: the record's two questions (kept for the request)
    and one read of the attachments with their uploaders."""
    user = context["request"].user
    can_change = can(user, Action.CHANGE, record)
    return {
        "attachments": list(attachment_list(user=user, record=record)),
        "can_change": can_change,
        "form": AttachmentForm() if can_change else None,
        "upload_url": _upload_url(record),
    }


@register.filter
def upload_url(record) -> str:
    return _upload_url(record)
