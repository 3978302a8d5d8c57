from django import template

register = template.Library()


@register.simple_tag
def cell(column, record):
    """A list page's cell: ``column`` of ``record`` (see :class:`cmcoord.records.columns.Column`)."""
    return column.render(record)


@register.simple_tag
def form_layout(form):
    """The record form's fields in its declared layout (:mod:`cmcoord.records.forms`)."""
    from cmcoord.records.forms import render_layout

    return render_layout(form)


@register.simple_tag
def counted(phrase, number):
    """A plural phrase declared with ``ngettext_lazy(..., "count")`` for ``number``: "3 trainings listed"."""
    return phrase % {"count": number}
