"""The layout of a record's form, declared on the form and drawn by the one form page (``records/form.html``).

``layout = (main, side)``: two columns of items, each a field's name, a tuple of names shown side by side, or a
:class:`Fieldset` (a legend over items). :data:`PLACE` is the place pickers' fieldset every record with a place
shows. A form without ``layout`` shows its fields in order, the sensitivity, the place and the links beside them.
"""

from __future__ import annotations

from dataclasses import dataclass

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Fieldset:
    legend: str
    items: tuple

    def __init__(self, legend, *items):
        object.__setattr__(self, "legend", legend)
        object.__setattr__(self, "items", items)


PLACE = Fieldset(_("Place"), "admin1", "admin2")
SIDE_FIRST = ("sensitivity",)


def default_layout(form) -> tuple[list, list]:
    """Main: the form's fields in order; side: the sensitivity, the place, the choices of other records."""
    visible = [bound.name for bound in form.visible_fields()]
    place = [name for name in PLACE.items if name in visible]
    links = [
        name
        for name in visible
        if isinstance(form.fields[name], forms.ModelMultipleChoiceField | forms.ModelChoiceField) and name not in place
    ]
    side = [name for name in SIDE_FIRST if name in visible]
    if place:
        side.append(Fieldset(PLACE.legend, *place))
    side += links
    main = [name for name in visible if name not in set(side) | set(place) | set(links)]
    return main, side


def _render(form, item):
    if isinstance(item, str):
        return as_crispy_field(form[item]) if item in form.fields else ""
    if isinstance(item, Fieldset):
        inner = mark_safe("".join(_render(form, part) for part in item.items))  # noqa: S308 - rendered fields
        return format_html(
            '<fieldset class="border rounded p-2 mb-3"><legend class="fs-6 float-none w-auto px-1">{}</legend>{}'
            "</fieldset>",
            item.legend,
            inner,
        )
    names = [name for name in item if name in form.fields]
    width = max(12 // max(len(names), 1), 3)
    return format_html(
        '<div class="row g-2">{}</div>',
        format_html_join("", '<div class="col-sm-{}">{}</div>', ((width, as_crispy_field(form[n])) for n in names)),
    )


def _names(items):
    for item in items:
        if isinstance(item, str):
            yield item
        else:
            yield from _names(item.items if isinstance(item, Fieldset) else item)


def render_layout(form):
    """The form's visible fields in its two columns (HTML)."""
    main, side = getattr(form, "layout", None) or default_layout(form)
    placed = set(_names(main)) | set(_names(side))
    # A field added beside the declared layout (a mixin's) is never dropped: it follows the main column.
    main = [*main, *(bound.name for bound in form.visible_fields() if bound.name not in placed)]
    columns = [("col-lg-7", main), ("col-lg-5", side)]
    return format_html(
        '<div class="row g-3">{}</div>',
        format_html_join(
            "",
            '<div class="{}">{}</div>',
            ((css, mark_safe("".join(_render(form, item) for item in items))) for css, items in columns),  # noqa: S308
        ),
    )
