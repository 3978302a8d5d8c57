"""The chooser: how a form offers several records (actors met, participants, tasks, audience, parties notified …).

The server renders a plain ``<select multiple>`` of the options the form's scoped queryset allows, so the form works
without script (a phone shows its own picker). ``static/js/chooser.js`` turns it into a filter box over a list of
checkboxes: native controls a finger, a keyboard and a screen reader all know, the chosen ones kept on top whatever
the filter. The script only ever shows options the page already holds: it asks the server for nothing, so a chooser
can never offer a record the form's queryset does not (the scoping stays in the form).

The chooser's own words (the filter's placeholder, "No match", the count) come from here, translated, as data
attributes: the script holds no text of its own.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

#: What the script says, by data attribute; ``%(count)s`` is replaced by a number. The counts avoid plural forms
#: ("Chosen: 3") so that one string serves every language, Arabic's six plural forms included.
CHOOSER_TEXTS = {
    "data-chooser-filter": _("Type to filter"),
    "data-chooser-none": _("No match"),
    "data-chooser-count": _("Chosen: %(count)s"),
    "data-chooser-more": _("%(count)s more not shown: type to narrow the list"),
    "data-chooser-chosen": _("Chosen"),
}


class ChooserMixin:
    """What makes a select a chooser (see the module): its data attributes, read by the script.

    ``add_pattern`` (a regular expression, JavaScript syntax) lets the filter box offer what it holds as a value
    of its own when no option matches and the text matches the pattern whole (a task reference typed in full):
    the server then decides, like any posted value, whether the user may choose it. ``add_text`` says so
    ("Link the task %(value)s").
    """

    def __init__(self, attrs=None, choices=(), *, add_pattern: str = "", add_text=""):
        super().__init__(attrs, choices)
        self.add_pattern = add_pattern
        self.add_text = add_text

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        if self.allow_multiple_selected:
            widget_attrs.setdefault("size", 6)
        widget_attrs["data-chooser"] = ""
        widget_attrs.update({key: str(text) for key, text in CHOOSER_TEXTS.items()})
        if self.add_pattern:
            widget_attrs["data-chooser-add-pattern"] = self.add_pattern
            widget_attrs["data-chooser-add"] = str(self.add_text)
        return context


class Chooser(ChooserMixin, forms.SelectMultiple):
    """A multiple choice the script makes searchable; without script, a ``<select multiple>``."""


class SingleChooser(ChooserMixin, forms.Select):
    """One choice among many (a task served), drawn like the others: ticking one unticks the one ticked before,
    unticking it leaves the field empty. Without script, a ``<select>``."""


def use_chooser(field: forms.Field) -> None:
    """Give a multiple choice of records (``field``) the chooser, keeping its attributes; other fields and the
    multiple choices already drawn otherwise (checkboxes, a chooser) are left as they are."""
    if isinstance(field, forms.ModelMultipleChoiceField) and type(field.widget) is forms.SelectMultiple:
        widget = Chooser(attrs=field.widget.attrs)
        widget.choices = field.widget.choices
        widget.is_required = field.widget.is_required
        field.widget = widget
