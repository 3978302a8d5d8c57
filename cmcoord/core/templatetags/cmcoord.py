"""Small template helpers used across the product."""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``{{ mapping|get_item:key }}``: a dictionary lookup with a variable key."""
    return mapping.get(key, "") if mapping else ""


@register.simple_tag
def icon(name, label=""):
    """``{% icon "pencil" %}``: an icon from the SVG sprite (``cmcoord/core/icons.py``).

    Decorative by default, hidden from screen readers; ``label`` makes it an image with that accessible name,
    for an icon that says something no text beside it says (a sort direction).
    """
    href = f"{static('icons/sprite.svg')}#{name}"
    if label:
        return format_html('<svg class="bi" role="img" aria-label="{}"><use href="{}"></use></svg>', label, href)
    return format_html('<svg class="bi" aria-hidden="true" focusable="false"><use href="{}"></use></svg>', href)


@register.simple_tag(takes_context=True)
def operation_sections(context, operation):
    """``{% operation_sections operation as groups %}``: the operation's navigation for the reader (see
    :mod:`cmcoord.core.navigation`), computed once per request however many times the page draws it."""
    from cmcoord.core.navigation import sections_for

    request = context["request"]
    cache = getattr(request, "_cmcoord_sections", {})
    if operation.pk not in cache:
        cache[operation.pk] = sections_for(request, operation)
        request._cmcoord_sections = cache
    return cache[operation.pk]
