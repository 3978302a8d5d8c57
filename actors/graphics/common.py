"""Helpers shared by the stakeholder map and the relationship network.

The drawings are Django templates (``templates/actors/graphics/``) rendered with autoescaping, so these helpers
never escape anything themselves: they only make values fit for the templates. Numbers are formatted here, as
strings, because the template language would localise a float ("12,5" in French) and break the coordinates.
"""

import re
from urllib.parse import urlsplit

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"

# A tap target of at least 24 by 24 CSS pixels (WCAG 2.2, 2.5.8) once the drawing is at its minimum rendered
# size, where one SVG unit is one CSS pixel (see the min-width rules in static/css/app.css).
TARGET_SIZE = 24

CHAR_WIDTH = 0.5  # rough average glyph width, as a share of the font size

# Characters XML 1.0 forbids even when escaped; a pasted name holding one would break the whole document.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TOKEN_UNSAFE = re.compile(r"[^a-z0-9_-]+")


def clean(value: object) -> str:
    """The text of ``value`` without the characters XML forbids and with its runs of whitespace collapsed."""
    return " ".join(_INVALID_XML.sub("", str(value)).split())


def token(value: object) -> str:
    """A choice key made safe for a class name or an id."""
    return _TOKEN_UNSAFE.sub("-", str(value).lower()).strip("-") or "other"


def num(value: float) -> str:
    """A coordinate with at most one decimal, stable across runs and never localised."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def truncate(label: object, limit: int) -> str:
    """``label`` cut to ``limit`` characters, an ellipsis marking the cut."""
    label = clean(label)
    if len(label) <= limit:
        return label
    return label[: max(limit - 1, 1)].rstrip() + "…"


def safe_url(url: object) -> str | None:
    """Only relative and http(s) links: no ``javascript:`` or ``data:`` URL reaches an href."""
    url = clean(url)
    if not url:
        return None
    scheme = urlsplit(url).scheme.lower()
    return url if scheme in {"", "http", "https"} else None


def render_svg(template_name: str, context: dict) -> SafeString:
    """Render one drawing's template. The templates autoescape every value, and hold no ``style`` attribute,
    no ``<style>`` element and no script, so the result obeys the site's Content-Security-Policy."""
    return render_to_string(template_name, context)
