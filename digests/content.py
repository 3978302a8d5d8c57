"""A digest's content: the chosen sections' data for an audience and a period, rendered as mail and as a page.

The data is built once (:func:`build_context`), stored with the digest, and rendered by the same section
templates twice over: into the mail, with inline styles (mail clients ignore style sheets), and into the
archive and preview pages, with the site's classes (the pages' Content-Security-Policy forbids inline styles).
"""

from __future__ import annotations

import re
from datetime import datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from cmcoord.core.access import audience_access

from . import sections
from .choices import AUDIENCE_STANDING, Audience

# Attributes the section templates put on their elements (``<table{{ s.table }}>``): one set per medium.
_MAIL = {
    "body": 'style="margin:0;padding:16px;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;'
    'font-size:14px;line-height:1.45;color:#1f2933"',
    "wrap": 'style="max-width:680px;margin:0 auto;background:#ffffff;padding:20px;border:1px solid #d9dde3"',
    "h1": 'style="font-size:20px;margin:0 0 4px 0;color:#0b3d66"',
    "h2": 'style="font-size:16px;margin:24px 0 8px 0;color:#0b3d66;border-bottom:2px solid #0b3d66;padding-bottom:4px"',
    "p": 'style="margin:0 0 8px 0"',
    "muted": 'style="color:#5f6b7a;font-size:12px;margin:0 0 8px 0"',
    "table": 'style="border-collapse:collapse;width:100%;margin:0 0 8px 0" cellpadding="0" cellspacing="0"',
    "th": 'style="text-align:left;padding:4px 6px;border-bottom:1px solid #9aa5b1;background:#eef1f4;font-size:13px"',
    "td": 'style="padding:4px 6px;border-bottom:1px solid #e4e7eb;vertical-align:top"',
    "num": 'style="padding:4px 6px;border-bottom:1px solid #e4e7eb;text-align:right;white-space:nowrap"',
    "restricted": 'style="color:#8a5300;font-size:12px"',
    "link": 'style="color:#0b5cad"',
    "button": 'style="display:inline-block;padding:8px 14px;background:#0b5cad;color:#ffffff;'
    'text-decoration:none;border-radius:4px"',
}
_PAGE = {
    "body": "",
    "wrap": 'class="digest"',
    "h1": 'class="h4"',
    "h2": 'class="h5 mt-4 border-bottom pb-1"',
    "p": 'class="mb-2"',
    "muted": 'class="small text-body-secondary mb-2"',
    "table": 'class="table table-sm"',
    "th": 'scope="col"',
    "td": "",
    "num": 'class="text-end text-nowrap"',
    "restricted": 'class="small text-warning-emphasis"',
    "link": "",
    "button": 'class="btn btn-primary btn-sm"',
}
MAIL_STYLES = {key: mark_safe(f" {value}" if value else "") for key, value in _MAIL.items()}  # noqa: S308 - constants
PAGE_STYLES = {key: mark_safe(f" {value}" if value else "") for key, value in _PAGE.items()}  # noqa: S308 - constants


# Local times in a digest: ISO 8601, like every date of the product, without seconds.
LOCAL_FORMAT = "%Y-%m-%d %H:%M"


def absolute(path: str) -> str:
    return settings.CMCOORD_SITE_URL.rstrip("/") + path


def build_context(operation, audience: str, keys: list[str], start: datetime, end: datetime, next_end: datetime):
    """The digest's data for ``audience`` over ``[start, end)``: plain, JSON-serialisable, stored as is."""
    access = audience_access(operation, AUDIENCE_STANDING[Audience(audience)])
    scope = sections.DigestScope(operation=operation, access=access, start=start, end=end, next_end=next_end)
    zone = operation.time_zone
    return {
        "operation": {"name": operation.name, "code": operation.code, "time_zone": str(zone)},
        "audience": audience,
        "period": {
            "start": start.astimezone(zone).strftime(LOCAL_FORMAT),
            "end": end.astimezone(zone).strftime(LOCAL_FORMAT),
            "next_end": next_end.astimezone(zone).strftime(LOCAL_FORMAT),
        },
        "dashboard_url": absolute(reverse("operations:detail", kwargs={"code": operation.code})),
        "sections": sections.build(scope, keys),
    }


def subject_of(context: dict) -> str:
    return _("%(operation)s: CMCoord digest, %(start)s to %(end)s") % {
        "operation": context["operation"]["name"],
        "start": context["period"]["start"][:10],
        "end": context["period"]["end"][:10],
    }


def _render_sections(context: dict, styles: dict, extension: str) -> list[dict]:
    rendered = []
    for entry in context.get("sections", []):
        section = sections.get(entry["key"])
        if section is None:  # a section whose app is gone: its data stays stored, it is no longer shown
            continue
        body = render_to_string(
            f"{section.template}.{extension}",
            {"data": entry["data"], "s": styles, "product_url": context.get("dashboard_url", "")},
        ).strip()
        rendered.append({"key": section.key, "title": section.title, "body": mark_safe(body)})  # noqa: S308
    return rendered


def _template_context(context: dict, styles: dict, extension: str) -> dict:
    return {
        "digest": context,
        "audience_label": Audience(context["audience"]).label,
        "sections": _render_sections(context, styles, extension),
        "s": styles,
    }


def _right_to_left(styles: dict) -> dict:
    """The mail's inline styles for a language written right to left: what starts on the left starts on the right."""
    sides = {"text-align:left": "text-align:right", "text-align:right": "text-align:left"}
    swapped = {}
    for key, value in styles.items():
        value = re.sub(r"text-align:(left|right)", lambda match: sides[match.group(0)], value)
        swapped[key] = mark_safe(value)  # noqa: S308 - constants
    return swapped


MAIL_STYLES_RTL = _right_to_left(MAIL_STYLES)


def render_mail(context: dict, language: str | None = None) -> tuple[str, str, str]:
    """Subject, HTML and text parts of the mail in ``language`` (workers have no request; default: the site's).
    ``context`` should have been built in the same language (:func:`build_context` under
    ``translation.override``): its labels (modes, levels, areas) are written as it was built."""
    with translation.override(language or settings.LANGUAGE_CODE):
        right_to_left = translation.get_language_bidi()
        styles = MAIL_STYLES_RTL if right_to_left else MAIL_STYLES
        written = {"mail_language": translation.get_language(), "mail_direction": "rtl" if right_to_left else "ltr"}
        subject = subject_of(context)
        html = render_to_string("digests/email.html", {**_template_context(context, styles, "html"), **written})
        text = render_to_string("digests/email.txt", {**_template_context(context, {}, "txt"), **written})
    return subject, html, text


def render_page(context: dict) -> str:
    """The digest's body for a page of the site (archive, preview): the same templates, the site's classes."""
    return render_to_string("digests/_body.html", _template_context(context, PAGE_STYLES, "html"))
